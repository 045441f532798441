"""Tables of cases for the wording helpers: plurals, ordinals, approximations, vague dates."""

from __future__ import annotations

from datetime import date

import pytest

from skytally.bulletin.wording import (
    approximate,
    format_approx,
    format_count,
    format_long_date,
    format_night_start,
    format_number,
    format_vague_date,
    ordinal_word,
)

NNBSP = "\u202f"  # Babel's French group separator (narrow no-break space)
NBSP = "\xa0"  # Babel's Ukrainian group separator


@pytest.mark.parametrize(
    ("value", "noun", "lang", "expected"),
    [
        (1, "missile", "uk", "1 ракету"),
        (2, "missile", "uk", "2 ракети"),
        (5, "missile", "uk", "5 ракет"),
        (11, "missile", "uk", "11 ракет"),
        (21, "missile", "uk", "21 ракету"),
        (22, "drone", "uk", "22 дрони"),
        (574, "strike_drone", "uk", "574 ударні дрони"),
        (610, "drones_and_missiles", "uk", "610 дронів і ракет"),
        (1, "cruise_missile", "fr", "1 missile de croisière"),
        (0, "attack", "fr", "0 attaque"),
        (33, "cruise_missile", "fr", "33 missiles de croisière"),
        (1, "night", "en", "1 night"),
        (32, "night", "en", "32 nights"),
        (1000, "drone", "fr", f"1{NNBSP}000 drones"),
    ],
    ids=lambda v: str(v),
)
def test_format_count_agrees_with_the_number(value: int, noun: str, lang: str, expected: str) -> None:
    assert format_count(value, noun, lang) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "lang", "gender", "expected"),
    [
        (3, "fr", "f", "troisième"),
        (1, "fr", "f", "première"),
        (1, "fr", "m", "premier"),
        (8, "fr", "f", "huitième"),
        (3, "en", "f", "third"),
        (21, "en", "f", "twenty-first"),
        (3, "uk", "f", "третя"),
        (3, "uk", "m", "третій"),
        (8, "uk", "f", "восьма"),
        (21, "uk", "f", "двадцять перша"),
        (3, "uk", "n", "третє"),
    ],
)
def test_ordinal_word_agrees_in_gender(value: int, lang: str, gender: str, expected: str) -> None:
    assert ordinal_word(value, lang, gender) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "kind", "shown"),
    [
        (985, "nearly", 1000),  # the seed article's "près de 1 000"
        (960, "nearly", 1000),
        (949, "exact", 949),  # more than 5 % under 1,000
        (900, "exact", 900),  # a round number is given as it is
        (1000, "exact", 1000),
        (1020, "more_than", 1000),  # above 1,000: never "nearly 1,000"
        (614, "more_than", 600),
        (640, "exact", 640),
        (1276, "exact", 1276),
        (1980, "nearly", 2000),
        (36, "exact", 36),  # below the minimum: small figures are exact
    ],
    ids=lambda v: str(v),
)
def test_approximate_is_honest(value: int, kind: str, shown: int) -> None:
    result = approximate(value)
    assert (result.kind, result.shown) == (kind, shown)
    if kind == "nearly":
        assert result.shown > value
    if kind == "more_than":
        assert result.shown < value


@pytest.mark.parametrize(
    ("value", "lang", "expected"),
    [
        (985, "fr", f"près de 1{NNBSP}000"),
        (1020, "fr", f"plus de 1{NNBSP}000"),
        (900, "fr", "900"),
        (614, "en", "more than 600"),
        (1020, "en", "more than 1,000"),
        (985, "uk", f"майже 1{NBSP}000"),
        (614, "uk", "понад 600"),
    ],
)
def test_format_approx_uses_the_lexicon_hedges(value: int, lang: str, expected: str) -> None:
    assert format_approx(value, lang) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("day", "lang", "expected"),
    [
        (date(2025, 7, 12), "fr", "la mi-juillet"),
        (date(2025, 7, 12), "en", "mid-July"),
        (date(2025, 7, 12), "uk", "середини липня"),
        (date(2025, 7, 10), "fr", "début juillet"),
        (date(2025, 7, 11), "en", "mid-July"),
        (date(2025, 7, 20), "en", "mid-July"),
        (date(2025, 7, 21), "en", "late July"),
        (date(2025, 7, 31), "uk", "кінця липня"),
        (date(2025, 3, 1), "uk", "початку березня"),
        (date(2024, 7, 12), "en", "mid-July 2024"),  # another year: the year is said
    ],
)
def test_vague_date_is_derived_from_the_day(day: date, lang: str, expected: str) -> None:
    assert format_vague_date(day, lang, reference=date(2025, 8, 21)) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("day", "lang", "expected"),
    [
        (date(2025, 8, 21), "fr", "21 août 2025"),
        (date(2025, 8, 1), "fr", "1er août 2025"),
        (date(2025, 8, 21), "en", "August 21, 2025"),
        (date(2025, 8, 21), "uk", "21 серпня 2025 року"),
    ],
)
def test_long_date(day: date, lang: str, expected: str) -> None:
    assert format_long_date(day, lang) == expected  # type: ignore[arg-type]


def test_night_across_months_names_both_months() -> None:
    assert format_night_start(date(2025, 7, 31), date(2025, 8, 1), "fr") == "31 juillet"
    assert format_night_start(date(2025, 8, 20), date(2025, 8, 21), "fr") == "20"


@pytest.mark.parametrize(("lang", "expected"), [("fr", f"2{NNBSP}434"), ("en", "2,434"), ("uk", f"2{NBSP}434")])
def test_numbers_use_the_locale_separator(lang: str, expected: str) -> None:
    assert format_number(2434, lang) == expected  # type: ignore[arg-type]
