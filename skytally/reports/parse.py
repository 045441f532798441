"""parse_report: the text of an Air Force post -> a ParsedReport (pure; no I/O, no clock but a default).

The steps, each in its own module: find the dated header that makes a post a report
(_window.py), split the body into sections (_sections.py), read each section's weapon phrases
(_items.py), merge them into figures (_figures.py) and add them up (_totals.py). Any text gives a
ParsedReport: a post that is not a report is ``not_a_report``, a report read only in part lists
what it could not place in ``unplaced``. Nothing is raised for a text, however hostile.
"""

from __future__ import annotations

import datetime as dt
import re

from skytally.errors import ReportParseError
from skytally.reports._figures import FigureBuilder
from skytally.reports._items import Item, read_section
from skytally.reports._lexicon import LANGS, Lang, Lexicon, load_lexicon
from skytally.reports._numbers import count_of, fold_text
from skytally.reports._sections import Section, find_headline, split_sections
from skytally.reports._totals import compute_totals
from skytally.reports._window import Header, find_header
from skytally.reports.model import Count, ParsedReport, Totals, Unplaced

# The longest real report is under 4,000 characters; a text five times longer is not one, and
# refusing it bounds the work a hostile input can ask for.
MAX_CHARS = 20_000
_CYRILLIC = re.compile(r"[а-яіїєґА-ЯІЇЄҐ]")
_LATIN = re.compile(r"[a-zA-Z]")


def guess_lang(text: str) -> Lang:
    """Return "uk" when the text has more Cyrillic than Latin letters, else "en".

    >>> guess_lang("У ніч на 21 серпня противник атакував 574 ударними БпЛА типу Shahed")
    'uk'
    """
    return "uk" if len(_CYRILLIC.findall(text)) >= len(_LATIN.findall(text)) else "en"


def parse_report(text: str, *, lang: str | None = None, reference_date: dt.date | None = None) -> ParsedReport:
    """Return what an Air Force post states: its kind, day, window, figures and totals.

    Args:
        text: the post as published (Ukrainian, or the Air Force's English version).
        lang: "uk" or "en"; guessed from the letters when None.
        reference_date: the day the post was published. The posts give dates without a year:
            the report's date is the latest one not after reference_date + 1 day. Defaults to
            today, read at call time.

    Returns:
        A ParsedReport; ``kind == "not_a_report"`` for alerts, tracking posts, threats and
        regional tallies; ``unplaced`` non-empty for a report read only in part.

    Raises:
        ReportParseError: only for a wrong argument (an unknown ``lang``), never for the text.
    """
    if lang is not None and lang not in LANGS:
        raise ReportParseError(f"unknown language {lang!r}", field="lang", value=lang, hint="use 'uk' or 'en'")
    if not isinstance(text, str):
        raise ReportParseError("the report must be text", field="text", value=type(text).__name__)
    reference = reference_date if reference_date is not None else dt.date.today()
    chosen: Lang = lang if lang is not None else guess_lang(text[:5000])  # type: ignore[assignment]
    if len(text) > MAX_CHARS:
        return _not_a_report(chosen, reference, f"text of {len(text)} characters: too long for a report")
    folded = fold_text(text)
    lexicon = load_lexicon(chosen)
    header = find_header(folded, lexicon, reference)
    if header is None:
        return _not_a_report(chosen, reference)
    return _read_report(text, folded, lexicon, header, reference, reference_date is not None)


def _not_a_report(lang: Lang, reference: dt.date, warning: str | None = None) -> ParsedReport:
    return ParsedReport("not_a_report", lang, reference, None, (), Totals(), (), (warning,) if warning else ())


def _targets(items: list[Item]) -> Count | None:
    for item in items:
        if item.weapon_class == "targets" and item.count is not None:
            return item.count
    return None


def _location(folded: str, lexicon: Lexicon, key: str, start: int) -> Count | None:
    for pattern in lexicon.locations.get(key, []):
        match = pattern.search(folded, start)
        if match is not None:
            return count_of(match, "n", lexicon)
    return None


def _read_report(
    text: str, folded: str, lexicon: Lexicon, header: Header, reference: dt.date, reference_given: bool
) -> ParsedReport:
    warnings = list(header.warnings)
    if reference_given and header.kyiv_date is not None and abs(header.kyiv_date - reference) > dt.timedelta(days=1):
        warnings.append(
            f"the report is dated {header.kyiv_date.isoformat()} but was published "
            f"{reference.isoformat()}: a typo in its date?"
        )
    sections = split_sections(folded, lexicon, header.start)
    builder = FigureBuilder()
    unplaced: list[Unplaced] = []
    scanned: dict[str, list[Item]] = {"launched": [], "launch_intro": [], "destroyed": [], "hits": []}
    for section in sections:
        scan = read_section(folded, section.start, section.end, lexicon, _role(section))
        scanned[section.role] += scan.items
        if section.role != "hits":
            unplaced += scan.unplaced
    launched = scanned["launched"] or scanned["launch_intro"]
    for item in launched:
        if item.role == "ew_lost":
            continue
        builder.add_launched(item)
    for item in scanned["destroyed"] + [i for i in launched if i.role == "ew_lost"]:
        builder.add_counted(item)
    for item in scanned["hits"]:
        builder.add_counted(item)
    headline = find_headline(folded, lexicon)
    headline_targets = None
    if headline is not None:
        headline_targets = _targets(read_section(folded, *headline, lexicon, "destroyed").items)
    body_targets = _targets(scanned["destroyed"])
    if body_targets and headline_targets and body_targets != headline_targets:
        warnings.append(f"the headline says {headline_targets.value} targets, the body {body_targets.value}")
    figures = builder.figures()
    unplaced += builder.unplaced
    if not figures and not unplaced:
        unplaced.append(
            Unplaced(
                text[header.start : header.end],
                (header.start, header.end),
                "a report with no weapon the parser could read",
            )
        )
    totals = compute_totals(
        figures,
        launched_targets=_targets(launched),
        destroyed_targets=body_targets or headline_targets,
        hit_locations=_location(folded, lexicon, "hits", header.start),
        debris_locations=_location(folded, lexicon, "debris", header.start),
        has_destroyed_list=bool(scanned["destroyed"]) or any(s.role == "destroyed" for s in sections),
    )
    unique = {u.span: u for u in unplaced}
    return ParsedReport(
        kind=header.kind,
        lang=lexicon.lang,
        kyiv_date=header.kyiv_date,
        window=header.window,
        figures=figures,
        totals=totals,
        unplaced=tuple(sorted(unique.values(), key=lambda u: u.span)),
        warnings=tuple(warnings + builder.warnings),
    )


def _role(section: Section) -> str:
    return "launched" if section.role == "launch_intro" else section.role
