"""Ranks and records in a sentence: "la troisième ... la plus importante de l'année", "a record since mid-July".

An ordinal counts only beside a superlative ("the third anniversary" is no rank); "one of the
largest" names no rank; a rank among attacks on one kind of target ("the largest attack on the
energy system") is outside the ledger, which does not class attacks by target. A bare "record"
is read as the all-time record, which can support the claim but never contradict it: the writer
may mean a record of a period the sentence does not name.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from typing import Any

from skytally.claims._text import find_phrase, has_phrase
from skytally.claims.lexicon import Lexicon
from skytally.claims.model import Claim


def iso(day: date | None) -> str | None:
    """Return a date as ISO text, or None."""
    return day.isoformat() if day else None


def _ordinals(low: str, lexicon: Lexicon) -> list[tuple[int, int]]:
    """Return (position, n) of the ordinals of a sentence: "troisième", "3rd", "третя", "8-ма"."""
    found = []
    for match in re.finditer(r"(?<![\w])(\d{1,2})(?:e|ème|er|re|st|nd|rd|th|-?(?:тя|та|ма|ий|ій|я|й))(?!\w)", low):
        found.append((match.start(), int(match.group(1))))
    for match in re.finditer(r"[\w'’]+", low):
        word = match.group()
        if lexicon.lang == "uk":
            for stem, n in lexicon.ordinals.items():
                if word.startswith(stem) and len(word) - len(stem) <= 4:
                    found.append((match.start(), n))
                    break
        elif word in lexicon.ordinals:
            found.append((match.start(), lexicon.ordinals[word]))
    return sorted(found)


def rank_claims(
    base: Claim, low: str, lexicon: Lexicon, night: date | None, since: dict[str, Any] | None
) -> list[Claim]:
    superlative = find_phrase(low, lexicon.phrases("superlative"))
    record = find_phrase(low, lexicon.phrases("record"))
    if superlative is None and record is None:
        return []
    scope = _scope(low, lexicon, since)
    vague = find_phrase(low, lexicon.phrases("one_of"))
    # "the largest attack on the energy system", "наймасованіша атака по енергетиці": the target
    # qualifies the superlative only right after it, in its clause.
    anchor = superlative or record
    after = re.split(r"[,;:()]", low[anchor[0] : anchor[0] + 70])[0] if anchor else ""
    target = find_phrase(after, lexicon.phrases("target_kinds"))
    if vague is not None or target is not None:
        measure = _measure_in(low, lexicon, only_one=True) or "total"
        why = (
            f"'{vague[1]} ...' names no rank to test"
            if vague is not None
            else f"a rank among attacks on one kind of target ('{target[1] if target else ''}'): "
            "the ledger does not class attacks by target"
        )
        return [
            replace(
                base,
                kind="rank",
                assertion={"measure": measure, "rank": None, "scope": scope, "night": iso(night)},
                claimed={"rank": None, "measure": measure, "scope": scope, "phrase": (vague or target or (0, ""))[1]},
                unreadable=why,
            )
        ]
    ordinals = [o for o in _ordinals(low, lexicon) if superlative is not None and abs(o[0] - superlative[0]) < 120]
    claims = []
    if ordinals:
        for i, (pos, n) in enumerate(ordinals):
            end = ordinals[i + 1][0] if i + 1 < len(ordinals) else len(low)
            measure = _measure_in(low[pos:end], lexicon) or _measure_in(low, lexicon, only_one=True) or "total"
            claim = replace(
                base,
                kind="rank",
                assertion={"measure": measure, "rank": n, "scope": scope, "night": iso(night)},
                claimed={"rank": n, "measure": measure, "scope": scope},
            )
            if scope is None:
                claim = replace(claim, unreadable="the rank names no period (year, month, war) to rank within")
            claims.append(claim)
        return claims
    measure = _measure_in(low, lexicon, only_one=True) or "total"
    if since is not None and since.get("event") != "full-scale-invasion" and not since.get("start_of"):
        period = {"label": since["label"], "from": since["from"].isoformat(), "to": since["to"].isoformat()}
        return [
            replace(
                base,
                kind="record",
                assertion={"measure": measure, "since": period, "night": iso(night)},
                claimed={
                    "record_since": period["label"],
                    "from": period["from"],
                    "to": period["to"],
                    "measure": measure,
                },
            )
        ]
    if superlative is not None and scope is not None:
        return [
            replace(
                base,
                kind="rank",
                assertion={"measure": measure, "rank": 1, "scope": scope, "night": iso(night)},
                claimed={"rank": 1, "measure": measure, "scope": scope},
            )
        ]
    if record is not None:
        return [
            replace(
                base,
                kind="record",
                assertion={"measure": measure, "since": None, "night": iso(night), "bare": scope != "all_time"},
                claimed={"record_since": None, "measure": measure},
            )
        ]
    return []


def _scope(low: str, lexicon: Lexicon, since: dict[str, Any] | None) -> str | None:
    if has_phrase(low, lexicon.phrases("all_time")) or (
        since is not None and since.get("event") == "full-scale-invasion"
    ):
        return "all_time"
    if has_phrase(low, lexicon.phrases("month")):
        return "month"
    if has_phrase(low, lexicon.phrases("year")) or (since is not None and since.get("start_of") == "year"):
        return "year"
    return None


def _measure_in(low: str, lexicon: Lexicon, *, only_one: bool = False) -> str | None:
    drones = find_phrase(low, lexicon.phrases("by_drones"))
    missiles = find_phrase(low, lexicon.phrases("by_missiles"))
    if only_one and drones and missiles:
        return None
    if drones and (not missiles or drones[0] <= missiles[0]):
        return "drones"
    return "missiles" if missiles else None
