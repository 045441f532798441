"""Weapon model names in a report («Іскандер- М/С-400/KN-23», «3М22 "Циркон"», «S8000 "Бандероль”»).

Names are found as runs of capitalised words, codes and quoted words, then looked up in the
ledger's taxonomy (skytally/ledger/data/taxonomy.toml), so a model is named the same way in the
ledger and in a report. A capitalised word the taxonomy does not know (a town, «ТОТ») is not a
model; a code after a missile cue that it does not know is kept with its own text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from skytally.ledger.taxonomy import Taxonomy, load_taxonomy
from skytally.reports._lexicon import Lexicon

_QUOTE = "«»\"“”„'‘’"
_TOKEN = rf"[{_QUOTE}]?(?=[\w-]*[^\W\d_])[A-ZА-ЯІЇЄҐ0-9][\w]*(?:[ ]?-[ ]?[\w]+)*[{_QUOTE}]?"
# «Х-59/69»: a slash part may be digits alone.
_GROUP = rf"{_TOKEN}(?:[ ]*/[ ]*(?:{_TOKEN}|\d[\w-]*))*"
RUN_RE = re.compile(rf"(?<![\w-]){_GROUP}(?:[ ]+{_GROUP})*")
# A model code such as «Х-50» or «9М729»: kept even when the taxonomy does not know it.
CODE_RE = re.compile(r"^(?:[A-ZА-ЯІЇЄ]{1,3}-?\d[\w-]*|\d[A-ZА-Я]\d+[\w-]*)(?:/[\w-]+)*$")
_CLEAN_QUOTES = re.compile(f"[{_QUOTE}]")
_MAX_WORDS = 4


@dataclass(frozen=True, slots=True)
class ModelName:
    """A model name found in the text: its span, cleaned text and what the taxonomy says."""

    start: int
    end: int
    text: str
    ids: tuple[str, ...]
    parts: frozenset[str]
    weapon_class: str | None
    category: str | None

    @property
    def known(self) -> bool:
        """True when the taxonomy names it."""
        return bool(self.ids)

    @property
    def model(self) -> str:
        """The id to report: the taxonomy id, several joined by "/", or the text when unknown."""
        return "/".join(self.ids) if self.ids else self.text


def clean_name(raw: str) -> str:
    """Return a model name without quotes and with no space around "-" and "/".

    >>> clean_name('Іскандер- М/С-400/KN-23')
    'Іскандер-М/С-400/KN-23'
    >>> clean_name('"Бандероль"/"Дань-Т"')
    'Бандероль/Дань-Т'
    """
    text = _CLEAN_QUOTES.sub("", raw)
    text = re.sub(r"\s*([-/])\s*", r"\1", text)
    return re.sub(r"\s+", " ", text).strip()


@cache
def _taxonomy() -> Taxonomy:
    return load_taxonomy()


def _lookup_one(name: str, taxonomy: Taxonomy) -> str | None:
    """Return the taxonomy id of one name, trying it without a trailing "-type"-like part."""
    model = taxonomy.lookup(name)
    while model is None and "-" in name:
        name = name.rsplit("-", 1)[0]
        if len(name) < 3:
            return None
        model = taxonomy.lookup(name)
    return None if model is None else model.id


def resolve_name(text: str) -> tuple[tuple[str, ...], frozenset[str]] | None:
    """Return (ids, atomic part ids) for a cleaned name, or None if the taxonomy does not know it.

    A slash group the taxonomy lists as one model («Іскандер-М/С-400») keeps that one id; its
    parts are still looked up one by one, so «Х-101» can be matched inside «Х-101/Іскандер-К».
    """
    taxonomy = _taxonomy()
    whole = taxonomy.lookup(text)
    pieces = [p for p in text.split("/") if p]
    part_ids = [_lookup_one(p, taxonomy) for p in pieces] if len(pieces) > 1 else []
    parts = frozenset(i for i in part_ids if i is not None)
    if whole is not None:
        return (whole.id,), (parts if len(parts) == len(pieces) else frozenset({whole.id}))
    if part_ids and all(part_ids):
        ids = tuple(dict.fromkeys(i for i in part_ids if i is not None))
        return ids, frozenset(ids)
    single = _lookup_one(text, taxonomy) if len(pieces) == 1 else None
    if single is not None:
        return (single,), frozenset({single})
    return None


def _model_name(start: int, end: int, text: str) -> ModelName | None:
    resolved = resolve_name(text)
    if resolved is None:
        return None
    ids, parts = resolved
    taxonomy = _taxonomy()
    classes = {taxonomy.models[i].weapon_class for i in ids}
    categories = {taxonomy.category_of(c) for c in classes}
    weapon_class = classes.pop() if len(classes) == 1 else None
    category = categories.pop() if len(categories) == 1 else None
    return ModelName(start, end, text, ids, parts, weapon_class, category)


def find_models(text: str, start: int, end: int, lexicon: Lexicon) -> list[ModelName]:
    """Return the model names in ``text[start:end]``, longest known run first, left to right.

    Unknown capitalised runs are skipped, except codes («Х-50»), kept unknown for the caller to
    accept after a missile cue.
    """
    found: list[ModelName] = []
    for run in RUN_RE.finditer(text, start, end):
        groups = [(m.start(), m.end()) for m in re.finditer(r"\S+(?:[ ]*/[ ]*\S+)*", run.group(0))]
        base = run.start()
        i = 0
        while i < len(groups):
            hit = None
            # A model name is at most a few words («Kh-47M2 Kinzhal», «П-800 Онікс»).
            for j in range(min(len(groups), i + _MAX_WORDS), i, -1):
                s, e = base + groups[i][0], base + groups[j - 1][1]
                name = _model_name(s, e, clean_name(text[s:e]))
                if name is not None:
                    hit = (j, name)
                    break
            if hit is None:
                s, e = base + groups[i][0], base + groups[i][1]
                code = clean_name(text[s:e])
                if CODE_RE.match(code):
                    found.append(ModelName(s, e, code, (), frozenset(), None, None))
                i += 1
                continue
            i = hit[0]
            found.append(hit[1])
    if lexicon.model_form_re is not None:
        for match in lexicon.model_form_re.finditer(text, start, end):
            alias = lexicon.model_forms[match.group(0).casefold()]
            name = _model_name(match.start(), match.end(), alias)
            if name is not None and not any(f.start < match.end() and match.start() < f.end for f in found):
                found.append(name)
    return sorted(found, key=lambda m: m.start)
