"""The claim checker: read an article about an attack and give each claim a verdict with evidence.

``check_article(text, attacks=..., dataset_attacks=...)`` is the entry point (docs/claims.md).
"""

from __future__ import annotations

from skytally.claims.check import MAX_CHARS, check_article
from skytally.claims.model import CheckedClaim, CheckResult, Claim, Verdict

__all__ = ["MAX_CHARS", "CheckResult", "CheckedClaim", "Claim", "Verdict", "check_article"]
