"""`skytally context` in-process with CliRunner, against a store loaded with the shared dataset."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from skytally.cli import main


def _walk(obj):
    if isinstance(obj, dict):
        for key, value in obj.items():
            yield key, value
            yield from _walk(value)
    elif isinstance(obj, list):
        for value in obj:
            yield from _walk(value)


def test_json_carries_the_acceptance_figures(loaded_db: Path) -> None:
    result = CliRunner().invoke(main, ["--db", str(loaded_db), "context", "2025-08-21", "--format", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    drones = next(r for r in doc["ranks"] if (r["measure"], r["scope"]) == ("drones", "year"))
    missiles = next(r for r in doc["ranks"] if (r["measure"], r["scope"]) == ("missiles", "year"))
    assert (drones["rank"], missiles["rank"]) == (3, 8)
    total = next(r for r in doc["records"] if r["measure"] == "total")
    assert (total["last_larger"]["id"], total["last_larger"]["value"]) == ("2025-07-12", 623)
    window = next(w for w in doc["windows"] if w["id"] == "since_white-house-meeting")
    assert (window["total"], window["attacks"]) == (985, 3)
    ranks = {v for k, v in _walk(doc) if "rank" in k and isinstance(v, int)}
    assert not any(isinstance(v, bool) for k, v in _walk(doc) if "rank" in k)
    assert {3, 8} <= ranks


def test_text_and_explain(loaded_db: Path) -> None:
    args = ["--db", str(loaded_db), "context", "2025-08-21", "--since-event", "alaska", "--explain"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "drones             year           3rd of" in result.output
    assert "since the Alaska summit in Anchorage (2025-08-15): 1276" in result.output
    assert "2025-08-19: 280  rows 7d594ff6:968 7d594ff6:969 7d594ff6:970" in result.output


def test_unknown_event_is_a_one_line_error(loaded_db: Path) -> None:
    args = ["--db", str(loaded_db), "context", "2025-08-21", "--since-event", "moon landing"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1
    assert "Error: no event matches 'moon landing'; use one of:" in result.output


def test_date_without_attack_names_the_nearest(loaded_db: Path) -> None:
    result = CliRunner().invoke(main, ["--db", str(loaded_db), "context", "2022-10-10"])
    assert result.exit_code == 1
    assert "no national attack ended on 2022-10-10; nearest: 2022-10-09" in result.output


def test_bad_date_is_a_usage_error(loaded_db: Path) -> None:
    result = CliRunner().invoke(main, ["--db", str(loaded_db), "context", "21/08/2025"])
    assert result.exit_code == 2
    assert "expected a date YYYY-MM-DD, got '21/08/2025'" in result.output
