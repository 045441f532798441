"""Verdicts: compare what a claim says with the ledger's value under each source.

Exactly four verdicts (docs/claims.md): **supported**, **contradicted** (with the ledger's value),
**depends_on_source** (the dataset and the Air Force's report give different answers),
**not_checkable** (outside the ledger, or too vague to test). Each comes with a one-line reason.

Hedges (the tolerances are documented in docs/claims.md):

>>> holds(985, 1000, "nearly"), holds(530, 500, "nearly"), holds(614, 600, "more_than")
(True, False, True)
>>> holds(1040, 1000, "about"), holds(1200, 1000, "about"), holds(40, 40, "exact")
(True, False, True)
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from skytally.claims.model import Verdict

# "près de / nearly / майже R": R at most, and no more than 10 % under it (a journalist rounds up
# to the next round number, not from half of it).
NEARLY_BELOW = 0.10
# "environ / about / близько R": within 10 % either side.
ABOUT = 0.10
# A percentage written without a hedge is taken as rounded: within 1 point.
PERCENT_EXACT = 1.0
# Without a stored report, a claimed count above the dataset's may be the Air Force's own figure
# when the gap is the size of one missing row (the dataset lacked the 4 Kinzhal of 21 Aug 2025).
MISSING_ROW_GAP = 10

SOURCE_NAMES = {
    "report": "the Air Force's report",
    "dataset": "the dataset",
    "article": "the article's own figures",
}


def holds(value: float, claimed: float, hedge: str) -> bool:
    """Return whether a value makes a hedged claim true."""
    if hedge == "nearly":
        return claimed * (1 - NEARLY_BELOW) <= value <= claimed
    if hedge == "more_than":
        return value > claimed
    if hedge == "about":
        return abs(value - claimed) <= claimed * ABOUT
    if hedge == "at_least":
        return value >= claimed
    if hedge == "up_to":
        return value <= claimed
    return value == claimed


def holds_percent(value: float, claimed: float, hedge: str) -> bool:
    """Return whether a percentage (0-100) makes a hedged percentage claim true."""
    if hedge == "exact":
        return abs(value - claimed) <= PERCENT_EXACT
    if hedge == "nearly":
        return claimed - 5 <= value <= claimed + 0.5
    if hedge == "about":
        return abs(value - claimed) <= 3
    return holds(value, claimed, hedge)


def not_checkable(reason: str, evidence: Mapping[str, Any] | None = None) -> Verdict:
    """Return a not_checkable verdict with its reason."""
    return Verdict("not_checkable", reason, None, dict(evidence or {}))


def combine(
    outcomes: Mapping[str, tuple[bool, Any]],
    *,
    describe: Callable[[Any], str],
    what: str,
    evidence: Mapping[str, Any],
    primary: str = "dataset",
) -> Verdict:
    """Return the verdict of a comparison made under several sources.

    ``outcomes`` maps a source (``report``, ``dataset``, ``article``) to (holds, value). The claim
    is supported when it holds under every source, contradicted when under none (the value given
    is the primary source's), and depends_on_source otherwise, naming what each source gives. The
    ``article`` source (figures an article gives as the Air Force's, no report stored) is not a
    stored source: a disagreement with it gives not_checkable, never depends_on_source.
    """
    evidence = {**evidence, "sources": {name: value for name, (_, value) in outcomes.items()}}
    primary_value = outcomes[primary][1]
    if all(ok for ok, _ in outcomes.values()):
        values = {describe(v) for _, v in outcomes.values()}
        return Verdict("supported", f"{what}: {' / '.join(sorted(values))}", primary_value, evidence)
    if not any(ok for ok, _ in outcomes.values()):
        return Verdict("contradicted", f"{what}: {describe(primary_value)}", primary_value, evidence)
    parts = [f"{describe(v)} with {SOURCE_NAMES[name]}" for name, (_, v) in outcomes.items()]
    if "article" in outcomes:
        # Only one stored source: the article's figure is a claim, not a source. Unsure, so say so.
        return Verdict(
            "not_checkable",
            f"{what}: " + "; ".join(parts) + "; no report is stored for this night (`skytally report add` settles it)",
            None,
            evidence,
        )
    return Verdict("depends_on_source", f"{what}: " + "; ".join(parts), primary_value, evidence)
