"""Our own test articles (tests/fixtures/articles): each deliberate error caught, correct claims kept.

The table is tests/fixtures/articles/expectations.toml: per article, every claim's kind, a fragment
of its `claimed` JSON, and the verdict it must get. A claim found that the table does not list
must not be contradicted: a wrong "contradicted" costs a newsroom most.
"""

from __future__ import annotations

import json
import tomllib
from datetime import date
from typing import Any

import pytest

from skytally.ledger.api import Ledger
from tests.claims.conftest import run_check
from tests.conftest import FIXTURES

ARTICLES = FIXTURES / "articles"
TABLE = tomllib.loads((ARTICLES / "expectations.toml").read_text(encoding="utf-8"))["article"]


def _matches(checked: Any, kind: str, fragment: str) -> bool:
    return checked.claim.kind == kind and fragment in json.dumps(checked.claim.claimed, ensure_ascii=False)


@pytest.mark.parametrize("article", TABLE, ids=[a["file"] for a in TABLE])
def test_article(ledger: Ledger, article: dict[str, Any]) -> None:
    text = (ARTICLES / article["file"]).read_text(encoding="utf-8")
    result = run_check(ledger, text, lang=article["lang"], published=date.fromisoformat(article["published"]))
    assert result.attack_date == date.fromisoformat(article["attack_date"])
    wrong = []
    for kind, fragment, verdict, why in article["claims"]:
        got = [c.verdict.verdict for c in result.claims if _matches(c, kind, fragment)]
        if got != [verdict]:
            wrong.append(f"{kind} {fragment} ({why}): expected {verdict}, got {got}")
    assert not wrong, "\n".join(wrong)
    expected = {(k, f) for k, f, _, _ in article["claims"]}
    unlisted = [
        f"{c.claim.kind} {c.claim.claimed}: {c.verdict.reason}"
        for c in result.claims
        if c.verdict.verdict == "contradicted" and not any(_matches(c, k, f) for k, f in expected)
    ]
    assert not unlisted, "contradicted but not expected:\n" + "\n".join(unlisted)


def test_the_table_has_articles_in_each_language() -> None:
    assert {a["lang"] for a in TABLE} == {"fr", "en", "uk"}
