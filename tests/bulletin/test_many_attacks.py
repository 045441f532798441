"""Bulletins for many real attacks (2023-2026) in fr, en and uk: every number is a figure of the evidence.

The seed night is checked phrase by phrase in test_seed_night.py; this module checks the rules that
must hold for any attack, over a deterministic sample of the shared dataset: every 20th attack of
2023-2026, the ten largest by total and by missiles, and the first attack after each named event
of those years (so every event name is rendered). Each is rendered as text in the three languages
and as markdown in one of them (in turn), and each rendering must:

- write only numbers that are figures of its evidence (``Bulletin.figures``: a value, an exact
  value, a share as a percentage, or the round number a hedge such as "nearly" stands for), once
  the dates, clock times, bare years and proper names (event, dataset, author, licence, URLs) are
  taken out; numbers are read with the locale's grouping, so "1,000" in French is two numbers and
  fails;
- leak no Jinja syntax, no "None", "nan" or "Undefined", no blank left by an empty clause;
- in French and Ukrainian, hold no English word (Ukrainian: no Latin word at all but "skytally").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import pytest
from babel.dates import get_month_names

from skytally.bulletin import Bulletin, render_bulletin
from skytally.bulletin.lexicon import load_lexicon
from skytally.bulletin.wording import approximate
from skytally.context import build_context, load_events
from skytally.ledger.api import Ledger
from skytally.ledger.model import Attack

LANGS = ("fr", "en", "uk")
YEARS = range(2023, 2027)
EVERY = 20
LARGEST = 10

# The locale's grouping separator between digits: Babel writes a narrow no-break space in French,
# a no-break space in Ukrainian (either is accepted in both) and a comma in English. A plain space
# or the other locale's separator splits a number in two, which the figure check then catches.
GROUPING = {"fr": "[\u202f\xa0]", "en": ",", "uk": "[\u202f\xa0]"}
SPACE = "[ \u202f\xa0]"
CLOCK = re.compile(r"\b\d{1,2}(?::|h)\d{2}\b")

# Words that give English away in a French sentence; Ukrainian is checked for any Latin word.
ENGLISH_WORDS = re.compile(
    r"\b(the|and|of|since|launched|launches|nearly|more than|overnight|largest|attacks?|"
    r"drones and missiles|missiles of|shot down|air force|according|regions hit|kyiv time|"
    r"strike drones?|cruise missiles?|ballistic missiles?|exactly|in a row|month)\b",
    re.IGNORECASE,
)
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
UK_LATIN_ALLOWED = {"skytally"}
LEAKS = re.compile(r"\{\{|\}\}|\{%|%\}|\{#|#\}|\bNone\b|\bnan\b|\bNaN\b|\bUndefined\b|\bnull\b|\(\s*\)| [,.]|  ")


@dataclass(frozen=True)
class Rendered:
    """One attack's bulletins: text in every language, markdown in one."""

    attack: Attack
    text: dict[str, Bulletin]
    markdown: Bulletin


def pick_attacks(ledger: Ledger) -> list[Attack]:
    """Return the sample, in date order: every EVERY-th attack of YEARS, the largest, the first after each event."""
    pool = [a for a in ledger.attacks() if a.date.year in YEARS]
    chosen = pool[::EVERY]
    chosen += sorted(pool, key=lambda a: (-a.total, a.id))[:LARGEST]
    chosen += sorted(pool, key=lambda a: (-a.missiles, a.id))[:LARGEST]
    for event in load_events():
        after = next((a for a in pool if a.date > event.date), None)
        if event.date.year in YEARS and after is not None:
            chosen.append(after)
    return sorted({a.id: a for a in chosen}.values(), key=lambda a: (a.date, a.id))


@pytest.fixture(scope="module")
def rendered(ledger: Ledger) -> list[Rendered]:
    """Every sampled attack rendered through the public API, as a journalist's tool would."""
    attacks = ledger.attacks()
    out = []
    for i, attack in enumerate(pick_attacks(ledger)):
        context = build_context(attacks, attack)
        text = {lang: render_bulletin(attack, context, lang=lang, fmt="text") for lang in LANGS}  # type: ignore[arg-type]
        markdown = render_bulletin(attack, context, lang=LANGS[i % 3], fmt="markdown")  # type: ignore[arg-type]
        out.append(Rendered(attack, text, markdown))
    return out


def all_bulletins(rendered: list[Rendered], lang: str) -> list[Bulletin]:
    return [r.text[lang] for r in rendered] + [r.markdown for r in rendered if r.markdown.lang == lang]


def without_names(bulletin: Bulletin) -> str:
    """Return the text without the proper names it quotes: URLs, dataset, author, licence, event."""
    text = bulletin.text
    source = bulletin.context.source
    names = [*source.urls, source.dataset_url, source.dataset, source.dataset_author, source.licence]
    if bulletin.context.window is not None:
        names.append(bulletin.context.window.event_name)
    for name in sorted(names, key=len, reverse=True):
        text = text.replace(name, " ")
    return text


def without_dates(text: str, lang: str) -> str:
    """Return the text without its dates (day, month, year) and clock times."""
    months = {
        name for context in ("format", "stand-alone") for name in get_month_names("wide", context, locale=lang).values()
    }
    month = "(?:" + "|".join(sorted(map(re.escape, months), key=len, reverse=True)) + ")"
    year = rf"(?:,?{SPACE}\d{{4}}(?:{SPACE}року)?)?"
    text = CLOCK.sub(" ", text)
    text = re.sub(rf"\b\d{{1,2}}(?:er)?{SPACE}{month}\b{year}", " ", text)  # 21 août 2025, 1er août
    text = re.sub(rf"\b{month}{SPACE}\d{{1,2}}\b{year}", " ", text)  # August 21, 2025
    text = re.sub(rf"\b{month}{year}", " ", text)  # mid-July 2024, середини липня 2024 року
    # "night of 20 to 21 August": the first day stands alone before "au".
    return re.sub(r"\bdu (?:\d{1,2}|1er) au\b", " ", text)


def numbers_in(text: str, lang: str) -> list[tuple[int, str]]:
    """Return (number, kind) for every number: ``percent``, ``nearly``/``more_than`` (after the hedge), ``year``
    (19xx or 20xx without grouping: Babel groups every count from 1,000), ``ungrouped`` (any other
    run of four digits or more, which no locale writes), or ``plain``."""
    lexicon = load_lexicon(lang)
    hedges = {lexicon.nearly: "nearly", lexicon.more_than: "more_than"}
    hedge = "|".join(map(re.escape, hedges))
    number = rf"\d{{1,3}}(?:{GROUPING[lang]}\d{{3}})+(?!\d)|\d+"
    pattern = re.compile(rf"(?:\b(?P<hedge>{hedge}){SPACE})?(?P<n>{number})(?P<pct>{SPACE}?%)?")
    found = []
    for m in pattern.finditer(text):
        value = int(re.sub(r"\D", "", m.group("n")))
        if m.group("pct"):
            kind = "percent"
        elif m.group("hedge"):
            kind = hedges[m.group("hedge")]
        elif re.fullmatch(r"(19|20)\d\d", m.group("n")):
            kind = "year"
        elif re.fullmatch(r"\d{4,}", m.group("n")):
            kind = "ungrouped"
        else:
            kind = "plain"
        found.append((value, kind))
    return found


def unexplained_numbers(bulletin: Bulletin, attack: Attack, data_start: date) -> list[str]:
    """Return the numbers of a bulletin that are no figure of its evidence, as readable strings."""
    values = {f.value for f in bulletin.figures if isinstance(f.value, int)}
    values |= {int(f.exact) for f in bulletin.figures if f.exact and f.exact.isdigit()}
    shares = [f.value * 100 for f in bulletin.figures if isinstance(f.value, float)]
    years = set(range(data_start.year, attack.date.year + 1))
    text = without_dates(without_names(bulletin), bulletin.lang)
    bad = []
    for value, kind in numbers_in(text, bulletin.lang):
        if kind == "percent":
            ok = any(abs(share - value) <= 0.5 for share in shares)
        elif kind == "year":
            ok = value in years
        elif kind == "plain":
            ok = value in values
        elif kind == "ungrouped":
            ok = False
        else:
            ok = any(approximate(v).kind == kind and approximate(v).shown == value for v in values)
        if not ok:
            bad.append(f"{value} ({kind})")
    return bad


def test_the_sample_is_large_and_spread_over_the_years(rendered: list[Rendered]) -> None:
    assert len(rendered) >= 50
    assert {r.attack.date.year for r in rendered} == set(YEARS)
    # The sample reaches every kind of sentence: a rank naming the attacks above, a hedged sum, a
    # streak, the month beside the year before, regions, and a night that is not overnight.
    contexts = [r.text["en"].context for r in rendered]
    assert any(r.above for c in contexts for r in c.ranks)
    assert any(c.window and approximate(c.window.total).hedged for c in contexts)
    assert any(c.trend and c.trend.streak_nights for c in contexts)
    assert any(c.trend and c.trend.previous_total is not None for c in contexts)
    assert any(c.regions for c in contexts)
    assert any(not c.launch.overnight for c in contexts)
    assert any(c.defence and c.defence.not_reach_goal for c in contexts)


@pytest.mark.parametrize("lang", LANGS)
def test_every_number_in_the_text_is_a_figure_of_the_evidence(
    rendered: list[Rendered], ledger: Ledger, lang: str
) -> None:
    data_start = ledger.attacks()[0].date
    failures = []
    for r in rendered:
        for bulletin in (r.text[lang], r.markdown) if r.markdown.lang == lang else (r.text[lang],):
            bad = unexplained_numbers(bulletin, r.attack, data_start)
            if bad:
                failures.append(f"{r.attack.id} {lang} {bulletin.fmt}: {bad}\n{bulletin.text}")
    assert not failures, "\n\n".join(failures)


@pytest.mark.parametrize("lang", LANGS)
def test_no_placeholder_or_missing_value_leaks(rendered: list[Rendered], lang: str) -> None:
    failures = [
        f"{b.attack_id} {lang} {b.fmt}: {m.group()!r} in\n{b.text}"
        for b in all_bulletins(rendered, lang)
        for line in b.text.splitlines()
        for m in [LEAKS.search(line)]
        if m
    ]
    assert not failures, "\n\n".join(failures)


def test_no_english_word_in_french(rendered: list[Rendered]) -> None:
    failures = [
        f"{b.attack_id} fr {b.fmt}: {m.group()!r} in\n{b.text}"
        for b in all_bulletins(rendered, "fr")
        for m in [ENGLISH_WORDS.search(without_names(b))]
        if m
    ]
    assert not failures, "\n\n".join(failures)


def test_no_latin_word_in_ukrainian(rendered: list[Rendered]) -> None:
    failures = [
        f"{b.attack_id} uk {b.fmt}: {words} in\n{b.text}"
        for b in all_bulletins(rendered, "uk")
        for words in [sorted(set(LATIN_WORD.findall(without_names(b))) - UK_LATIN_ALLOWED)]
        if words
    ]
    assert not failures, "\n\n".join(failures)


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        (
            "fr",
            "près de 1\u202f000 drones, 36 missiles (94\u202f%)",
            [(1000, "nearly"), (36, "plain"), (94, "percent")],
        ),
        ("fr", "1,000 drones", [(1, "plain"), (0, "plain")]),
        ("en", "2434 drones in 2025", [(2434, "ungrouped"), (2025, "year")]),
        ("en", "more than 1,000 drones and 1 000 missiles", [(1000, "more_than"), (1, "plain"), (0, "plain")]),
        ("uk", "майже 1\xa0000 дронів (94%)", [(1000, "nearly"), (94, "percent")]),
    ],
    ids=["fr", "fr-english-grouping", "en-ungrouped", "en-plain-space", "uk"],
)
def test_numbers_are_read_with_the_locale_grouping(lang: str, text: str, expected: list[tuple[int, str]]) -> None:
    assert numbers_in(text, lang) == expected


@pytest.mark.parametrize(
    ("lang", "text", "left"),
    [
        ("fr", "dans la nuit du 20 au 21 août 2025, depuis la mi-juillet, le 1er août à 18h00 (623)", "623"),
        ("en", "overnight into August 21, 2025, since mid-July 2024, July 9 (728)", "728"),
        ("uk", "у ніч на 21 серпня 2025 року о 18:00, з середини липня 2024 року", ""),
    ],
)
def test_dates_and_times_are_taken_out_before_numbers_are_read(lang: str, text: str, left: str) -> None:
    assert re.findall(r"\d+", without_dates(text, lang)) == ([left] if left else [])
