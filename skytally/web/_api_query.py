"""The attacks list's filters, order and page: what `/api/attacks` and the explore page apply.

The order follows `skytally attacks --sort`: by date oldest first, or by a measure or a weapon
class largest first, ties by date (so a rank reads as "first to reach").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any, Literal

from skytally.errors import DataError
from skytally.ledger.model import Attack
from skytally.ledger.taxonomy import load_taxonomy

MEASURES = ("drones", "missiles", "total")


@dataclass(frozen=True, slots=True)
class AttackQuery:
    """The filters, order and page of an attacks list (None: no such filter)."""

    since: date | None = None
    until: date | None = None
    year: int | None = None
    weapon_class: str | None = None
    model: str | None = None
    min_total: int | None = None
    min_drones: int | None = None
    min_missiles: int | None = None
    source: str = "default"
    sort: str = "date"
    order: Literal["asc", "desc"] | None = None
    limit: int = 100
    offset: int = 0

    def to_dict(self) -> dict[str, Any]:
        """Return the query as understood, with the order made explicit (``class`` as in the URL)."""
        data = {k: (v.isoformat() if isinstance(v, date) else v) for k, v in asdict(self).items() if v is not None}
        data["class"] = data.pop("weapon_class", None)
        data["order"] = self.effective_order
        return {k: v for k, v in data.items() if v is not None}

    @property
    def effective_order(self) -> Literal["asc", "desc"]:
        """The order asked for, else the CLI's: oldest first by date, largest first by a measure."""
        return self.order or ("asc" if self.sort == "date" else "desc")


def validate_query(query: AttackQuery) -> AttackQuery:
    """Return the query with ``model`` as the taxonomy names it; refuse names the taxonomy lacks.

    Raises:
        DataError: an unknown sort, weapon class or model, or ``since`` after ``until``.
    """
    taxonomy = load_taxonomy()
    classes = sorted(taxonomy.classes)
    if query.sort not in ("date", *MEASURES) and query.sort not in taxonomy.classes:
        raise DataError(
            f"cannot sort by {query.sort!r}", field="sort", hint=f"use date, {', '.join(MEASURES)} or a weapon class"
        )
    if query.weapon_class is not None and query.weapon_class not in taxonomy.classes:
        raise DataError(
            f"no weapon class {query.weapon_class!r}", field="class", hint=f"use one of {', '.join(classes)}"
        )
    if query.since and query.until and query.since > query.until:
        raise DataError(f"since ({query.since}) is after until ({query.until})", field="since")
    if query.model is not None:
        known = taxonomy.lookup(query.model)
        if known is None:
            raise DataError(
                f"no weapon model {query.model!r} in the taxonomy",
                field="model",
                hint="use a model name such as 'Shahed-136/131' or 'Kh-101' (docs/taxonomy.md)",
            )
        return _replace_model(query, known.id)
    return query


def _replace_model(query: AttackQuery, model: str) -> AttackQuery:
    from dataclasses import replace

    return replace(query, model=model)


def select_attacks(attacks: Sequence[Attack], query: AttackQuery) -> list[Attack]:
    """Return every attack that passes the query's filters, in its order (all pages)."""
    found = [a for a in attacks if _matches(a, query)]
    if query.sort == "date":
        found.sort(key=lambda a: (a.date, a.end), reverse=query.effective_order == "desc")
    elif query.effective_order == "desc":
        # Largest first; among equals the earlier attack first.
        found.sort(key=lambda a: (-measure(a, query.sort), a.date, a.end))
    else:
        found.sort(key=lambda a: (measure(a, query.sort), a.date, a.end))
    return found


def measure(attack: Attack, name: str) -> int:
    """Return a measure (drones, missiles, total) or the number launched of a weapon class."""
    if name in MEASURES:
        return int(getattr(attack, name))
    return attack.launched_by_class.get(name, 0)


def _matches(a: Attack, q: AttackQuery) -> bool:
    return (
        (q.since is None or a.date >= q.since)
        and (q.until is None or a.date <= q.until)
        and (q.year is None or a.date.year == q.year)
        and (q.weapon_class is None or a.launched_by_class.get(q.weapon_class, 0) > 0)
        and (q.model is None or any(f.model == q.model and (f.launched or 0) > 0 for f in a.figures))
        and (q.min_total is None or a.total >= q.min_total)
        and (q.min_drones is None or a.drones >= q.min_drones)
        and (q.min_missiles is None or a.missiles >= q.min_missiles)
    )
