"""Published items: what the watch put out for one attack, where it came from, and how it changed.

An item is plain JSON-ready data (it lives in the watch's state and in ``watch/items.json``):

- ``source``: the post (address, number, publication time), when the watch read it, the report's
  id in the store, and the versions that read it (skytally's and the report parser's rules);
- ``figures``: the ledger's figures for the attack as published;
- ``status``: ``provisional`` (the public dataset does not hold the attack yet), ``confirmed``
  (it holds the same figures) or ``disputed`` (it holds other figures: ``dataset.differences``);
- ``changes``: every later change, stated: a corrected report, the dataset arriving or
  disagreeing, a figure corrected by hand. An item is never silently replaced: its ``revision``
  goes up and a change says what moved, from what, to what.

Pure: the functions take ledger objects and return or update dicts; the loop stores and writes.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from skytally.ledger.model import Attack
from skytally.ledger.sources import StoredReport
from skytally.reports.channel import ChannelPost

# The figures an item states and compares with the dataset (launched and destroyed, by kind).
MEASURES = ("drones", "missiles", "drones_destroyed", "missiles_destroyed")


def slug(attack_id: str) -> str:
    """Return the file-name form of an attack id ('#' is not safe in a URL path).

    >>> slug("2026-05-02#2")
    '2026-05-02-2'
    """
    return attack_id.replace("#", "-")


def attack_figures(attack: Attack) -> dict[str, int]:
    """Return the item's figures of an attack."""
    return {m: getattr(attack, m) for m in MEASURES}


def dataset_view(used: Attack, in_dataset: Attack | None, dataset_sha: str | None) -> dict[str, Any]:
    """Return what the public dataset says of the attack: its figures and where they differ from ``used``."""
    if in_dataset is None:
        return {"version": dataset_sha, "figures": None, "differences": []}
    theirs = attack_figures(in_dataset)
    ours = attack_figures(used)
    differences = [{"figure": m, "dataset": theirs[m], "report": ours[m]} for m in MEASURES if theirs[m] != ours[m]]
    return {"version": dataset_sha, "figures": theirs, "differences": differences}


def status_of(dataset: dict[str, Any]) -> str:
    """Return ``provisional``, ``confirmed`` or ``disputed`` from a :func:`dataset_view`."""
    if dataset["figures"] is None:
        return "provisional"
    return "disputed" if dataset["differences"] else "confirmed"


def source_of(
    report: StoredReport, post: ChannelPost | None, read_at: datetime, versions: dict[str, str]
) -> dict[str, Any]:
    """Return an item's ``source``: the post, when it was read, the stored report, the versions."""
    record = report.record
    return {
        "post_id": None if post is None else post.post_id,
        "post_url": record.source_url,
        "posted_at": None if record.posted_at is None else record.posted_at.isoformat(),
        "read_at": read_at.isoformat(timespec="seconds"),
        "report_id": report.id,
        "report_kind": record.kind,
        "skytally_version": versions["skytally"],
        "parser_version": record.parser_version,
    }


def new_item(
    attack: Attack, report: StoredReport, source: dict[str, Any], dataset: dict[str, Any], now: datetime
) -> dict[str, Any]:
    """Return the first revision of an item for an attack read from a report."""
    at = now.isoformat(timespec="seconds")
    return {
        "id": attack.id,
        "slug": slug(attack.id),
        "date": attack.date.isoformat(),
        "kind": report.record.kind,
        "status": status_of(dataset),
        "revision": 1,
        "rendered": 0,
        "delivered": 0,
        "published_at": at,
        "updated_at": at,
        "source": source,
        "figures": attack_figures(attack),
        "dataset": dataset,
        "changes": [],
    }


def update_item(
    item: dict[str, Any],
    attack: Attack,
    report: StoredReport,
    source: dict[str, Any] | None,
    dataset: dict[str, Any],
    now: datetime,
) -> list[dict[str, Any]]:
    """Bring an item up to date with the ledger; return the changes made (none: the item is as it was).

    A new report (``source`` given, another report id) is a correction by the Air Force; figures
    that moved with the same report are the ledger's (a manual correction); a new dataset status
    or other dataset figures are stated as the dataset's. Each change goes in ``item["changes"]``
    and raises the revision once.
    """
    at = now.isoformat(timespec="seconds")
    changes: list[dict[str, Any]] = []
    figures = attack_figures(attack)
    moved = [
        {"figure": m, "before": item["figures"][m], "after": figures[m]}
        for m in MEASURES
        if item["figures"][m] != figures[m]
    ]
    if report.id != item["source"]["report_id"] and source is not None:
        changes.append(
            {
                "at": at,
                "kind": "corrected",
                "post_url": source["post_url"],
                "replaces_report": item["source"]["report_id"],
                "changes": moved,
            }
        )
        item["source"] = {**source, "first_post_url": item["source"].get("first_post_url", item["source"]["post_url"])}
    elif moved:
        changes.append({"at": at, "kind": "figures", "changes": moved})
    status = status_of(dataset)
    old_differences = item["dataset"]["differences"]
    if status != item["status"] or (status == "disputed" and dataset["differences"] != old_differences):
        kind = {"confirmed": "dataset_confirms", "disputed": "dataset_differs"}.get(status, "dataset_withdrawn")
        if status == "confirmed" and item["status"] == "disputed":
            kind = "dataset_agrees_now"
        changes.append(
            {
                "at": at,
                "kind": kind,
                "status_before": item["status"],
                "status_after": status,
                "differences": dataset["differences"],
            }
        )
    if changes:
        item["changes"].extend(changes)
        item["revision"] += 1
        item["updated_at"] = at
    item.update(figures=figures, dataset=dataset, status=status, kind=report.record.kind, id=attack.id)
    item["slug"] = slug(attack.id)
    return changes
