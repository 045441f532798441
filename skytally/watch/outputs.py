"""Writing what the watch publishes under ``--publish DIR``: bulletins, charts, items, feeds, the site.

Everything the watch writes itself goes under ``DIR/watch/``; every file is written atomically,
so a reader (a web server, a CMS pulling the feed) never sees half a file, and writing the same
item twice gives the same files. The static site is refreshed by ``skytally.web.publish`` when
that module is installed (it is another part of skytally, looked up at run time).

    DIR/watch/bulletins/{slug}.{lang}.txt    the bulletin, then its source, status and changes
    DIR/watch/bulletins/{slug}.{lang}.json   the bulletin's JSON (text, context, figures) + "watch"
    DIR/watch/charts/{slug}.{lang}.svg       the 30 nights up to the attack, the attack outlined
    DIR/watch/items.json                     every published item with its provenance and changes
    DIR/watch/feed.{lang}.xml                an Atom feed of the items, newest first
"""

from __future__ import annotations

import importlib.util
import json
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from skytally.bulletin import render_bulletin
from skytally.bulletin.model import Lang
from skytally.context import build_context, load_events
from skytally.ledger.model import Attack
from skytally.watch.notes import footer_lines, load_notes
from skytally.watch.state import write_atomic

LANGS: tuple[Lang, ...] = ("fr", "en", "uk")
CHART_NIGHTS = 30
FEED_ENTRIES = 50
# Internal bookkeeping of an item, not part of what is published.
PRIVATE_KEYS = ("rendered", "delivered", "exec_failures")
ATOM = "http://www.w3.org/2005/Atom"


@dataclass
class Rendered:
    """The texts of one item's bulletins (with their footer) and the files written for it."""

    texts: dict[str, str]
    files: list[Path] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)


def public_item(item: dict[str, Any]) -> dict[str, Any]:
    """Return the item as published (without the watch's bookkeeping)."""
    return {k: v for k, v in item.items() if k not in PRIVATE_KEYS}


def render_texts(attacks: Sequence[Attack], attack: Attack, item: dict[str, Any]) -> dict[str, Any]:
    """Return, per language, the bulletin text with its footer and the bulletin's JSON document."""
    context = build_context(attacks, attack)
    out: dict[str, Any] = {}
    for lang in LANGS:
        footer = footer_lines(item, lang)
        text = render_bulletin(attack, context, lang=lang).text + "\n\n" + "\n".join(footer) + "\n"
        doc = json.loads(render_bulletin(attack, context, lang=lang, fmt="json").text)
        doc["watch"] = {**public_item(item), "lines": footer}
        out[lang] = (text, doc)
    return out


def write_item(
    out_dir: Path,
    attacks: Sequence[Attack],
    attack: Attack,
    item: dict[str, Any],
    *,
    charts: bool = True,
) -> Rendered:
    """Write an item's bulletins (fr, en, uk; text and JSON) and charts under ``out_dir/watch``."""
    watch_dir = out_dir / "watch"
    rendered = Rendered({})
    for lang, (text, doc) in render_texts(attacks, attack, item).items():
        rendered.texts[lang] = text
        for suffix, content in (("txt", text), ("json", json.dumps(doc, ensure_ascii=False, indent=2) + "\n")):
            path = watch_dir / "bulletins" / f"{item['slug']}.{lang}.{suffix}"
            write_atomic(path, content)
            rendered.files.append(path)
    rendered.parts.append(", ".join(LANGS))
    if charts:
        rendered.files += write_charts(watch_dir / "charts", attacks, attack, item["slug"])
        rendered.parts.append("chart")
    return rendered


def write_charts(chart_dir: Path, attacks: Sequence[Attack], attack: Attack, name: str) -> list[Path]:
    """Write the nights chart of the attack (SVG) in each language; return the paths."""
    from skytally.bulletin.charts import chart_to_svg, nights_chart  # Altair: only when drawing

    events = load_events()
    first = attack.date - timedelta(days=CHART_NIGHTS - 1)
    paths = []
    for lang in LANGS:
        chart = nights_chart(attacks, first=first, last=attack.date, lang=lang, highlight=attack, events=events)
        path = chart_dir / f"{name}.{lang}.svg"
        write_atomic(path, chart_to_svg(chart))
        paths.append(path)
    return paths


def write_index(out_dir: Path, items: dict[str, dict[str, Any]], now: datetime) -> list[Path]:
    """Write ``items.json`` and the Atom feeds (one per language) of every published item."""
    watch_dir = out_dir / "watch"
    ordered = sorted(items.values(), key=lambda i: (i["date"], i["id"]), reverse=True)
    published = [public_item(i) for i in ordered if i.get("rendered", 0) > 0]
    paths = [watch_dir / "items.json"]
    document = {"generated_at": now.isoformat(timespec="seconds"), "items": published}
    write_atomic(paths[0], json.dumps(document, ensure_ascii=False, indent=2) + "\n")
    for lang in LANGS:
        path = watch_dir / f"feed.{lang}.xml"
        write_atomic(path, atom_feed(watch_dir, published, lang, now))
        paths.append(path)
    return paths


def atom_feed(watch_dir: Path, items: Sequence[dict[str, Any]], lang: Lang, now: datetime) -> str:
    """Return the Atom feed of the items in one language: each entry the bulletin and its footer."""
    notes = load_notes()[lang]
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"xml:lang": lang})
    _text(feed, "title", notes["feed_title"])
    _text(feed, "subtitle", notes["feed_subtitle"])
    _text(feed, "id", f"tag:skytally,2025:watch/{lang}")
    updated = max((i["updated_at"] for i in items), default=now.isoformat(timespec="seconds"))
    _text(feed, "updated", updated)
    for item in items[:FEED_ENTRIES]:
        path = watch_dir / "bulletins" / f"{item['slug']}.{lang}.txt"
        if not path.exists():
            continue
        text = path.read_text("utf-8")
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        _text(entry, "id", f"tag:skytally,2025:watch/{item['id']}")
        _text(entry, "title", text.split("\n", 1)[0])
        _text(entry, "published", item["published_at"])
        _text(entry, "updated", item["updated_at"])
        ET.SubElement(entry, f"{{{ATOM}}}link", {"rel": "via", "href": item["source"]["post_url"]})
        ET.SubElement(entry, f"{{{ATOM}}}category", {"term": item["status"]})
        _text(entry, "content", text, type="text")
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def _text(parent: ET.Element, tag: str, text: str, **attrs: str) -> None:
    ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs).text = text


def site_available() -> bool:
    """Whether the static site publisher (``skytally.web.publish``) is installed."""
    try:
        return importlib.util.find_spec("skytally.web.publish") is not None
    except ModuleNotFoundError:
        return False


def refresh_site(db_path: Path, out_dir: Path, attack_ids: list[str], *, base_url: str = "") -> Any:
    """Refresh the static site's pages and feeds of these attacks with ``skytally.web.publish``."""
    from skytally.web.publish import publish  # type: ignore[import-not-found,unused-ignore]

    return publish(db_path, out_dir, base_url=base_url, only=attack_ids)
