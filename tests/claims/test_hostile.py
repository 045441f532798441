"""Hostile input: too long, binary, HTML with only scripts, runs of digits, no claims at all.

Every input gets a clear answer (a refusal naming why, or a result) in bounded time: the texts
are generated here, never committed. A hypothesis test feeds the extractor article-like noise.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from skytally.claims import MAX_CHARS, check_article
from skytally.claims.extract import extract_claims
from skytally.claims.lexicon import load_lexicon
from skytally.context.regions import load_region_map
from skytally.errors import DataError
from skytally.ledger.api import Ledger
from skytally.ledger.taxonomy import load_taxonomy
from tests.claims.test_cli import invoke


def _check(ledger: Ledger, text: str, **kwargs: object):  # type: ignore[no-untyped-def]
    return check_article(text, attacks=ledger.attacks(), dataset_attacks=ledger.dataset_attacks(), **kwargs)  # type: ignore[arg-type]


def test_over_the_api_limit_is_refused(ledger: Ledger) -> None:
    with pytest.raises(DataError, match="over the 200,000"):
        _check(ledger, "x" * (MAX_CHARS + 1))


def test_nul_bytes_are_refused(ledger: Ledger) -> None:
    with pytest.raises(DataError, match="binary"):
        _check(ledger, "614 drones\x00\x01\x02")


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(("1 July 5 drones 3 missiles since 2 August " * 5000)[:MAX_CHARS], id="one-endless-sentence"),
        pytest.param(("123 " * 50000)[:MAX_CHARS], id="a-run-of-digits"),
        pytest.param("9" * 150_000, id="one-huge-number"),
        pytest.param(("deux mille drones et quatre missiles " * 5000)[:MAX_CHARS], id="number-words"),
    ],
)
def test_texts_that_are_not_articles_give_no_claims(ledger: Ledger, text: str) -> None:
    result = _check(ledger, text, published=date(2025, 9, 7))
    assert result.claims == ()


def test_a_long_article_of_real_sentences_is_read_whole(ledger: Ledger) -> None:
    sentence = "Overnight, Russia launched 810 drones and 13 missiles, the Air Force said. "
    result = _check(ledger, sentence * 400, lang="en", published=date(2025, 9, 7))
    assert len(result.claims) == 400 * 2  # each count, each read on its own
    assert {c.verdict.verdict for c in result.claims} == {"supported"}


def test_no_claims_in_a_text_about_something_else(ledger: Ledger) -> None:
    text = "Le conseil municipal a voté le budget 2026. La séance a duré trois heures, a précisé le maire."
    assert _check(ledger, text, published=date(2026, 1, 5)).claims == ()


def test_html_with_only_scripts_gives_no_claim_from_the_scripts(loaded_db: Path, tmp_path: Path) -> None:
    page = tmp_path / "scripts.html"
    page.write_text(
        "<!doctype html><html><head><script>var n = '614 drones and missiles';</script></head>"
        "<body><script>document.write('810 drones')</script><noscript>enable JS</noscript></body></html>",
        encoding="utf-8",
    )
    code, out = invoke(loaded_db, str(page), "--format", "json")
    assert code == 0, out
    assert json.loads(out)["claims"] == []
    assert "614" not in out
    assert "810" not in out


def test_a_megabyte_of_random_bytes_is_refused(loaded_db: Path, tmp_path: Path) -> None:
    path = tmp_path / "random.bin"
    path.write_bytes(bytes(range(256)) * 3000)  # 768 kB: under the size limit
    code, out = invoke(loaded_db, str(path))
    assert code == 1
    assert "binary data" in out


_WORDS = [
    "drones",
    "missiles",
    "shot down",
    "launched",
    "overnight",
    "since",
    "the largest",
    "record",
    "of the year",
    "nearly",
    "more than",
    "about",
    "up to",
    "%",
    "in July",
    "this week",
    "Lviv region",
    "Kinzhal",
    "a dozen",
    "lancé",
    "près de",
    "la plus importante",
    "depuis",
    "juillet",
    "abattus",
    "la région de Lviv",
    "mille",
    "у ніч на",
    "серпня",
    "БпЛА",
    "ракет",
    "збито",
    "понад",
    "Львівщині",
    "наймасованіша",
    "з початку року",
    "тисячі",
    "1 000",
    "1,000",
    "1.000",
    "614-drone",
    "9 July",
    "21",
    "574",
    "40",
    "0",
    "—",
    "«",
    "»",
    "\n\n",
    ". ",
    "! ",
    "? ",
    ", ",
    " ",
    "(",
    ")",
    ":",
    "…",
    "M.",
    "Mr.",
    "’",
]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.one_of(st.sampled_from(_WORDS), st.text(max_size=6)), max_size=60).map(" ".join),
    st.sampled_from(["fr", "en", "uk"]),
)
def test_extractor_never_crashes_and_quotes_are_the_text(text: str, lang: str) -> None:
    found = extract_claims(
        text,
        load_lexicon(lang),
        published=date(2025, 8, 21),
        taxonomy=load_taxonomy(),
        region_map=load_region_map(),
        events={},
    )
    for claim in found.claims:
        assert 0 <= claim.start <= claim.end <= len(text)
        assert text[claim.start : claim.end] == claim.quote
        assert claim.quote == claim.quote.strip()
        assert claim.quote
