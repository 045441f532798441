"""`skytally bulletin` in-process with click's CliRunner, over the session's loaded store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from skytally.cli import main


def run(loaded_db: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["--db", str(loaded_db), *args], obj={})
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    ("lang", "words"),
    [("fr", ("août", "troisième", "574")), ("en", ("August", "third", "574")), ("uk", ("серпня", "третя", "574"))],
)
def test_bulletin_text(loaded_db: Path, lang: str, words: tuple[str, ...]) -> None:
    code, out, _ = run(loaded_db, "bulletin", "2025-08-21", "--lang", lang)
    assert code == 0
    assert [w for w in words if w not in out] == []


def test_bulletin_explain_lists_evidence(loaded_db: Path) -> None:
    code, out, _ = run(loaded_db, "bulletin", "2025-08-21", "--lang", "en", "--explain")
    assert code == 0
    assert "rank.drones.year = 3" in out
    assert "record.total = 623 (exact: 2025-07-12)" in out
    assert "query:   skytally attacks --since 2025-08-19 --until 2025-08-21" in out


def test_bulletin_json(loaded_db: Path) -> None:
    code, out, _ = run(loaded_db, "bulletin", "2025-08-21", "--lang", "fr", "--format", "json")
    assert code == 0
    doc = json.loads(out)
    assert doc["lang"] == "fr"
    assert "mi-juillet" in doc["text"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("bulletin", "21/08/2025"), "expected a date YYYY-MM-DD"),
        (("bulletin", "2025-08-21", "--lang", "de"), "'de' is not one of"),
        (("bulletin", "1999-01-01"), "Error:"),
    ],
    ids=["bad-date", "bad-lang", "no-attack"],
)
def test_bulletin_errors(loaded_db: Path, args: tuple[str, ...], message: str) -> None:
    code, out, err = run(loaded_db, *args)
    assert code != 0
    assert message in err + out
