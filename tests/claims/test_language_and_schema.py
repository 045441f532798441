"""Every test article: its language detected from the text alone, and its JSON as docs/claims.md says.

The articles are written like real ones (datelines, quotes, figures in digits and words), so the
language detector and the schema are tested on the genre, not on toy sentences.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest

from skytally.claims import check_article
from skytally.claims._text import detect_language
from skytally.claims.model import KINDS, VERDICTS
from skytally.ledger.api import Ledger
from tests.claims.test_articles import ARTICLES, TABLE

KEYS = {"quote", "start", "end", "kind", "assertion", "verdict", "reason", "claimed", "ledger_value", "evidence"}


@pytest.mark.parametrize("article", TABLE, ids=[a["file"] for a in TABLE])
def test_language_is_detected(article: dict[str, Any]) -> None:
    text = (ARTICLES / article["file"]).read_text(encoding="utf-8")
    assert detect_language(text) == article["lang"]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Zelensky said 40 missiles were fired at Lviv overnight.", "en"),
        ("Selon Kiev, 40 missiles ont été tirés sur Lviv.", "fr"),
        ("За даними ПС, випущено 40 ракет.", "uk"),
        # A French text quoting English names and a Ukrainian one quoting Latin model names.
        ("La Maison Blanche et le Pentagone ont réagi : « The attack was brutal », selon l'AFP.", "fr"),
        ("Ворог випустив 20 ракет Kh-101 та 300 дронів Shahed, повідомили у Повітряних силах.", "uk"),
    ],
)
def test_language_of_short_and_mixed_texts(text: str, lang: str) -> None:
    assert detect_language(text) == lang


def test_detected_language_gives_the_same_claims(ledger: Ledger) -> None:
    for article in TABLE:
        text = (ARTICLES / article["file"]).read_text(encoding="utf-8")
        day = date.fromisoformat(article["published"])
        given = check_article(
            text,
            attacks=ledger.attacks(),
            dataset_attacks=ledger.dataset_attacks(),
            lang=article["lang"],
            published=day,
        )
        detected = check_article(
            text, attacks=ledger.attacks(), dataset_attacks=ledger.dataset_attacks(), published=day
        )
        assert detected.to_dict() == given.to_dict(), article["file"]


def test_every_article_follows_the_schema(ledger: Ledger) -> None:
    attacks, dataset = ledger.attacks(), ledger.dataset_attacks()
    for article in TABLE:
        text = (ARTICLES / article["file"]).read_text(encoding="utf-8")
        result = check_article(
            text,
            attacks=attacks,
            dataset_attacks=dataset,
            lang=article["lang"],
            published=date.fromisoformat(article["published"]),
        )
        data = json.loads(json.dumps(result.to_dict()))
        assert set(data) == {"article", "claims"}
        assert set(data["article"]) == {"lang", "published", "attack_date"}
        assert data["claims"], article["file"]
        for claim in data["claims"]:
            assert set(claim) == KEYS
            assert claim["kind"] in KINDS
            assert claim["verdict"] in VERDICTS
            assert text[claim["start"] : claim["end"]] == claim["quote"]
            assert claim["reason"]
            assert "night" in claim["assertion"]
            if claim["verdict"] == "contradicted":
                assert claim["ledger_value"] is not None, claim
