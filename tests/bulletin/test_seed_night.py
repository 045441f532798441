"""The seed article's night (20 -> 21 Aug 2025) as bulletins in fr, en and uk, every figure in its locale."""

from __future__ import annotations

import json
import re

import pytest

from skytally.bulletin import render_bulletin
from skytally.bulletin.wording import approximate
from skytally.context import AttackContext
from skytally.ledger.model import Attack

NNBSP = "\u202f"
NBSP = "\xa0"

# Each language: the words and figures the text must hold, formatted for its locale. The figures
# are the ledger's (docs/context.md checks them against the hand count in ../shared/reference).
EXPECTED = {
    "fr": [
        "21 août 2025",
        "574 drones d'attaque",
        "610 drones et missiles",
        "troisième attaque",
        "huitième attaque",
        "depuis la mi-juillet",
        "623 drones et missiles le 12 juillet",
        "du 9 juillet (728) et du 12 juillet (597)",
        f"près de 1{NNBSP}000 drones et missiles en 3 attaques (985 exactement)",
        f"2{NNBSP}434 drones et missiles",
        "régions occidentales (Lviv, Rivne, Volhynie et Transcarpatie)",
        "Petro Ivaniuk",
        "CC BY-NC-SA 4.0",
    ],
    "en": [
        "August 21, 2025",
        "574 strike drones",
        "1 missile of unknown type",
        "third-largest attack of 2025",
        "eighth-largest",
        "since mid-July",
        "July 9 (728) and July 12 (597)",
        "nearly 1,000 drones and missiles in 3 attacks (985 exactly)",
        "2,434 drones and missiles",
        "western regions",
        "Petro Ivaniuk",
        "CC BY-NC-SA 4.0",
    ],
    "uk": [
        "21 серпня 2025 року",
        "574 ударні дрони",
        "1 ракету невстановленого типу",
        "третя за масштабом атака 2025 року",
        "восьма",
        "з середини липня",
        "623 дрони й ракети",
        f"майже 1{NBSP}000 дронів і ракет за 3 атаки (точно — 985)",
        f"2{NBSP}434 дрони й ракети",
        "32 ночі поспіль",
        "західні області",
        "Petro Ivaniuk",
        "CC BY-NC-SA 4.0",
    ],
}


@pytest.mark.parametrize("lang", ["fr", "en", "uk"])
def test_seed_bulletin_states_every_figure_in_its_locale(
    seed_attack: Attack, seed_context: AttackContext, lang: str
) -> None:
    text = render_bulletin(seed_attack, seed_context, lang=lang).text  # type: ignore[arg-type]
    missing = [phrase for phrase in EXPECTED[lang] if phrase not in text]
    assert not missing, f"{missing} not in:\n{text}"
    assert seed_attack.source_urls[0] in text


@pytest.mark.parametrize("lang", ["fr", "en", "uk"])
def test_every_number_in_the_text_is_a_figure_of_the_evidence(
    seed_attack: Attack, seed_context: AttackContext, lang: str
) -> None:
    bulletin = render_bulletin(seed_attack, seed_context, lang=lang)  # type: ignore[arg-type]
    body = "\n".join(bulletin.text.split("\n")[:-2])  # the source line holds the licence's and URL's digits
    numbers = {int(re.sub(r"\D", "", n)) for n in re.findall(r"\d[\d,\u202f\xa0]*\d|\d", body)}
    counts = {round(f.value * 100) if isinstance(f.value, float) else f.value for f in bulletin.figures}
    hedges = {approximate(int(f.exact)).shown for f in bulletin.figures if f.exact and f.exact.isdigit()}
    # Days and years of the dates the text names: the attack's night, and the dates in the evidence.
    iso = re.compile(r"(\d{4})-\d{2}-(\d{2})")
    texts = [seed_attack.start.date().isoformat(), seed_attack.date.isoformat()]
    texts += [t for f in bulletin.figures for t in (*f.attacks, f.exact or "", f.description)]
    days = {int(part) for t in texts for m in iso.finditer(t) for part in m.groups()}
    dated_values = {a.value for a in seed_context.rank("drones", "year").evidence.attacks}
    years = {seed_attack.date.year - 1}  # "the same days of 2024"
    assert numbers - (counts | hedges | days | dated_values | years) == set(), bulletin.text


def test_evidence_keeps_the_exact_figures_behind_vague_words(seed_attack: Attack, seed_context: AttackContext) -> None:
    figures = {f.key: f for f in render_bulletin(seed_attack, seed_context, lang="fr").figures}
    assert figures["record.total"].exact == "2025-07-12"
    assert figures["record.total"].value == 623
    window = figures["window.since_white-house-meeting"]
    assert (window.value, window.exact) == (985, "985")
    assert window.attacks == ("2025-08-19", "2025-08-20", "2025-08-21")
    assert figures["rank.drones.year"].value == 3
    assert figures["rank.drones.year"].attacks == ("2025-07-09", "2025-07-12")
    assert figures["rank.missiles.year"].value == 8
    assert figures["launched.total"].rows == tuple(ref for f in seed_attack.figures for ref in f.evidence)


@pytest.mark.parametrize(
    ("fmt", "marker"),
    [("markdown", "## "), ("html", '<article class="skytally-bulletin" lang="en"')],
)
def test_markdown_and_html_carry_the_same_sentences(
    seed_attack: Attack, seed_context: AttackContext, fmt: str, marker: str
) -> None:
    text = render_bulletin(seed_attack, seed_context, lang="en", fmt=fmt).text  # type: ignore[arg-type]
    assert text.startswith(marker)
    assert "third-largest attack of 2025" in text
    assert f"({seed_attack.source_urls[0]})" in text or f'href="{seed_attack.source_urls[0]}"' in text


def test_json_holds_text_context_and_figures(seed_attack: Attack, seed_context: AttackContext) -> None:
    doc = json.loads(render_bulletin(seed_attack, seed_context, lang="uk", fmt="json").text)
    assert doc["attack"] == "2025-08-21"
    assert "третя" in doc["text"]
    assert doc["context"]["launch"]["drones"] == 574
    assert {f["key"]: f["value"] for f in doc["figures"]}["window.since_white-house-meeting"] == 985
