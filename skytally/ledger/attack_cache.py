"""A cache of the attacks a dataset version makes, so that a cold command need not regroup every row.

Reading the ~3,800 rows and grouping them into attacks costs about 200 ms, most of a cold
`skytally bulletin`. The attacks are a pure function of the rows and of skytally's grouping code,
so the store keeps them, encoded with ``marshal`` (plain tuples, strings and numbers: no code, unlike
pickle, so a store from elsewhere cannot run anything), keyed by the dataset version's sha256 and by
a hash of the code and taxonomy that built them. Any change to either makes the key miss and the
attacks are rebuilt from the rows: the cache can be stale only if this key misses a dependency.
"""

from __future__ import annotations

import hashlib
import marshal
from collections.abc import Sequence
from datetime import UTC, date, datetime
from importlib import resources

from skytally.ledger._fields import KYIV
from skytally.ledger.model import Attack, AttackFigure

# Everything build_attacks' output depends on besides the rows themselves.
_CODE_FILES = ("attacks.py", "model.py", "load.py", "_fields.py", "taxonomy.py", "attack_cache.py")
_DATA_FILES = ("taxonomy.toml",)
FORMAT = 1


def code_key() -> str:
    """Return a hash of the code and data that group rows into attacks (the cache's second key)."""
    digest = hashlib.sha256(str(FORMAT).encode())
    package = resources.files("skytally.ledger")
    for name in _CODE_FILES:
        digest.update(package.joinpath(name).read_bytes())
    for name in _DATA_FILES:
        digest.update(package.joinpath("data", name).read_bytes())
    return digest.hexdigest()[:16]


def encode(attacks: Sequence[Attack]) -> bytes:
    """Return the attacks as marshal bytes of plain tuples."""
    return marshal.dumps([_attack_tuple(a) for a in attacks])


def decode(data: bytes) -> list[Attack]:
    """Return the attacks ``encode`` wrote (times back in Europe/Kyiv, as the loader makes them)."""
    return [_attack(t) for t in marshal.loads(data)]


def _ts(moment: datetime) -> float:
    return moment.timestamp()


def _kyiv(ts: float) -> datetime:
    return datetime.fromtimestamp(ts, UTC).astimezone(KYIV)


def _attack_tuple(a: Attack) -> tuple:
    figures = tuple(
        (
            f.model,
            f.weapon_class,
            f.category,
            f.combined,
            f.launched,
            f.destroyed,
            f.not_reach_goal,
            f.lost_to_ew,
            f.launch_places,
            f.source,
            f.evidence,
            f.counted_elsewhere,
            f.destroyed_counted_elsewhere,
        )
        for f in a.figures
    )
    return (
        a.id,
        a.date.toordinal(),
        _ts(a.start),
        _ts(a.end),
        figures,
        a.drones,
        a.missiles,
        a.bombs,
        a.drones_destroyed,
        a.missiles_destroyed,
        a.launched_by_class,
        a.destroyed_by_class,
        a.launch_places,
        a.affected_regions,
        a.destroyed_by_direction,
        a.source_urls,
        a.source,
        a.row_ids,
        a.regional_rows,
        a.warnings,
    )


def _attack(t: tuple) -> Attack:
    id_, day, start, end, figures, *counts = t[:12]  # counts: five totals and two by-class dicts
    launch_places, regions, by_direction, urls, source, rows, regional, warns = t[12:]
    return Attack(
        id_,
        date.fromordinal(day),
        _kyiv(start),
        _kyiv(end),
        tuple(AttackFigure(*f) for f in figures),
        *counts,
        launch_places,
        regions,
        by_direction,
        urls,
        source,
        rows,
        regional,
        warns,
    )
