"""Bulletins: a short factual report of an attack in French, English or Ukrainian, and charts.

    from skytally.bulletin import render_bulletin
    bulletin = render_bulletin(attack, build_context(ledger.attacks(), attack), lang="fr")
    print(bulletin.text)                 # the bulletin
    bulletin.figures                     # every figure it states, with attacks, rows and query

Text comes from Jinja templates per language (templates/{fr,en,uk}/) over one typed context
object (:class:`BulletinContext`, docs/bulletins.md); numbers, dates and plurals go through Babel.
This package imports Jinja2, Babel and num2words: the CLI imports it inside its commands only.
"""

from __future__ import annotations

from skytally.bulletin.facts import build_bulletin_context
from skytally.bulletin.model import Bulletin, BulletinContext, Figure, Format, Lang
from skytally.bulletin.render import format_explain, render_bulletin

__all__ = [
    "Bulletin",
    "BulletinContext",
    "Figure",
    "Format",
    "Lang",
    "build_bulletin_context",
    "format_explain",
    "render_bulletin",
]
