"""Atom feeds of the latest attacks' bulletins, one per language (/feed.fr.xml, /feed.en.xml, /feed.uk.xml).

A newsroom's tools follow a feed: each entry is one attack's bulletin, the same text the attack
page and `skytally bulletin` give (``render_bulletin`` over the site's cached context). The
document is built with ElementTree, so every text and attribute is escaped by the serializer.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any
from urllib.parse import quote

from skytally.bulletin import render_bulletin
from skytally.ledger.model import Attack

ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# tag: URIs (RFC 4151) never change with the host the site is published on, so a reader that
# moves with the site does not see every entry again. 2025 is when skytally minted them.
TAG_PREFIX = "tag:skytally,2025:"
LANGS = ("fr", "en", "uk")
# The feed's own title and subtitle: three short labels, not prose; the entries are the bulletins.
FEED_TITLES = {
    "fr": ("skytally : attaques aériennes russes contre l'Ukraine", "Le bulletin de chaque attaque, en français"),
    "en": ("skytally: Russia's aerial attacks on Ukraine", "Each attack's bulletin, in English"),
    "uk": ("skytally: повітряні атаки Росії на Україну", "Бюлетень кожної атаки українською"),
}
EMPTY_UPDATED = "1970-01-01T00:00:00+00:00"


def feed_path(lang: str) -> str:
    """Return the site path of a language's feed.

    >>> feed_path("fr")
    '/feed.fr.xml'
    """
    return f"/feed.{lang}.xml"


def attack_path(attack_id: str) -> str:
    """Return the site path of an attack's page (a later wave's ``#`` is percent-encoded).

    >>> attack_path("2025-08-21"), attack_path("2025-08-21#2")
    ('/attacks/2025-08-21', '/attacks/2025-08-21%232')
    """
    return f"/attacks/{quote(attack_id, safe='')}"


def entry_id(attack_id: str, lang: str) -> str:
    """Return the stable Atom id of an attack's bulletin in a language.

    >>> entry_id("2025-08-21", "fr")
    'tag:skytally,2025:attack/2025-08-21/fr'
    """
    return f"{TAG_PREFIX}attack/{quote(attack_id, safe='')}/{lang}"


def atom_feed(site: Any, lang: str, *, limit: int = 30) -> str:
    """Return the Atom 1.0 document of the ``limit`` latest attacks' bulletins in ``lang`` (fr, en, uk).

    ``site`` is a ``skytally.web.site.Site``: attacks and contexts come from its caches, links are
    absolute when ``site.base_url`` is set (root-relative otherwise). Entries are newest first and
    dated by the end of the attack's window, so a feed is the same bytes until the ledger changes.

    Raises:
        DataError: ``lang`` is not one of fr, en, uk.
    """
    if lang not in LANGS:
        from skytally.errors import DataError

        raise DataError(f"no feed in language {lang!r}", hint=f"choose one of {', '.join(LANGS)}")
    base = getattr(site, "base_url", "") or ""
    latest = sorted(site.attacks(), key=lambda a: (a.end, a.id), reverse=True)[:limit]
    title, subtitle = FEED_TITLES[lang]

    feed = ET.Element("feed", {"xmlns": ATOM, XML_LANG: lang})
    _text(feed, "id", f"{TAG_PREFIX}feed/{lang}")
    _text(feed, "title", title)
    _text(feed, "subtitle", subtitle)
    _text(feed, "updated", latest[0].end.isoformat() if latest else EMPTY_UPDATED)
    ET.SubElement(feed, "link", rel="self", type="application/atom+xml", href=base + feed_path(lang))
    ET.SubElement(feed, "link", rel="alternate", type="text/html", href=base + "/")
    author = ET.SubElement(feed, "author")
    _text(author, "name", "skytally")
    if base:
        _text(author, "uri", base + "/")
    from skytally import __version__
    from skytally.config import DATASET_AUTHOR, DATASET_LICENCE

    generator = _text(feed, "generator", "skytally")
    generator.set("version", __version__)
    _text(
        feed,
        "rights",
        f"Figures: Ukrainian Air Force, compiled by {DATASET_AUTHOR} ({DATASET_LICENCE}); computed by skytally.",
    )
    for attack in latest:
        feed.append(_entry(site, attack, lang, base))
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def _entry(site: Any, attack: Attack, lang: str, base: str) -> ET.Element:
    context = site.context(attack)
    text = render_bulletin(attack, context, lang=lang, fmt="text").text  # type: ignore[arg-type]
    html = render_bulletin(attack, context, lang=lang, fmt="html").text  # type: ignore[arg-type]
    entry = ET.Element("entry")
    _text(entry, "id", entry_id(attack.id, lang))
    # The text bulletin's first line is its headline.
    _text(entry, "title", text.split("\n", 1)[0].strip())
    _text(entry, "updated", attack.end.isoformat())
    _text(entry, "published", attack.end.isoformat())
    ET.SubElement(entry, "link", rel="alternate", type="text/html", href=base + attack_path(attack.id))
    for url in attack.source_urls:
        # rel="via": where the figures come from, the Air Force's own post.
        ET.SubElement(entry, "link", rel="via", href=url)
    content = _text(entry, "content", html)
    content.set("type", "html")
    return entry


def _text(parent: ET.Element, tag: str, value: str) -> ET.Element:
    element = ET.SubElement(parent, tag)
    element.text = value
    return element
