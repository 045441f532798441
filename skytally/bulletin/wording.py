"""Locale-aware wording of figures: numbers, counted nouns, ordinals, approximations, dates.

Pure functions over values and the language's lexicon; the Jinja filters of
:mod:`skytally.bulletin.render` are these functions. Numbers and dates go through Babel, plural
forms through Babel's CLDR plural rules and the lexicon, ordinals through num2words and the
lexicon's gender endings. Babel and num2words are imported by the functions' module only, which
the CLI imports inside its commands.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from typing import Literal

from babel import Locale
from babel.dates import format_date
from babel.lists import format_list
from babel.numbers import format_decimal, format_percent
from num2words import num2words

from skytally.bulletin.lexicon import Approximation, load_approximation, load_lexicon
from skytally.bulletin.model import Lang

Gender = Literal["m", "f", "n"]
MonthPart = Literal["early", "mid", "late"]


@dataclass(frozen=True, slots=True)
class Approx:
    """How a figure may be written: ``exact``, ``nearly`` (just under ``shown``) or ``more_than``.

    ``shown`` is the number the text prints (the round number, or the figure itself) and the
    one a counted noun agrees with ("près de 1 000 drones").
    """

    kind: Literal["exact", "nearly", "more_than"]
    value: int
    shown: int

    @property
    def hedged(self) -> bool:
        """True when the text gives a round number instead of the figure."""
        return self.kind != "exact"


def format_number(value: int | float, lang: Lang) -> str:
    """Return a number with the locale's grouping: "1,000" (en), "1 000" (fr: narrow no-break space).

    >>> format_number(1276, "en")
    '1,276'
    >>> format_number(1000, "fr") == "1\\u202f000"
    True
    """
    return format_decimal(value, locale=lang)


def format_percent_value(value: float, lang: Lang) -> str:
    """Return a share (0.944) as a whole percentage in the locale's style: "94%", "94 %".

    >>> format_percent_value(0.944, "en")
    '94%'
    """
    return format_percent(value, locale=lang)


def plural_category(value: int, lang: Lang) -> str:
    """Return the CLDR plural category of a number in a language (Babel's plural rule).

    >>> [plural_category(n, "uk") for n in (1, 3, 5, 21, 574)]
    ['one', 'few', 'many', 'one', 'few']
    """
    return str(Locale.parse(lang).plural_form(value))


def noun_form(value: int, noun: str, lang: Lang) -> str:
    """Return the form of a lexicon noun that agrees with a number, without the number.

    >>> noun_form(5, "missile", "uk")
    'ракет'

    Raises:
        KeyError: the lexicon has no such noun.
    """
    forms = load_lexicon(lang).nouns[noun]
    return forms.get(plural_category(value, lang), forms["other"])


def format_count(value: int, noun: str, lang: Lang) -> str:
    """Return a number and the noun agreeing with it: "1 missile", "2 ракети", "574 drones".

    >>> format_count(2, "missile", "uk"), format_count(1, "cruise_missile", "en")
    ('2 ракети', '1 cruise missile')
    """
    return f"{format_number(value, lang)} {noun_form(value, noun, lang)}"


def ordinal_word(value: int, lang: Lang, gender: Gender = "m") -> str:
    """Return an ordinal as a word agreeing in gender: "third", "troisième", "третя" (f).

    num2words gives the masculine (nominative in Ukrainian); the lexicon's endings for the
    gender rewrite the end of the last word.

    >>> ordinal_word(3, "en"), ordinal_word(1, "fr", "f"), ordinal_word(3, "uk", "f"), ordinal_word(8, "uk", "f")
    ('third', 'première', 'третя', 'восьма')
    """
    word = str(num2words(value, lang=lang, to="ordinal"))
    for old, new in load_lexicon(lang).ordinal_endings.get(gender, ()):
        if word.endswith(old):
            return word[: len(word) - len(old)] + new
    return word


def approximate(value: int, rule: Approximation | None = None) -> Approx:
    """Return how honestly a figure may be rounded (the rule: data/approximation.toml).

    "nearly R" only a little under a round number R, "more than R" only a little above it; when
    both would do, the nearer wins. Round numbers are the multiples of the figure's leading unit:
    100 for 985, 1,000 for 1,276.

    >>> approximate(985)
    Approx(kind='nearly', value=985, shown=1000)
    >>> approximate(614)
    Approx(kind='more_than', value=614, shown=600)
    >>> approximate(900).kind, approximate(1020).kind, approximate(1276).kind, approximate(1980).shown
    ('exact', 'more_than', 'exact', 2000)
    """
    rule = rule or load_approximation()
    if value < rule.minimum:
        return Approx("exact", value, value)
    digits = len(str(value))
    step = 10 ** (digits - 1)
    below = (value // step) * step
    above = math.ceil(value / step) * step
    if value == below:
        return Approx("exact", value, value)
    nearly_ok = above - value <= rule.tolerance * above
    more_ok = value - below <= rule.tolerance * below
    if nearly_ok and (not more_ok or above - value <= value - below):
        return Approx("nearly", value, above)
    if more_ok:
        return Approx("more_than", value, below)
    return Approx("exact", value, value)


def format_approx(value: int, lang: Lang) -> str:
    """Return a figure as honestly approximated text: "près de 1 000", "more than 600", "900".

    >>> format_approx(614, "en"), format_approx(985, "en"), format_approx(900, "en")
    ('more than 600', 'nearly 1,000', '900')
    """
    approx = approximate(value)
    number = format_number(approx.shown, lang)
    lexicon = load_lexicon(lang)
    if approx.kind == "nearly":
        return f"{lexicon.nearly} {number}"
    if approx.kind == "more_than":
        return f"{lexicon.more_than} {number}"
    return number


def month_part(day: date) -> MonthPart:
    """Return the part of its month a date falls in: days 1-10 early, 11-20 mid, 21-end late.

    >>> month_part(date(2025, 7, 12)), month_part(date(2025, 7, 10)), month_part(date(2025, 7, 21))
    ('mid', 'early', 'late')
    """
    if day.day <= 10:
        return "early"
    return "mid" if day.day <= 20 else "late"


def format_vague_date(day: date, lang: Lang, *, reference: date) -> str:
    """Return a date as a journalist says it after "since": "mid-July", "la mi-juillet", "середини липня".

    The year is added when the date is not in the reference date's year ("mid-July 2024").

    >>> format_vague_date(date(2025, 7, 12), "en", reference=date(2025, 8, 21))
    'mid-July'
    >>> format_vague_date(date(2024, 12, 28), "uk", reference=date(2025, 8, 21))
    'кінця грудня 2024 року'
    """
    key = month_part(day) + ("" if day.year == reference.year else "_year")
    return format_date(day, load_lexicon(lang).vague[key], locale=lang)


def format_long_date(day: date, lang: Lang) -> str:
    """Return a date in full: "August 21, 2025", "21 août 2025", "21 серпня 2025 року", "1er août 2025".

    >>> format_long_date(date(2025, 8, 21), "en")
    'August 21, 2025'
    """
    return format_date(day, _pattern(lang, "long", day), locale=lang)


def format_day_month(day: date, lang: Lang) -> str:
    """Return a date without its year: "July 9", "9 juillet", "9 липня".

    >>> format_day_month(date(2025, 7, 9), "uk")
    '9 липня'
    """
    return format_date(day, _pattern(lang, "day_month", day), locale=lang)


def format_night_start(start: date, end: date, lang: Lang) -> str:
    """Return the first day of a night as written before its last ("20" in "du 20 au 21 août").

    >>> format_night_start(date(2025, 8, 20), date(2025, 8, 21), "fr")
    '20'
    >>> format_night_start(date(2025, 7, 31), date(2025, 8, 1), "en")
    'July 31'
    """
    key = "night_start_same_month" if (start.year, start.month) == (end.year, end.month) else "night_start"
    return format_date(start, _pattern(lang, key, start), locale=lang)


def format_names(names: list[str] | tuple[str, ...], lang: Lang) -> str:
    """Return names joined as the language lists them: "A, B et C", "A, B, and C", "A, B і C".

    >>> format_names(["Lviv", "Rivne", "Volyn"], "fr")
    'Lviv, Rivne et Volyn'
    """
    return format_list(list(names), locale=lang)


def _pattern(lang: Lang, key: str, day: date) -> str:
    dates = load_lexicon(lang).dates
    # French writes the first of a month "1er": a lexicon may give a `_day_one` pattern for it.
    if day.day == 1 and f"{key}_day_one" in dates:
        return dates[f"{key}_day_one"]
    return dates[key]
