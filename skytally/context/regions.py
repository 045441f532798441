"""Where an attack struck: oblasts from the dataset, grouped into macro-regions as a journalist says it.

"Mainly the western regions: Lviv, Volyn, Rivne, Zakarpattia." The dataset lists the oblasts an
attack affected (its ``affected region`` column) and, for some attacks, how many weapons were
shot down in each direction (``destroyed_details``: "west": 53, "Odesa oblast": 9). This module
maps both onto the macro-regions of ``data/regions.toml`` (documented in docs/regions.md) and says
which macro-region leads, and how strongly: ``all``, ``majority`` (more than half), ``plurality``
(the most, half or less), ``tied``, or ``none`` when the dataset lists nothing. A name the file
does not know is listed as unplaced, never guessed.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, Literal

from skytally.context.model import AttackValue, Evidence
from skytally.errors import DataError
from skytally.ledger.model import Attack

REGIONS_FILE = "regions.toml"
LANGS = ("en", "fr", "uk")
Dominance = Literal["all", "majority", "plurality", "tied", "none"]


@dataclass(frozen=True, slots=True)
class MacroRegion:
    """A macro-region (``west``, ``north``, ``center``, ``east``, ``south``) and its labels."""

    id: str
    labels: dict[str, str]
    regions_labels: dict[str, str]


@dataclass(frozen=True, slots=True)
class Oblast:
    """An oblast (or Kyiv city, Crimea) as the dataset names it, its macro-region and labels."""

    id: str
    macro: str
    labels: dict[str, str]


@dataclass(frozen=True, slots=True)
class RegionMap:
    """The loaded ``regions.toml``: macro-regions, oblasts, aliases, direction words."""

    macros: dict[str, MacroRegion]
    oblasts: dict[str, Oblast]
    aliases: dict[str, str]
    directions: dict[str, str]
    unplaced: dict[str, str]

    def oblast(self, name: str) -> Oblast | None:
        """Return the oblast a dataset name names (aliases followed), or None."""
        key = name.strip()
        return self.oblasts.get(self.aliases.get(key, key))


@dataclass(frozen=True, slots=True)
class RegionGroup:
    """The oblasts of one macro-region an attack struck (``count`` = how many)."""

    macro: str
    regions: tuple[str, ...]
    count: int


@dataclass(frozen=True, slots=True)
class DirectionCount:
    """Weapons shot down in one direction of ``destroyed_details``, placed in macro-regions.

    A direction naming oblasts of two macro-regions ("Vinnytsia oblast and Rivne oblast") has
    ``macros`` of both: its count cannot be split, so it is not added to either group.
    """

    direction: str
    macros: tuple[str, ...]
    count: int


@dataclass(frozen=True, slots=True)
class RegionSummary:
    """The regions an attack struck and where weapons were shot down, by macro-region.

    ``leading`` holds the macro-region(s) with the most oblasts struck (several when tied);
    ``share`` is their share of the placed oblasts.
    """

    regions: tuple[str, ...]
    groups: tuple[RegionGroup, ...]
    leading: tuple[str, ...]
    share: float | None
    dominance: Dominance
    directions: tuple[DirectionCount, ...]
    destroyed_by_macro: dict[str, int]
    unplaced: tuple[str, ...]
    caveats: tuple[str, ...]
    evidence: Evidence


def parse_region_map(text: str, *, path: str = REGIONS_FILE) -> RegionMap:
    """Return the region map of a TOML text.

    Raises:
        DataError: bad TOML, a missing label, an oblast in an unknown macro-region, or an alias
            or direction that names nothing; the message names the key at fault.
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise DataError(f"not valid TOML: {exc}", path=path) from None
    macros = {key: _macro(key, value, path) for key, value in _table(data, "macro", path).items()}
    oblasts = {}
    for key, value in _table(data, "oblast", path).items():
        macro = value.get("macro")
        if macro not in macros:
            raise DataError(
                f"expected a macro-region among {', '.join(macros)}, got {macro!r}",
                path=path,
                field=f"oblast.{key}.macro",
                value=macro,
            )
        oblasts[key] = Oblast(key, macro, _labels(value, "", f"oblast.{key}", path))
    aliases = dict(_table(data, "aliases", path))
    for key, target in aliases.items():
        if target not in oblasts:
            raise DataError(f"alias names no oblast: {target!r}", path=path, field=f"aliases.{key}", value=target)
    directions = dict(_table(data, "directions", path))
    for key, target in directions.items():
        if target not in macros:
            raise DataError(
                f"direction names no macro-region: {target!r}", path=path, field=f"directions.{key}", value=target
            )
    return RegionMap(macros, oblasts, aliases, directions, dict(data.get("unplaced", {})))


def _table(data: Mapping[str, Any], name: str, path: str) -> dict[str, Any]:
    table = data.get(name)
    if not isinstance(table, dict) or not table:
        raise DataError(f"missing table [{name}]", path=path, field=name)
    return table


def _labels(value: Mapping[str, Any], prefix: str, where: str, path: str) -> dict[str, str]:
    labels = {lang: value.get(f"{prefix}{lang}") for lang in LANGS}
    for lang, label in labels.items():
        if not isinstance(label, str) or not label:
            raise DataError("expected a label", path=path, field=f"{where}.{prefix}{lang}", value=label)
    return labels  # type: ignore[return-value]


def _macro(key: str, value: Mapping[str, Any], path: str) -> MacroRegion:
    return MacroRegion(key, _labels(value, "", f"macro.{key}", path), _labels(value, "regions_", f"macro.{key}", path))


@cache
def load_region_map() -> RegionMap:
    """Return the region map shipped with skytally (``skytally/context/data/regions.toml``)."""
    text = resources.files("skytally.context.data").joinpath(REGIONS_FILE).read_text(encoding="utf-8")
    return parse_region_map(text, path=f"skytally/context/data/{REGIONS_FILE}")


def group_regions(names: Iterable[str], region_map: RegionMap) -> tuple[tuple[RegionGroup, ...], tuple[str, ...]]:
    """Return the oblasts grouped by macro-region (largest group first) and the names left unplaced."""
    grouped: dict[str, list[str]] = {}
    unplaced: list[str] = []
    for name in names:
        oblast = region_map.oblast(name)
        if oblast is None:
            unplaced.append(name)
        elif oblast.id not in grouped.get(oblast.macro, []):
            grouped.setdefault(oblast.macro, []).append(oblast.id)
    order = list(region_map.macros)
    groups = sorted(
        (RegionGroup(m, tuple(r), len(r)) for m, r in grouped.items()), key=lambda g: (-g.count, order.index(g.macro))
    )
    return tuple(groups), tuple(unplaced)


def _direction_macros(direction: str, region_map: RegionMap) -> tuple[str, ...]:
    macros: list[str] = []
    for part in re.split(r"\s+and\s+", direction.strip()):
        macro = region_map.directions.get(part.strip().casefold())
        oblast = region_map.oblast(part)
        found = macro or (oblast.macro if oblast else None)
        if found is None:
            return ()
        if found not in macros:
            macros.append(found)
    return tuple(macros)


def summarise_regions(attack: Attack, region_map: RegionMap | None = None) -> RegionSummary:
    """Return where ``attack`` struck and where its weapons were shot down, by macro-region."""
    region_map = region_map or load_region_map()
    groups, unplaced = group_regions(attack.affected_regions, region_map)
    placed = sum(g.count for g in groups)
    caveats: list[str] = []
    leading: tuple[str, ...] = ()
    share: float | None = None
    dominance: Dominance = "none"
    if groups:
        top = groups[0].count
        leading = tuple(g.macro for g in groups if g.count == top)
        share = top / placed
        if len(leading) > 1:
            dominance = "tied"
        elif len(groups) == 1:
            dominance = "all"
        else:
            dominance = "majority" if top * 2 > placed else "plurality"
    else:
        caveats.append("the dataset lists no affected region for this attack")
    if unplaced:
        caveats.append(f"names not placed in a macro-region: {', '.join(unplaced)}")
    directions = tuple(
        DirectionCount(d, _direction_macros(d, region_map), n) for d, n in attack.destroyed_by_direction.items()
    )
    by_macro: dict[str, int] = {}
    for item in directions:
        if len(item.macros) == 1:
            by_macro[item.macros[0]] = by_macro.get(item.macros[0], 0) + item.count
        else:
            caveats.append(f"shot down over {item.direction!r} ({item.count}): cannot be placed in one macro-region")
    rows = tuple(ref for f in attack.figures for ref in f.evidence)
    evidence = Evidence(
        f"skytally show {attack.id}", (AttackValue(attack.id, attack.date, len(attack.affected_regions), rows),), 1
    )
    return RegionSummary(
        regions=tuple(o for g in groups for o in g.regions),
        groups=groups,
        leading=leading,
        share=share,
        dominance=dominance,
        directions=directions,
        destroyed_by_macro=dict(sorted(by_macro.items(), key=lambda kv: -kv[1])),
        unplaced=unplaced,
        caveats=tuple(caveats),
        evidence=evidence,
    )
