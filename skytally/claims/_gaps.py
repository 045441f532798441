"""Known gaps of the dataset that an article reveals: a model it names that the dataset lacks that night.

The dataset sometimes misses a whole row (the 4 Kh-47M2 Kinzhal of 21 Aug 2025). When an article
gives a count for a model of which the dataset has no figure at all that night, that row may be
missing: the model's count, and the article's counts of its class, of missiles (or drones) and of
the total that exceed the dataset's by no more than the model's count, are explained by the gap
and cannot be refuted until the Air Force's report is stored (`skytally report add`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from skytally.claims import _ledger_values as lv
from skytally.claims.model import Claim
from skytally.ledger.taxonomy import Taxonomy


@dataclass(frozen=True, slots=True)
class MissingRows:
    """The models an article names that the dataset lacks, and by how much each measure may be short."""

    models: dict[date, dict[str, int]] = field(default_factory=dict)
    allowance: dict[date, dict[str, int]] = field(default_factory=dict)

    def lacks_model(self, night: date | None, measure: str) -> int:
        """Return the article's count of a model the dataset has no row for that night (0 if none)."""
        return self.models.get(night, {}).get(measure, 0) if night else 0

    def explains(self, night: date | None, measure: str, claimed: int, value: int) -> bool:
        """Whether a claimed count above the dataset's is within what the missing rows account for."""
        gap = self.allowance.get(night, {}).get(measure, 0) if night else 0
        return 0 < claimed - value <= gap


def find_missing_rows(claims: Sequence[Claim], dataset: lv.AttackIndex, taxonomy: Taxonomy) -> MissingRows:
    """Return the missing rows an article's model counts reveal, night by night."""
    models: dict[date, dict[str, int]] = defaultdict(dict)
    allowance: dict[date, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for claim in claims:
        measure = claim.claimed.get("measure", "")
        if claim.kind not in ("count", "total") or claim.unreadable or not measure.startswith("model:"):
            continue
        night = claim.night
        attack = dataset.night(night) if night else None
        model_id = measure.removeprefix("model:")
        if night is None or attack is None or claim.claimed.get("hedge") != "exact":
            continue
        if any(lv.names_model(f.model, model_id) for f in attack.figures):
            continue  # the dataset has a row for it: no gap
        model = taxonomy.lookup(model_id)
        if model is None or measure in models[night]:
            continue
        count = int(claim.claimed["value"])
        models[night][measure] = count
        category = taxonomy.category_of(model.weapon_class)
        for short in {"total", "missiles" if category == "missile" else "drones", model.weapon_class}:
            allowance[night][short] += count
    return MissingRows(dict(models), {night: dict(by) for night, by in allowance.items()})
