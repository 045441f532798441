"""The lexicons: every weapon class has forms in every language, and a malformed file says where."""

from __future__ import annotations

import pytest

from skytally.bulletin.lexicon import load_lexicon, parse_lexicon
from skytally.errors import DataError
from skytally.ledger.taxonomy import load_taxonomy


@pytest.mark.parametrize("lang", ["fr", "en", "uk"])
def test_every_taxonomy_class_has_noun_forms(lang: str) -> None:
    lexicon = load_lexicon(lang)  # type: ignore[arg-type]
    missing = sorted(set(load_taxonomy().classes) - set(lexicon.nouns))
    assert missing == []


def test_ukrainian_nouns_have_three_integer_plural_forms() -> None:
    forms = load_lexicon("uk").nouns["missile"]
    assert (forms["one"], forms["few"], forms["many"]) == ("ракету", "ракети", "ракет")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("plural_categories = [", "not valid TOML"),
        ('plural_categories = ["one", "other"]', "field 'dates': expected a dict"),
        (
            'plural_categories = ["one", "other"]\n[dates]\nlong = "d MMMM y"\n',
            "field 'dates': missing text for day_month",
        ),
    ],
    ids=["bad-toml", "no-dates", "missing-date-pattern"],
)
def test_malformed_lexicon_names_the_key(text: str, message: str) -> None:
    with pytest.raises(DataError) as info:
        parse_lexicon(text, "xx", path="xx.toml")
    assert message in str(info.value)
    assert str(info.value).startswith("xx.toml: ")


def test_noun_missing_a_plural_form_is_refused() -> None:
    good = load_lexicon("en")
    text = 'plural_categories = ["one", "other"]\n[dates]\n' + "".join(f'{k} = "{v}"\n' for k, v in good.dates.items())
    text += "[vague]\n" + "".join(f'{k} = "{v}"\n'.replace("'", "'") for k, v in good.vague.items())
    text += '[approximation]\nnearly = "nearly"\nmore_than = "more than"\n[ordinal]\n[noun.drone]\none = "drone"\n'
    with pytest.raises(DataError, match=r"field 'noun.drone': missing text for other"):
        parse_lexicon(text, "en")


def test_unknown_language_is_refused() -> None:
    with pytest.raises(DataError, match="no bulletin lexicon for language 'de'"):
        load_lexicon("de")  # type: ignore[arg-type]
