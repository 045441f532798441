"""Charts render offline to SVG and PNG, with the title, the highlighted date and the source."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from skytally.bulletin.charts import chart_to_png, chart_to_svg, nights_chart, ranking_chart
from skytally.cli import main
from skytally.context import load_events
from skytally.ledger.api import Ledger
from skytally.ledger.model import Attack

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize(
    ("lang", "title", "highlight"),
    [("fr", "nuit par nuit", "21 août"), ("en", "night by night", "August 21"), ("uk", "по ночах", "21 серпня")],
)
def test_nights_chart_svg_has_title_highlight_events_and_source(
    ledger: Ledger, seed_attack: Attack, lang: str, title: str, highlight: str
) -> None:
    chart = nights_chart(
        ledger.attacks(),
        first=seed_attack.date - timedelta(days=29),
        last=seed_attack.date,
        lang=lang,  # type: ignore[arg-type]
        highlight=seed_attack,
        events=load_events(),
    )
    svg = chart_to_svg(chart)
    assert svg.startswith("<svg")
    assert title in svg
    assert highlight in svg
    assert "CC BY-NC-SA 4.0" in svg
    white_house = next(e for e in load_events() if e.id == "white-house-meeting")
    assert white_house.names[lang] in svg  # type: ignore[index]


def test_ranking_chart_marks_the_attack(ledger: Ledger, seed_attack: Attack) -> None:
    chart = ranking_chart(ledger.attacks(), seed_attack, measure="drones", lang="en")
    spec = chart.to_dict()
    rows = spec["data"]["values"]  # Altair lifts the layers' shared data to the top level
    assert [r["value"] for r in rows[:3]] == [728, 597, 574]
    assert [r["is_attack"] for r in rows].index(True) == 2
    svg = chart_to_svg(chart)
    assert "third in the ranking" in svg
    assert chart_to_png(chart).startswith(PNG_MAGIC)


@pytest.mark.parametrize(("kind", "suffix"), [("nights", "svg"), ("ranking", "png")])
def test_chart_cli_writes_the_file(loaded_db: Path, tmp_path: Path, kind: str, suffix: str) -> None:
    out = tmp_path / f"chart.{suffix}"
    args = ["--db", str(loaded_db), "chart", "--kind", kind, "--date", "2025-08-21", "--lang", "fr", "--out", str(out)]
    result = CliRunner().invoke(main, args, obj={})
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    assert data.startswith(PNG_MAGIC) if suffix == "png" else b"21 ao\xc3\xbbt" in data


def test_chart_cli_refuses_other_formats(loaded_db: Path, tmp_path: Path) -> None:
    args = ["--db", str(loaded_db), "chart", "--out", str(tmp_path / "chart.jpg")]
    result = CliRunner().invoke(main, args, obj={})
    assert result.exit_code == 2
    assert "expected a file ending in .svg or .png" in result.output
