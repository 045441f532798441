"""What the home and attack pages show, as plain data for their templates.

Every figure here is read from the ledger's ``Attack``, the context engine's ``AttackContext``
or the bulletin, through the same calls the CLI makes (``attack_json``, ``build_context`` via
``Site.context``, ``render_bulletin``): the pages add layout, never arithmetic of their own,
except picking the largest attack of a year (a max over the ledger's totals).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from skytally.bulletin.model import Bulletin
from skytally.context import AttackContext, Evidence
from skytally.ledger.model import Attack
from skytally.ledger.taxonomy import load_taxonomy
from skytally.web.site import Site

LANGS = ("en", "fr", "uk")
LANG_NAMES = {"en": "English", "fr": "Français", "uk": "Українська"}
LANG_ENGLISH = {"en": "English", "fr": "French", "uk": "Ukrainian"}
MEASURES = ("drones", "missiles", "total")
MEASURE_LABELS = {"drones": "Drones", "missiles": "Missiles", "total": "Drones and missiles"}


@dataclass(frozen=True, slots=True)
class RecordCell:
    """The largest attack of a scope by one measure, and how many others share its value."""

    attack: Attack
    value: int
    shared_with: int


def measure_label(measure: str) -> str:
    """Return a measure's label: "Drones", or a weapon class's plural name ("Strike drones")."""
    if measure in MEASURE_LABELS:
        return MEASURE_LABELS[measure]
    weapon = load_taxonomy().classes.get(measure)
    label = weapon.labels["en"] if weapon is not None else measure.replace("_", " ")
    return label[:1].upper() + label[1:]


def bulletin(site: Site, attack: Attack, lang: str) -> Bulletin:
    """Return the attack's text bulletin in a language, rendered once per attack and language."""
    from skytally.bulletin import render_bulletin

    return site.cached(
        ("page-bulletin", attack.id, lang),
        lambda: render_bulletin(attack, site.context(attack), lang=lang),  # type: ignore[arg-type]
    )


def bulletin_view(site: Site, attack: Attack, lang: str) -> dict[str, Any]:
    """Return a bulletin as its headline, its paragraphs and the plain text the copy button copies."""
    text = bulletin(site, attack, lang).text
    paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
    return {
        "lang": lang,
        "name": LANG_NAMES[lang],
        "english": LANG_ENGLISH[lang],
        "headline": paragraphs[0],
        "paragraphs": paragraphs[1:],
        "text": text,
    }


def records_table(attacks: list[Attack]) -> list[dict[str, Any]]:
    """Return the largest attacks by drones, missiles and total: all time, then each year, newest first."""
    scopes: list[tuple[str, list[Attack]]] = [("All time", attacks)]
    for year in sorted({a.date.year for a in attacks}, reverse=True):
        scopes.append((str(year), [a for a in attacks if a.date.year == year]))
    table = []
    for label, pool in scopes:
        cells = {}
        for measure in MEASURES:
            value = max(_value(a, measure) for a in pool)
            tied = [a for a in pool if _value(a, measure) == value]
            cells[measure] = RecordCell(tied[0], value, len(tied) - 1)
        table.append({"scope": label, "cells": cells, "first": pool[0].date, "last": pool[-1].date})
    return table


def _value(attack: Attack, measure: str) -> int:
    return int(getattr(attack, measure))


def class_rows(attack: Attack) -> list[dict[str, Any]]:
    """Return launched, destroyed and lost to electronic warfare per weapon class, largest first.

    Lost to EW is the sum over the class's figures where the Air Force gave it; None (shown as
    "not given") when no figure of the class has it: an unknown is not a zero.
    """
    classes = load_taxonomy().classes
    ids = sorted(
        set(attack.launched_by_class) | set(attack.destroyed_by_class),
        key=lambda c: (-attack.launched_by_class.get(c, 0), c),
    )
    rows = []
    for cls in ids:
        ew = [f.lost_to_ew for f in attack.figures if f.weapon_class == cls and f.lost_to_ew is not None]
        weapon = classes.get(cls)
        rows.append(
            {
                "id": cls,
                "label": measure_label(cls),
                "category": weapon.category if weapon else "",
                "launched": attack.launched_by_class.get(cls, 0),
                "destroyed": attack.destroyed_by_class.get(cls),
                "lost_to_ew": sum(ew) if ew else None,
            }
        )
    return rows


def context_view(ctx: AttackContext) -> dict[str, Any]:
    """Return the context figures grouped for the page: ranks by measure, records, sums, rates."""
    scopes: list[str] = []
    by_measure: dict[str, dict[str, Any]] = {}
    for rank in ctx.ranks:
        if rank.scope not in scopes:
            scopes.append(rank.scope)
        by_measure.setdefault(rank.measure, {})[rank.scope] = rank
    return {
        "scopes": [{"id": s, "label": scope_label(s, ctx)} for s in scopes],
        "ranks": [{"measure": m, "label": measure_label(m), "cells": cells} for m, cells in by_measure.items()],
        "records": [{"label": measure_label(r.measure), "record": r} for r in ctx.records],
        "windows": ctx.windows,
        "rates": ctx.rates,
    }


def scope_label(scope: str, ctx: AttackContext) -> str:
    """Return a rank scope as a column heading: "2025 so far", "All time", "Last 30 days"."""
    if scope == "year":
        return f"{ctx.attack.date.year} so far"
    if scope == "all_time":
        return "All time"
    if scope == "whole_year":
        return f"All of {ctx.attack.date.year}"
    return scope.replace("_", " ").capitalize()


def evidence_size(evidence: Evidence) -> int:
    """Return how many attacks an evidence lists (for the "ranked against" summary)."""
    return len(evidence.attacks)


def explore_href(query: str) -> str | None:
    """Return the explore page's link for a ``skytally attacks ...`` evidence query, else None.

    The CLI's ``attacks`` options are the explore page's parameters; the CLI sorts by a measure
    largest first and by date oldest first, and so does the link.

    >>> explore_href("skytally attacks --sort drones --until 2025-08-21 --since 2025-01-01")
    '/explore?sort=drones&order=desc&until=2025-08-21&since=2025-01-01'
    >>> explore_href("skytally show 2025-08-21") is None
    True
    """
    import shlex
    from urllib.parse import urlencode

    words = shlex.split(query)
    if words[:2] != ["skytally", "attacks"]:
        return None
    options = dict(zip(words[2::2], words[3::2], strict=False))
    params: dict[str, str] = {}
    sort = options.get("--sort", "date")
    params["sort"] = sort
    params["order"] = "asc" if sort == "date" else "desc"
    for name in ("until", "since", "year"):
        if f"--{name}" in options:
            params[name] = options[f"--{name}"]
    return "/explore?" + urlencode(params)
