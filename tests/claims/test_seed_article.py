"""The seed article (../shared/reference/seed-article-fr.txt): every claim of its README, both stores.

With the Air Force's 21 Aug 2025 report stored, 614 = 574 + 40 is the report's and the dataset
is short of the 4 Kinzhal; without it, the dataset's 610 cannot settle the article's 614 (given
as the Air Force's), and the missile rank turns on which count is right: not_checkable, with both
answers in the reason, never a guess.
"""

from __future__ import annotations

import json

import pytest

from skytally.claims import CheckResult
from skytally.ledger.api import Ledger
from tests.claims.conftest import SEED_PUBLISHED, run_check


def _find(result: CheckResult, kind: str, **claimed: object) -> list[str]:
    """Return the verdicts of the claims of a kind whose claimed figures include the given items."""
    return [
        c.verdict.verdict
        for c in result.claims
        if c.claim.kind == kind and all(c.claim.claimed.get(k) == v for k, v in claimed.items())
    ]


# (id, kind, claimed items, verdict with the report stored, verdict with the dataset alone)
SEED_CLAIMS = [
    ("total-614", "total", {"value": 614, "measure": "total"}, "supported", "not_checkable"),
    ("drones-574", "count", {"value": 574, "measure": "drones"}, "supported", "supported"),
    ("missiles-40", "count", {"value": 40, "measure": "missiles"}, "supported", "not_checkable"),
    ("adds-up", "total", {"value": 614, "parts": {"drones": 574, "missiles": 40}}, "supported", "supported"),
    ("third-by-drones", "rank", {"rank": 3, "measure": "drones", "scope": "year"}, "supported", "supported"),
    (
        "eighth-by-missiles",
        "rank",
        {"rank": 8, "measure": "missiles", "scope": "year"},
        "depends_on_source",
        "not_checkable",
    ),
    ("record-mid-july", "record", {"measure": "total"}, "supported", "supported"),
    ("nearly-1000", "sum", {"value": 1000, "hedge": "nearly"}, "supported", "supported"),
    ("west", "region", {"regions": ["west"]}, "supported", "supported"),
]


@pytest.fixture(scope="module")
def with_report(report_ledger: Ledger, seed_text: str) -> CheckResult:
    return run_check(report_ledger, seed_text, lang="fr", published=SEED_PUBLISHED)


@pytest.fixture(scope="module")
def dataset_only(ledger: Ledger, seed_text: str) -> CheckResult:
    return run_check(ledger, seed_text, lang="fr", published=SEED_PUBLISHED)


@pytest.mark.parametrize(
    ("kind", "claimed", "expected"), [c[1:4] for c in SEED_CLAIMS], ids=[c[0] for c in SEED_CLAIMS]
)
def test_seed_claim_with_report(with_report: CheckResult, kind: str, claimed: dict, expected: str) -> None:
    assert _find(with_report, kind, **claimed) == [expected]


@pytest.mark.parametrize(
    ("kind", "claimed", "expected"), [(c[1], c[2], c[4]) for c in SEED_CLAIMS], ids=[c[0] for c in SEED_CLAIMS]
)
def test_seed_claim_dataset_only(dataset_only: CheckResult, kind: str, claimed: dict, expected: str) -> None:
    assert _find(dataset_only, kind, **claimed) == [expected]


def test_the_night_is_resolved_from_the_weekdays(with_report: CheckResult) -> None:
    assert with_report.attack_date.isoformat() == "2025-08-21"


def test_614_names_what_the_dataset_lacks(with_report: CheckResult) -> None:
    (claim,) = [c for c in with_report.claims if c.claim.kind == "total" and c.claim.claimed.get("measure") == "total"]
    assert "Kinzhal" in claim.verdict.reason
    assert claim.verdict.evidence["sources"] == {"ledger": 614, "dataset": 610}


def test_the_missile_rank_says_both_answers(with_report: CheckResult, dataset_only: CheckResult) -> None:
    for result in (with_report, dataset_only):
        (claim,) = [c for c in result.claims if c.claim.kind == "rank" and c.claim.claimed["rank"] == 8]
        assert "rank 7" in claim.verdict.reason
        assert "rank 8" in claim.verdict.reason


def test_sum_gives_both_sums(with_report: CheckResult) -> None:
    (claim,) = [c for c in with_report.claims if c.claim.kind == "sum"]
    assert claim.verdict.evidence["sources"] == {"report": 989, "dataset": 985}
    assert claim.verdict.evidence["attacks"] == ["2025-08-19: 280", "2025-08-20: 95", "2025-08-21: 614"]


def test_record_names_12_july(with_report: CheckResult) -> None:
    (claim,) = [c for c in with_report.claims if c.claim.kind == "record"]
    assert "2025-07-12 (623)" in claim.verdict.reason


def test_region_evidence_lists_the_affected_oblasts(with_report: CheckResult) -> None:
    (claim,) = [c for c in with_report.claims if c.claim.kind == "region"]
    assert "Lviv oblast" in claim.verdict.evidence["affected_regions"]


def test_casualties_and_damage_are_not_checkable(with_report: CheckResult, seed_text: str) -> None:
    outside = [
        c for c in with_report.claims if c.claim.assertion.get("subject") == "casualties" or "phrase" in c.claim.claimed
    ]
    assert len(outside) == 2
    assert {c.verdict.verdict for c in outside} == {"not_checkable"}


def test_diplomatic_sentences_get_no_verdict_on_the_ledger(with_report: CheckResult, seed_text: str) -> None:
    # The Alaska / White House sentence and the talks sentences carry no figure the ledger holds.
    alaska = seed_text.index("Alaska")
    assert not [c for c in with_report.claims if c.claim.start <= alaska < c.claim.end]


def test_quotes_are_the_text_at_their_offsets(with_report: CheckResult, seed_text: str) -> None:
    for checked in with_report.claims:
        assert seed_text[checked.claim.start : checked.claim.end] == checked.claim.quote


def test_json_shape(with_report: CheckResult) -> None:
    data = json.loads(json.dumps(with_report.to_dict()))
    assert data["article"] == {"lang": "fr", "published": "2025-08-21", "attack_date": "2025-08-21"}
    keys = {"quote", "start", "end", "kind", "assertion", "verdict", "reason", "claimed", "ledger_value", "evidence"}
    assert all(set(c) == keys for c in data["claims"])
    claimed = [json.dumps(c["claimed"]).replace(" ", "") for c in data["claims"]]
    for figure in ("614", "3", "8", "1000"):
        assert any(figure in text for text in claimed), figure
