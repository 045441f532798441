"""Find the claims of an article about aerial attacks, in French, English or Ukrainian.

:func:`extract_claims` reads sentence by sentence and returns :class:`Claim` records: counts by
class and model, totals and the arithmetic between them, shot down and shares, ranks and records,
sums over windows and since events, the regions struck; casualties, damage and Russian claims are
kept as claims that cannot be checked. Wording lives in data/lexicon/{lang}.toml. What cannot be
read with confidence is kept with ``unreadable`` set, never guessed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from skytally.claims._counts import (
    OF_PART,
    count_spots,
    governed_by_shot_down,
    hedge_before,
    is_hit,
    is_lost,
    is_percent,
    is_whole,
)
from skytally.claims._dates import DateSpan, find_dates, find_month_window, find_since, resolve_night
from skytally.claims._places import find_places
from skytally.claims._ranks import iso, rank_claims
from skytally.claims._text import Number, Sentence, find_numbers, find_phrase, has_phrase, split_sentences
from skytally.claims.lexicon import Lexicon
from skytally.claims.model import Claim
from skytally.context.regions import RegionMap
from skytally.ledger.taxonomy import Taxonomy

# A sentence of a news article is a few hundred characters; past this it is a table or a page
# with no full stops, and reading it would cost time for no claim worth a verdict.
MAX_SENTENCE = 2_000


@dataclass(frozen=True, slots=True)
class Extracted:
    """The claims of an article and the night it is about."""

    attack_date: date | None
    claims: tuple[Claim, ...]


def _lower(text: str) -> str:
    # Lower-case without changing the length, so positions stay valid in the original text.
    low = text.lower()
    if len(low) != len(text):  # a rare character whose lower case is longer ("İ")
        low = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)
    return low.replace("’", "'")


def extract_claims(
    text: str,
    lexicon: Lexicon,
    *,
    published: date | None,
    taxonomy: Taxonomy,
    region_map: RegionMap,
    events: Mapping[str, Any],
) -> Extracted:
    """Return the claims of a text and the night the article is about.

    The article's night is the first night a sentence names ("dans la nuit de mercredi à jeudi",
    "overnight", "у ніч на 21 серпня"), else the publication date. A sentence that names another
    night ("la veille", "on 9 July") is checked against that night.
    """
    sentences = split_sentences(text)
    lows = [_lower(s.text) for s in sentences]
    attack_date = None
    for low in lows:
        if len(low) > MAX_SENTENCE:
            continue
        attack_date = resolve_night(low, lexicon, published, weekday_alone=bool(count_spots(low, lexicon, taxonomy)))
        if attack_date is not None:
            break
    if attack_date is None:
        attack_date = published
    claims: list[Claim] = []
    for sentence, low in zip(sentences, lows, strict=True):
        if len(low) > MAX_SENTENCE:
            continue  # not a sentence of an article (a table, a run of text with no full stop)
        claims.extend(_sentence_claims(sentence, low, lexicon, attack_date, published, taxonomy, region_map, events))
    return Extracted(attack_date, tuple(_with_arithmetic(claims)))


def _attribution(low: str, lexicon: Lexicon) -> str | None:
    for who, words in lexicon.attribution.items():
        if has_phrase(low, words):
            return who
    return None


def _sentence_claims(
    sentence: Sentence,
    low: str,
    lexicon: Lexicon,
    article_night: date | None,
    published: date | None,
    taxonomy: Taxonomy,
    region_map: RegionMap,
    events: Mapping[str, Any],
) -> list[Claim]:
    spots = count_spots(low, lexicon, taxonomy)
    dates = [d for d in find_dates(low, lexicon, published) if not d.range_part]
    own_night = resolve_night(low, lexicon, published, weekday_alone=bool(spots))
    comparison = has_phrase(low, lexicon.phrases("superlative")) or has_phrase(low, lexicon.phrases("record"))
    dated = False
    if own_night is None and (spots or comparison):
        # "the 9 July attack", "le 9 juillet, la Russie a lancé...": a date that opens no period.
        own_night = next((d.day for d in dates if not d.since), None)
        dated = own_night is not None
    night = own_night or article_night
    who = _attribution(low, lexicon)
    base = Claim(sentence.text, sentence.start, sentence.end, "count", {}, {}, night, who)
    if has_phrase(low, lexicon.phrases("casualties")):
        numbers = [n.value for n in find_numbers(low, lexicon)]
        casualties = replace(
            base,
            assertion={"subject": "casualties", "night": iso(night)},
            claimed={"numbers": numbers},
            unreadable="casualties are not in the ledger, which counts weapons launched and shot down",
        )
        # "у Львові загинули четверо людей": where it struck is still checkable.
        return [casualties, *_region_claims(base, low, lexicon, region_map, night)]
    outside = has_phrase(low, lexicon.phrases("outside")) or who == "russia"
    claims: list[Claim] = []
    shot_pos = find_phrase(low, lexicon.phrases("shot_down"))
    launch_pos = find_phrase(low, lexicon.phrases("launch"))
    suppressed_too = has_phrase(low, lexicon.phrases("suppressed"))
    since = find_since(low, lexicon, night, events)
    # "Earlier this month, on Aug. 21, ...": with a date of its own, "this month" places the night.
    window = None if dated else _window(low, lexicon, night, since)
    single_night = has_phrase(low, lexicon.phrases("single_night"))
    # "en deux nuits", "over the weekend", "за дві ночі": several nights the checker does not date.
    several_nights = find_phrase(low, lexicon.phrases("multi_night"))
    # "Since the summit, Russia has launched 1,600...": a sum since a moment not dated here.
    undated_since = None
    if since is None and window is None and not comparison:
        undated_since = find_phrase(low, tuple(p for p in lexicon.phrases("since") if len(p.strip()) > 3))
    for number, measure, hedge in spots:
        if number.value != int(number.value):
            continue
        number_night = _number_night(number, dates, comparison) or night
        assertion: dict[str, Any] = {"measure": measure, "hedge": hedge, "night": iso(number_night)}
        claimed = {"value": int(number.value), "hedge": hedge, "measure": measure}
        kind = "total" if measure == "total" else "count"
        unreadable = None
        if several_nights is not None and number_night == night and window is None:
            unreadable = f"a figure over several nights ('{several_nights[1]}') the checker does not date"
        elif undated_since is not None and number.start > undated_since[0] and number_night == night:
            since_text = sentence.text[undated_since[0] :][:40].strip()
            unreadable = f"a sum since a moment the checker cannot date ('{since_text}')"
        elif is_whole(low, number.start, lexicon):
            pass  # "747 of the 810 drones": 810 is what was launched, whatever the verb
        elif is_hit(low, number, lexicon):
            unreadable = "hits (weapons that reached a target) are not in the ledger"
        elif is_lost(low, number, lexicon):
            kind = "shot_down"
            assertion["lost_only"] = True
        elif shot_pos is not None and governed_by_shot_down(low, number, lexicon, launch_pos is None):
            kind = "shot_down"
            assertion["suppressed_too"] = suppressed_too
        elif window is not None and number_night == night:
            kind = "sum"
            assertion["window"] = window
            if single_night and window.get("month"):
                unreadable = f"a single night of {window['label']}, not named: the figure is not a sum"
        if who:
            assertion["attributed_to"] = who
        claim = replace(base, kind=kind, assertion=assertion, claimed=claimed, night=number_night)
        if outside:
            unreadable = "about Ukrainian drones over Russia or a Russian claim: outside the ledger"
        elif number_night is None:
            unreadable = "the night cannot be resolved: no publication date (give --published)"
        claims.append(replace(claim, unreadable=unreadable) if unreadable else claim)
    if shot_pos is not None and not outside:
        claims.extend(_shot_down_extras(base, low, lexicon, shot_pos[0], spots, night, suppressed_too))
    claims.extend(_vague_counts(base, low, lexicon))
    claims.extend(_share_claims(base, low, lexicon, shot_pos is not None, night, suppressed_too))
    claims.extend(rank_claims(base, low, lexicon, night, since))
    claims.extend(_region_claims(base, low, lexicon, region_map, night))
    return claims


def _number_night(number: Number, dates: list[DateSpan], comparison: bool) -> date | None:
    """Return the night a number is quoted for when a date stands next to it, else None.

    "the 9 July attack of 741", "741 drones on 9 July": a date just before (or just after, joined
    by on/le/du/на) the number. A "since" date names the number's night only in a comparison
    ("the largest since 9 July, when 741 were fired"); elsewhere it opens a window (a sum).
    """
    best = None
    for span in dates:
        if span.end <= number.start and number.start - span.end <= 40 and (comparison or not span.since):
            best = span.day
        elif span.start >= number.end and span.start - number.end <= 45 and not span.since:
            return best or span.day
    return best


def _window(low: str, lexicon: Lexicon, night: date | None, since: dict[str, Any] | None) -> dict[str, Any] | None:
    """Return the window a sum covers: nights from ``first`` to the article's night, or None."""
    if night is None:
        return None
    week = find_phrase(low, lexicon.phrases("week"))
    if week:
        return {"label": week[1], "first": (night - timedelta(days=6)).isoformat(), "last": night.isoformat()}
    if has_phrase(low, lexicon.phrases("superlative")) or has_phrase(low, lexicon.phrases("record")):
        return None
    if since is None or since.get("start_of") == "month":
        return find_month_window(low, lexicon, night)
    # Since an event: from the night after it (an event is a day, not an hour; docs/context.md).
    # A period ("since mid-July", "since 1 September") counts from its first day.
    first = since["to"] + timedelta(days=1) if since.get("event") else since["from"]
    return {"label": since["label"], "first": first.isoformat(), "last": night.isoformat(), "event": since.get("event")}


def _shot_down_extras(
    base: Claim,
    low: str,
    lexicon: Lexicon,
    shot_at: int,
    spots: list[tuple[Number, str, str]],
    night: date | None,
    suppressed_too: bool,
) -> list[Claim]:
    """Return shot-down counts given without a noun: "577 were shot down", "з них збито 577"."""
    counted = {n.start for n, _, _ in spots}
    claims = []
    for number in find_numbers(low, lexicon):
        if number.start in counted or is_percent(low, number.end, lexicon) or number.value != int(number.value):
            continue
        whole = OF_PART.match(low, number.end)
        of = next((m for n, m, _ in spots if whole and n.start == whole.end()), None)
        near = abs(number.start - shot_at) < 40 or (of is not None and number.start > shot_at)
        if not near or number.value < 2:
            continue
        measures = {of} if of else {m for _, m, _ in spots}
        if len(measures) > 1:
            continue  # "577 were shot down" after drones and missiles: which it counts is a guess
        measure = measures.pop() if measures else "total"
        hedge = hedge_before(low, number.start, lexicon)
        how = {"lost_only": True} if is_lost(low, number, lexicon) else {"suppressed_too": suppressed_too}
        claims.append(
            replace(
                base,
                kind="shot_down",
                assertion={"measure": measure, "hedge": hedge, "night": iso(night), **how},
                claimed={"value": int(number.value), "hedge": hedge, "measure": measure},
            )
        )
    return claims


def _vague_counts(base: Claim, low: str, lexicon: Lexicon) -> list[Claim]:
    hit = find_phrase(low, lexicon.vague_numbers)
    if hit is None or not has_phrase(low, lexicon.phrases("attack_nouns")):
        return []
    before = re.search(r"([\w,.]+)\s*$", low[: hit[0]])
    if before and (before.group(1)[:1].isdigit() or before.group(1) in lexicon.numbers):
        return []  # "8 сотень", "1,2 тисячі", "дві тисячі": a number, read as one
    return [
        replace(
            base,
            assertion={"phrase": hit[1], "night": iso(base.night)},
            claimed={"phrase": hit[1]},
            unreadable=f"'{hit[1]}' gives no number to test",
        )
    ]


def _share_claims(
    base: Claim, low: str, lexicon: Lexicon, shot: bool, night: date | None, suppressed_too: bool
) -> list[Claim]:
    claims = []
    measure = "drones" if has_phrase(low, lexicon.phrases("by_drones")) else None
    if measure is None and has_phrase(low, lexicon.phrases("by_missiles")):
        measure = "missiles"
    measure = measure or "total"
    for match in re.finditer(r"(\d+(?:[.,]\d+)?)\s*(%|pour cent|percent|per cent|відсот)", low):
        value = float(match.group(1).replace(",", "."))
        hedge = hedge_before(low, match.start(), lexicon)
        claim = replace(
            base,
            kind="share",
            assertion={
                "measure": measure,
                "share": value / 100,
                "hedge": hedge,
                "night": iso(night),
                "suppressed_too": suppressed_too,
            },
            claimed={"percent": value, "hedge": hedge},
        )
        if not shot:
            claim = replace(claim, unreadable="a share of something the ledger does not count")
        claims.append(claim)
    for key, floor in (("share_almost_all", 0.9), ("share_most", 0.5)):
        hit = find_phrase(low, lexicon.phrases(key))
        if hit and has_phrase(low, lexicon.phrases("attack_nouns")):
            claim = replace(
                base,
                kind="share",
                assertion={
                    "measure": measure,
                    "share_above": floor,
                    "night": iso(night),
                    "suppressed_too": suppressed_too,
                },
                claimed={"phrase": hit[1], "above": floor},
            )
            if not shot:
                claim = replace(
                    claim, unreadable="where the weapons struck (civilian areas, damage) is not in the ledger"
                )
            claims.append(claim)
            break
    return claims


def _region_claims(base: Claim, low: str, lexicon: Lexicon, region_map: RegionMap, night: date | None) -> list[Claim]:
    if not has_phrase(low, lexicon.phrases("strike")):
        return []
    macros = [key.removeprefix("macro_") for key, phrases in lexicon.regions.items() if has_phrase(low, phrases)]
    places = find_places(low, lexicon.lang, region_map)
    oblasts = [p.region for p in places if p.level == "region"]
    cities = [p.region for p in places if p.level == "city" and p.region not in oblasts]
    if not oblasts and not macros and not cities:
        return []
    return [
        replace(
            base,
            kind="region",
            assertion={"macro_regions": macros, "oblasts": oblasts, "cities": cities, "night": iso(night)},
            claimed={"regions": macros + oblasts, "cities": cities},
        )
    ]


def _with_arithmetic(claims: list[Claim]) -> list[Claim]:
    """Add a "parts add up" claim when a total and its drones and missiles are all given."""
    totals = [c for c in claims if c.kind == "total" and c.claimed.get("hedge") == "exact" and not c.unreadable]
    out = list(claims)
    for total in totals:
        parts = [
            c
            for c in claims
            if c.kind == "count"
            and c.night == total.night
            and c.claimed.get("measure") in ("drones", "missiles")
            and c.claimed.get("hedge") == "exact"
            and not c.unreadable
        ]
        by_measure = {c.claimed["measure"]: c for c in parts}
        if set(by_measure) != {"drones", "missiles"}:
            continue
        drones, missiles = by_measure["drones"], by_measure["missiles"]
        quote_from = drones if drones.start >= total.start else total
        out.append(
            replace(
                quote_from,
                kind="total",
                assertion={"measure": "total", "arithmetic": True, "night": total.assertion.get("night")},
                claimed={
                    "value": total.claimed["value"],
                    "parts": {"drones": drones.claimed["value"], "missiles": missiles.claimed["value"]},
                },
            )
        )
        break
    return out
