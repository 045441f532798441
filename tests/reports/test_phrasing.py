"""The report's grammar, one variant per case: our own short sentences in the Air Force's style.

Numbers as words and with case suffixes, bounds, sub-counts, headlines that repeat the body, a
shoot-down line that regroups or renames launched groups, drones-only and missiles-only nights,
dates without a year, typos in dates, and the posts that are not reports at all.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from skytally.errors import ReportParseError
from skytally.reports import parse_report
from skytally.reports._numbers import words_value
from skytally.reports._window import resolve_date

DAY = dt.date(2026, 3, 5)
NIGHT = "У ніч на 5 березня (з 18:00 4 березня) противник атакував "


def _hashable(value: Any) -> Any:
    return tuple(sorted(value.items())) if isinstance(value, dict) else value


def _figures(text: str, reference: dt.date = DAY) -> set[tuple[Any, ...]]:
    data = parse_report(text, reference_date=reference).to_dict()
    assert data["unplaced"] == [], data["unplaced"]
    return {(f["weapon_class"], _hashable(f["launched"]), _hashable(f["destroyed"])) for f in data["figures"]}


@pytest.mark.parametrize(
    ("text", "figures"),
    [
        pytest.param(
            NIGHT + "трьома балістичними ракетами Іскандер-М та п'ятьма крилатими ракетами Калібр.\n\n"
            "Станом на 08:00 збито дві крилаті ракети Калібр.",
            {("ballistic_missile", 3, None), ("cruise_missile", 5, 2)},
            id="numbers-as-words",
        ),
        pytest.param(
            NIGHT + "сто двадцятьма п’ятьма ударними БпЛА типу Shahed.\n\nСтаном на 08:00 збито сімдесят вісім БпЛА.",
            {("strike_drone", 125, 78)},
            id="compound-number-words-curly-apostrophe",
        ),
        pytest.param(
            NIGHT + "118-ма ударними БпЛА та 8-ма крилатими ракетами Х-101.\n\n"
            "Станом на 08:00 збито/подавлено 50-ма БпЛА.",
            {("strike_drone", 118, 50), ("cruise_missile", 8, None)},
            id="case-suffixes",
        ),
        pytest.param(
            NIGHT + "балістичною ракетою Іскандер-М та балістичними ракетами KN-23.",
            {("ballistic_missile", 1, None), ("ballistic_missile", None, None)},
            id="singular-is-one-plural-is-unknown",
        ),
        pytest.param(
            NIGHT + "до 100 ударних БпЛА.\n\nСтаном на 08:00 збито понад 60 БпЛА.",
            {("strike_drone", (("max", 100),), (("min", 60),))},
            id="bounds",
        ),
        pytest.param(
            NIGHT + "2 протикорабельними ракетами Циркон та 15 балістичними ракетами Іскандер-М.\n\n"
            "Станом на 08:00 збито 17 ракет Іскандер-М/Циркон/С-400.",
            {("anti_ship_missile", 2, None), ("ballistic_missile", 15, None), ("mixed_missiles", None, 17)},
            id="destroyed-line-regroups-launched",
        ),
        pytest.param(
            NIGHT + "76 ударними БпЛА типу «Shahed» (близько 50% з них – реактивні), а також 7 ракетами: "
            "6 Іскандер-М/KN-23 та 1 Х-101.\n\n"
            "Станом на 08:30 знешкоджено 60 ворожих БпЛА та 4 ракети Іскандер-М/KN-23.",
            {("strike_drone", 76, 60), ("ballistic_missile", 6, 4), ("cruise_missile", 1, None)},
            id="count-then-breakdown-and-a-share-in-per-cent",
        ),
        pytest.param(
            "У ніч на 5 березня (з 18:00 4 березня) противник атакував:\n"
            "– 2 протикорабельними ракетами «Циркон» із Курської обл.;\n"
            "– 90 ударними БпЛА типу «Shahed», «Гербера» та дронами інших типів.\n\n"
            "Станом на 08:00 збито/подавлено 80 цілей:\n– 2 протикорабельні ракети «Циркон»;\n– 78 ворожих БпЛА.",
            {("anti_ship_missile", 2, 2), ("strike_drone", 90, 78)},
            id="dash-bulleted-lists",
        ),
        pytest.param(
            "On the night of March 5 (from 18:00 on March 4), the enemy attacked with 3 Iskander-M ballistic missiles "
            "and 50 Shahed-type attack UAVs.\n\nAs of 08:00, 40 enemy UAVs were shot down/suppressed.",
            {("ballistic_missile", 3, None), ("strike_drone", 50, 40)},
            id="english-passive-voice",
        ),
        pytest.param(
            NIGHT + "10 крилатими ракетами Х-101 та 30 ударними БпЛА.",
            {("cruise_missile", 10, None), ("strike_drone", 30, None)},
            id="no-shoot-down-list",
        ),
    ],
)
def test_phrasing(text: str, figures: set[tuple[Any, ...]]) -> None:
    """Each variant gives exactly these (class, launched, destroyed) figures."""
    assert _figures(text) == figures


def test_destroyed_line_that_renames_a_group_keeps_its_wording() -> None:
    """«31 крилату ракету Х-101/Іскандер-К» after «32 … Х-101»: attached to Х-101, wording kept."""
    text = NIGHT + "32 крилатими ракетами Х-101.\n\nСтаном на 08:00 збито 31 крилату ракету Х-101/Іскандер-К."
    (figure,) = parse_report(text, reference_date=DAY).figures
    assert (figure.model, figure.launched.value if figure.launched else None) == ("Kh-101/Kh-555", 32)
    assert figure.destroyed is not None
    assert figure.destroyed.value == 31
    assert figure.destroyed_as == "Х-101/Іскандер-К"


def test_headline_repeats_the_body_and_is_not_added() -> None:
    """«ЗБИТО/ПОДАВЛЕНО 2 РАКЕТИ … ТА 40 ВОРОЖИХ БПЛА» repeats the body: 2 and 40, not 4 and 80."""
    text = (
        "⚡️ ЗБИТО/ПОДАВЛЕНО 2 РАКЕТИ Х-59/69 ТА 40 ВОРОЖИХ БПЛА\n"
        + NIGHT
        + "2 керованими авіаційними ракетами Х-59/69 та 50 ударними БпЛА.\n\n"
        "Станом на 09:00 збито/подавлено 2 керовані авіаційні ракети Х-59/69 та 40 ворожих БпЛА."
    )
    totals = parse_report(text, reference_date=DAY).to_dict()["totals"]
    assert (totals["destroyed_missiles"], totals["destroyed_drones"], totals["destroyed_targets"]) == (2, 40, None)


def test_headline_targets_fill_destroyed_targets() -> None:
    """A headline «N ЦІЛЕЙ» is the stated overall figure even when the body gives none."""
    text = "⚡️ ЗБИТО/ПОДАВЛЕНО 41 ЦІЛЬ\n" + NIGHT + "50 ударними БпЛА.\n\nСтаном на 09:00 збито 41 БпЛА."
    assert parse_report(text, reference_date=DAY).to_dict()["totals"]["destroyed_targets"] == 41


def test_share_is_a_bound_not_an_addition() -> None:
    """«близько 250 із них – шахеди» is a part of the 400, kept as approx and never added."""
    text = NIGHT + "400 ударними БпЛА та дронами-імітаторами (близько 250 із них – шахеди)."
    data = parse_report(text, reference_date=DAY).to_dict()
    shares = [f for f in data["figures"] if f["subset_of"]]
    assert [(f["weapon_class"], f["launched"]) for f in shares] == [("strike_drone", {"approx": 250})]
    assert data["totals"]["launched_drones"] == 400


@pytest.mark.parametrize(
    ("text", "drones", "missiles"),
    [
        pytest.param(NIGHT + "35 ударними БпЛА типу Shahed.", 35, 0, id="drones-only"),
        pytest.param(NIGHT + "10 крилатими ракетами Х-101.", 0, 10, id="missiles-only"),
    ],
)
def test_a_kind_the_post_does_not_name_is_zero(text: str, drones: int, missiles: int) -> None:
    """A drones-only night has launched_missiles 0 (not null), and the other way round."""
    totals = parse_report(text, reference_date=DAY).to_dict()["totals"]
    assert (totals["launched_drones"], totals["launched_missiles"]) == (drones, missiles)


def test_daytime_window_is_the_stated_span() -> None:
    """«Протягом дня … (із 7.00 до 18.30)»: that day, that span; a later «Станом на 20.00» does not end it."""
    text = (
        "Протягом дня 5 березня (із 7.00 до 18.30) противник атакував Україну 40 ударними БпЛА.\n\n"
        "Станом на 20.00 у повітряному просторі декілька ударних безпілотників."
    )
    data = parse_report(text, reference_date=DAY).to_dict()
    assert data["kind"] == "daytime_report"
    assert data["window"] == {"start": "2026-03-05T07:00+02:00", "end": "2026-03-05T18:30+02:00"}


def test_typo_in_the_window_start_is_reported() -> None:
    """«У ніч на 12 травня (з 18:00 9 травня)»: kept as written, and a warning says it looks wrong."""
    text = "У ніч на 12 травня (з 18:00 9 травня) противник атакував 20 ударними БпЛА."
    report = parse_report(text, reference_date=dt.date(2026, 5, 12))
    assert report.window is not None
    assert report.window.start is not None
    assert report.window.start.date() == dt.date(2026, 5, 9)
    assert any("2026-05-09" in w and "typo" in w for w in report.warnings)


@pytest.mark.parametrize(
    ("night", "published", "expected"),
    [
        pytest.param("1 січня", dt.date(2026, 1, 1), dt.date(2026, 1, 1), id="new-year-morning"),
        pytest.param("1 січня", dt.date(2025, 12, 31), dt.date(2026, 1, 1), id="posted-late-on-the-eve"),
        pytest.param("31 грудня", dt.date(2026, 1, 1), dt.date(2025, 12, 31), id="read-the-next-day"),
        pytest.param("02 липня", dt.date(2026, 7, 2), dt.date(2026, 7, 2), id="leading-zero"),
    ],
)
def test_year_is_the_latest_not_after_the_publication_day_plus_one(
    night: str, published: dt.date, expected: dt.date
) -> None:
    """The posts give no year: the date is the latest one not after the publication day + 1."""
    report = parse_report(f"У ніч на {night} противник атакував 20 ударними БпЛА.", reference_date=published)
    assert report.kyiv_date == expected


def test_default_reference_date_is_today() -> None:
    """Without reference_date, the year comes from today's date (read at call time)."""
    today = dt.date.today()
    text = f"У ніч на {today.day} {_UK_MONTHS[today.month - 1]} противник атакував 20 ударними БпЛА."
    assert parse_report(text).kyiv_date == today


_UK_MONTHS = [
    "січня",
    "лютого",
    "березня",
    "квітня",
    "травня",
    "червня",
    "липня",
    "серпня",
    "вересня",
    "жовтня",
    "листопада",
    "грудня",
]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("⚠️ Увага! Зафіксовано зліт МіГ-31К. Загроза застосування «Кинджалів»!", id="alert"),
        pytest.param("🛵 Група ударних БпЛА курсом на Київ з півночі.", id="tracking-kursom-na"),
        pytest.param("Відео роботи мобільної вогневої групи: збито 3 шахеди над Київщиною.", id="video-caption"),
        pytest.param(
            "❗️ Уточнена інформація по нічному обстрілу Сумщини.\n\nУ ніч на 5 березня ворог атакував 12 БпЛА.",
            id="regional-correction",
        ),
        pytest.param("", id="empty"),
        pytest.param("Протягом дня тихо.", id="day-without-span"),
    ],
)
def test_not_a_report(text: str) -> None:
    """Alerts, tracking posts, captions and regional tallies are refused, with no figure."""
    data = parse_report(text, reference_date=DAY).to_dict()
    assert (data["kind"], data["figures"], data["window"]) == ("not_a_report", [], None)
    assert set(data["totals"].values()) == {None}


def test_unknown_language_is_refused_with_a_hint() -> None:
    """lang must be uk or en; the error names the field and what to use."""
    with pytest.raises(ReportParseError) as caught:
        parse_report("text", lang="fr")
    assert str(caught.value) == "field 'lang': unknown language 'fr'; use 'uk' or 'en'"


@pytest.mark.parametrize(
    ("words", "value"),
    [
        (["одну"], 1),
        (["двома"], 2),
        (["шістьма"], 6),
        (["сімнадцятьма"], 17),
        (["сорока"], 40),
        (["двомастами", "п'ятдесятьма"], 250),
        (["дві", "тисячі", "триста"], 2300),
        (["двадцять", "два", "три"], None),
        (["п'ять", "сто"], None),
    ],
)
def test_number_words(words: list[str], value: int | None) -> None:
    """Number words of every case combine by falling magnitude; anything else is not a number."""
    from skytally.reports._lexicon import load_lexicon

    assert words_value(words, load_lexicon("uk").number_words) == value


def test_no_such_date_is_none() -> None:
    """«31 червня» names no day: no date is made up for it."""
    assert resolve_date(31, 6, None, dt.date(2026, 7, 1)) is None
