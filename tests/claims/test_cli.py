"""`skytally check`: the seed article end to end, the three formats, and hostile input."""

from __future__ import annotations

import json
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from skytally.cli import main
from tests.conftest import shared_path


def invoke(db: Path, *args: str, stdin: bytes | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["--db", str(db), "check", *args], obj={}, input=stdin)
    return result.exit_code, result.output


def test_seed_json_via_cli(report_db: Path) -> None:
    seed = shared_path("reference", "seed-article-fr.txt")
    code, out = invoke(report_db, str(seed), "--lang", "fr", "--published", "2025-08-21", "--format", "json")
    assert code == 0, out
    data = json.loads(out)
    verdicts = {(c["kind"], json.dumps(c["claimed"])): c["verdict"] for c in data["claims"]}
    assert verdicts[("rank", json.dumps({"rank": 8, "measure": "missiles", "scope": "year"}))] == "depends_on_source"
    assert data["article"]["attack_date"] == "2025-08-21"


def test_text_format_reports_counts(report_db: Path) -> None:
    seed = shared_path("reference", "seed-article-fr.txt")
    code, out = invoke(report_db, str(seed), "--published", "2025-08-21")
    assert code == 0, out
    assert "8 supported, 0 contradicted, 1 depend on the source, 2 not checkable" in out
    assert "[DEPENDS_ON_SOURCE] rank" in out


def test_html_format_marks_claims(report_db: Path) -> None:
    seed = shared_path("reference", "seed-article-fr.txt")
    code, out = invoke(report_db, str(seed), "--published", "2025-08-21", "--format", "html")
    assert code == 0, out
    assert out.count('<mark class="supported"') == 5  # record, 614, 574 + 40, west, 1 000
    assert '<mark class="depends_on_source"' in out


def test_stdin(loaded_db: Path) -> None:
    text = "Overnight, Russia launched 93 drones at Ukraine, the Air Force said."
    code, out = invoke(loaded_db, "-", "--published", "2025-08-20", "--format", "json", stdin=text.encode())
    assert code == 0, out
    (claim,) = json.loads(out)["claims"]
    assert (claim["kind"], claim["verdict"], claim["ledger_value"]) == ("count", "supported", 93)


def test_html_page_with_scripts_uses_main_text_and_date(loaded_db: Path, tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        "<!doctype html><html><head><meta property='article:published_time' content='2025-08-20T08:00:00Z'>"
        "<script>var x = '999 drones and missiles';</script></head><body><nav>Menu</nav><article>"
        "<h1>Night attack</h1><p>Overnight, Russia launched 93 drones at Ukraine, the Air Force said in its "
        "morning report, adding that most of them were shot down over the north and east of the country.</p>"
        "<p>Officials said the attack damaged homes in two regions and that repair crews were at work.</p>"
        "</article><script>alert('614 drones')</script></body></html>",
        encoding="utf-8",
    )
    code, out = invoke(loaded_db, str(page), "--format", "json")
    assert code == 0, out
    data = json.loads(out)
    assert data["article"]["published"] == "2025-08-20"
    assert "999" not in out
    assert "alert" not in out
    counts = [c for c in data["claims"] if c["kind"] == "count"]
    assert [(c["claimed"]["value"], c["verdict"]) for c in counts] == [(93, "supported")]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR", "binary data, not an article", id="binary"),
        pytest.param("Zelensky a rencontré ses alliés.".encode("latin-1"), "not UTF-8 text", id="latin-1"),
        pytest.param(b"x" * 1_000_001, "too long for an article", id="over-a-megabyte"),
    ],
)
def test_refusals(loaded_db: Path, tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "input.txt"
    path.write_bytes(content)
    code, out = invoke(loaded_db, str(path))
    assert code == 1
    assert message in out


def test_fifty_megabytes_refused_in_bounded_time(loaded_db: Path, tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    start = time.perf_counter()
    code, out = invoke(loaded_db, str(path))
    assert code == 1
    assert time.perf_counter() - start < 5
    assert "too long for an article" in out


def test_no_claims(loaded_db: Path, tmp_path: Path) -> None:
    path = tmp_path / "recipe.txt"
    path.write_text("Faites fondre le beurre. Ajoutez la farine et remuez.", encoding="utf-8")
    code, out = invoke(loaded_db, str(path), "--format", "json")
    assert code == 0, out
    assert json.loads(out)["claims"] == []


def test_installed_command_runs(report_db: Path) -> None:
    exe = shutil.which("skytally")
    assert exe is not None, "skytally is not installed (pip install -e .)"
    seed = shared_path("reference", "seed-article-fr.txt")
    done = subprocess.run(
        [exe, "--db", str(report_db), "check", str(seed), "--published", "2025-08-21", "--format", "json"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert len(json.loads(done.stdout)["claims"]) == 11
