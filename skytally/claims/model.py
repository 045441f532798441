"""The claim checker's plain records: a Claim found in a text, its Verdict, and the CheckResult.

Frozen dataclasses, JSON-ready through ``to_dict``; the field names are the JSON schema's
(docs/claims.md), which is kept stable.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

Kind = Literal["count", "total", "shot_down", "share", "rank", "record", "sum", "region"]
VerdictKind = Literal["supported", "contradicted", "depends_on_source", "not_checkable"]
Hedge = Literal["exact", "nearly", "more_than", "about", "at_least", "up_to"]
KINDS: tuple[str, ...] = ("count", "total", "shot_down", "share", "rank", "record", "sum", "region")
VERDICTS: tuple[str, ...] = ("supported", "contradicted", "depends_on_source", "not_checkable")


@dataclass(frozen=True, slots=True)
class Claim:
    """One checkable statement of a text: where it stands, what it asserts, and about which night.

    ``assertion`` is the structured reading (measure, scope, window, hedge...); ``claimed`` the
    figures as the text gives them. ``night`` is the Kyiv morning the attack ended, when the text
    (or the publication date) lets it be resolved. ``unreadable`` names why a claim found in the text
    cannot be tested; such a claim always gets not_checkable.
    """

    quote: str
    start: int
    end: int
    kind: Kind
    assertion: dict[str, Any]
    claimed: dict[str, Any]
    night: date | None = None
    attributed_to: str | None = None
    unreadable: str | None = None


@dataclass(frozen=True, slots=True)
class Verdict:
    """A verdict with its one-line reason, the ledger's value and the evidence behind it."""

    verdict: VerdictKind
    reason: str
    ledger_value: Any = None
    evidence: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class CheckedClaim:
    """A claim and its verdict: one entry of ``claims`` in the JSON form."""

    claim: Claim
    verdict: Verdict

    def to_dict(self) -> dict[str, Any]:
        """Return the claim as the JSON schema's object (docs/claims.md)."""
        c = self.claim
        return {
            "quote": c.quote,
            "start": c.start,
            "end": c.end,
            "kind": c.kind,
            "assertion": c.assertion,
            "verdict": self.verdict.verdict,
            "reason": self.verdict.reason,
            "claimed": c.claimed,
            "ledger_value": self.verdict.ledger_value,
            "evidence": self.verdict.evidence,
        }


@dataclass(frozen=True, slots=True)
class CheckResult:
    """Every claim of one article with its verdict, and what the article was read as."""

    lang: str
    published: date | None
    attack_date: date | None
    claims: tuple[CheckedClaim, ...]
    notes: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """Return ``{"article": {...}, "claims": [...]}``, the stable JSON form."""
        return {
            "article": {
                "lang": self.lang,
                "published": self.published.isoformat() if self.published else None,
                "attack_date": self.attack_date.isoformat() if self.attack_date else None,
            },
            "claims": [c.to_dict() for c in self.claims],
        }

    def count(self, verdict: str) -> int:
        """Return how many claims got a verdict."""
        return sum(1 for c in self.claims if c.verdict.verdict == verdict)
