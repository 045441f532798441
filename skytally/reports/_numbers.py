"""Counts as the posts write them: «189», «181-м», «двома», «сто двадцять п'ять», «понад 50».

A report is typed by people at night: digits carry case suffixes («8-ма», «118-та»), small numbers
are words in any case and gender, and a bound word («понад», «до», «близько») turns a count into
a range. This module turns one matched number phrase into a :class:`Count`.
"""

from __future__ import annotations

import re

from skytally.reports._lexicon import Lexicon
from skytally.reports.model import Count

# Apostrophes the posts mix in «п’ять», «дев'ять»; folding keeps one form in the data file.
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "`": "'", "‘": "'"})
_WORD_SPLIT = re.compile(r"[\s-]+")


def fold_text(text: str) -> str:
    """Return ``text`` with look-alike characters made one, keeping every offset.

    Only one-to-one replacements are made, so a span found in the folded text points at the
    same characters in the original (the spans of the parsed report refer to the input).

    >>> fold_text("п’ять") == "п'ять"
    True
    """
    folded = text.translate(_APOSTROPHES)
    folded = folded.replace("\u00a0", " ").replace("\u202f", " ").replace("\t", " ")
    return folded.replace("\r", "\n")


def words_value(words: list[str], table: dict[str, int]) -> int | None:
    """Return the value of a compound number in words, or None when the words do not combine.

    Magnitudes must fall (hundreds, tens, units), with «тисяч…» multiplying what precedes it.

    >>> words_value(["сто", "двадцять", "п'ять"], {"сто": 100, "двадцять": 20, "п'ять": 5})
    125
    >>> words_value(["два", "три"], {"два": 2, "три": 3}) is None
    True
    """
    total = 0
    group = 0
    # What may still come: 3 anything, 2 after the hundreds, 1 after the tens (units only), 0 none.
    state = 3
    for word in words:
        value = table.get(word.casefold())
        if value is None:
            return None
        if value == 1000:
            if total:
                return None
            total, group, state = max(group, 1) * 1000, 0, 3
            continue
        if value >= 100:
            allowed, state = state == 3, 2
        elif value >= 10:
            allowed, state = state >= 2, 1 if value >= 20 else 0
        else:
            allowed, state = state >= 1, 0
        if not allowed:
            return None
        group += value
    return total + group


def count_of(match: re.Match[str], prefix: str, lexicon: Lexicon) -> Count | None:
    """Return the Count of a match of the ``@num:prefix@`` template, or None if it is no number."""
    raw = match.group(f"{prefix}_value")
    bound_word = match.group(f"{prefix}_bound")
    value: int | None
    digits = re.match(r"[\d \u00a0\u202f]+", raw)
    if digits and digits.group(0).strip():
        value = int(re.sub(r"\D", "", digits.group(0)))
    else:
        value = words_value([w for w in _WORD_SPLIT.split(raw) if w], lexicon.number_words)
        if value is None:
            # Words that do not combine («двома трьома»): read the first one alone.
            first = _WORD_SPLIT.split(raw)[0]
            value = lexicon.number_words.get(first.casefold())
    if value is None:
        return None
    if bound_word:
        bound = lexicon.bounds.get(re.sub(r"\s+", " ", bound_word).casefold())
        if bound is not None:
            return Count(value, bound)  # type: ignore[arg-type]
    return Count(value)


def value_span(match: re.Match[str], prefix: str) -> tuple[int, int]:
    """Return the span of a number match including its bound word."""
    start = match.start(f"{prefix}_bound")
    if start < 0:
        start = match.start(f"{prefix}_value")
    return start, match.end(f"{prefix}_value")
