"""Render a bulletin from the Jinja templates of its language, with Babel formatting filters.

The environment uses ``StrictUndefined``: a figure a template names but the context lacks is an
error, never a blank in print. Templates live in ``templates/{fr,en,uk}/attack.{txt,md,html}.j2``;
each language's sentences are macros in ``templates/{lang}/_sentences.j2`` and the three formats
share layouts in ``templates/_layout/``.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import date, datetime
from functools import cache
from typing import Any

import jinja2
from babel.dates import format_time

from skytally.bulletin import wording
from skytally.bulletin.facts import build_bulletin_context
from skytally.bulletin.lexicon import load_lexicon
from skytally.bulletin.model import FORMATS, LANGS, Bulletin, Format, Lang
from skytally.context import AttackContext
from skytally.context.model import to_plain
from skytally.errors import DataError, TemplateError
from skytally.ledger.model import Attack

EXTENSIONS: dict[str, str] = {"text": "txt", "markdown": "md", "html": "html"}


@cache
def bulletin_environment(lang: Lang) -> jinja2.Environment:
    """Return the Jinja environment of a language: strict, autoescaping HTML, with Babel filters."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("skytally.bulletin", "templates"),
        undefined=jinja2.StrictUndefined,
        autoescape=jinja2.select_autoescape(enabled_extensions=("html.j2",), default_for_string=False),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters.update(
        number=lambda n: wording.format_number(n, lang),
        percent=lambda x: wording.format_percent_value(x, lang),
        count=lambda n, noun: wording.format_count(n, noun, lang),
        noun=lambda n, noun: wording.noun_form(n, noun, lang),
        ordinal=lambda n, gender="m": wording.ordinal_word(n, lang, gender),
        approx=wording.approximate,
        approx_number=lambda n: wording.format_approx(n, lang),
        long_date=lambda d: wording.format_long_date(_day(d), lang),
        day_month=lambda d: wording.format_day_month(_day(d), lang),
        night_start=lambda start, end: wording.format_night_start(_day(start), _day(end), lang),
        vague_date=lambda d, reference: wording.format_vague_date(_day(d), lang, reference=_day(reference)),
        clock=lambda t: format_time(t, load_lexicon(lang).dates["time"], locale=lang),
        names=lambda items: wording.format_names(tuple(items), lang),
        capitalize_first=lambda text: text[:1].upper() + text[1:],
        sentence=_one_line,
    )
    env.globals["hedge"] = {"nearly": load_lexicon(lang).nearly, "more_than": load_lexicon(lang).more_than}
    return env


def render_bulletin(attack: Attack, context: AttackContext, *, lang: Lang, fmt: Format = "text") -> Bulletin:
    """Return the bulletin of an attack in a language and format, with every figure it states.

    Args:
        attack: the attack (``ledger.attack("2025-08-21")``).
        context: its context (``build_context(ledger.attacks(), attack)``).
        lang: ``fr``, ``en`` or ``uk``.
        fmt: ``text``, ``markdown``, ``html``, or ``json`` (the text bulletin, its template
            context and its figures as one JSON document).

    Raises:
        DataError: an unknown language or format, or a template naming a figure the context
            lacks (the template's name and line are in the message).
    """
    if lang not in LANGS:
        raise DataError(f"no bulletin in language {lang!r}", hint=f"choose one of {', '.join(LANGS)}")
    if fmt not in FORMATS:
        raise DataError(f"no bulletin format {fmt!r}", hint=f"choose one of {', '.join(FORMATS)}")
    data, figures = build_bulletin_context(attack, context, lang)
    if fmt == "json":
        text_bulletin = render_bulletin(attack, context, lang=lang, fmt="text")
        doc = {
            "attack": attack.id,
            "lang": lang,
            "text": text_bulletin.text,
            "context": to_plain(data),
            "figures": to_plain(figures),
        }
        return replace(text_bulletin, fmt="json", text=json.dumps(doc, ensure_ascii=False, indent=2))
    name = f"{lang}/attack.{EXTENSIONS[fmt]}.j2"
    try:
        text = bulletin_environment(lang).get_template(name).render(b=data)
    except jinja2.UndefinedError as exc:
        raise TemplateError(f"template names a figure the bulletin context lacks: {exc}", path=name) from None
    return Bulletin(attack.id, lang, fmt, _tidy(text), figures, data)


def format_explain(bulletin: Bulletin) -> str:
    """Return the evidence of a bulletin as text: each figure, its value, attacks, rows and query."""
    template = bulletin_environment("en").get_template("_layout/explain.txt.j2")
    return template.render(figures=bulletin.figures).rstrip("\n")


def _day(value: Any) -> date:
    return value.date() if isinstance(value, datetime) else value


def _one_line(text: str) -> str:
    # A sentence macro spans template lines; in print it is one run of words.
    return re.sub(r"[ \t\r\n]+", " ", str(text)).strip()


def _tidy(text: str) -> str:
    # Sentence macros leave runs of spaces where optional clauses were left out.
    # Only ASCII spaces: Babel's no-break spaces inside numbers ("1 000") must stay.
    lines = [re.sub(r"[ \t]+", " ", line).strip() for line in text.strip().splitlines()]
    out: list[str] = []
    for line in lines:
        if line == "" and (not out or out[-1] == ""):
            continue
        out.append(line)
    return "\n".join(out)
