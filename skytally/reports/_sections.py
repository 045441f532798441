"""A report's text -> its sections: launched list, shoot-down list, hits sentence, headline.

A report is a few paragraphs, each opened by words the lexicon lists («противник атакував»,
«збито/подавлено», «влучання»). A section runs from those words to the next section's words or
the end of its paragraph, cut short by a clause that ends a list («інформація щодо …»). A
paragraph that ends with a colon takes the bulleted list after it. The headline in capitals
(«ЗБИТО/ПОДАВЛЕНО 177 ЦІЛЕЙ») is its own section: it repeats the body and only its «N цілей»
is read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from skytally.reports._lexicon import Lexicon

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
_ROLES = ("launched", "launch_intro", "destroyed", "hits")
_DATA_KEYS = {"launched": "launch", "launch_intro": "launch_intro", "destroyed": "destroyed", "hits": "hits"}


@dataclass(frozen=True, slots=True)
class Section:
    """One section of a report: what its list counts, and its [start, end) offsets."""

    role: str
    start: int
    end: int


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Return the [start, end) spans of the paragraphs, a list joined to the line announcing it."""
    spans: list[tuple[int, int]] = []
    position = 0
    for brk in _PARAGRAPH_BREAK.finditer(text):
        if text[position : brk.start()].strip():
            spans.append((position, brk.start()))
        position = brk.end()
    if text[position:].strip():
        spans.append((position, len(text)))
    merged: list[tuple[int, int]] = []
    for span in spans:
        if merged and text[merged[-1][0] : merged[-1][1]].rstrip().endswith(":"):
            merged[-1] = (merged[-1][0], span[1])
        else:
            merged.append(span)
    return merged


def find_headline(text: str, lexicon: Lexicon) -> tuple[int, int] | None:
    """Return the span of a capitals headline that states what was shot down, if the post has one."""
    for line in re.finditer(r"[^\n]+", text):
        letters = [c for c in line.group(0) if c.isalpha()]
        if not letters:
            continue
        upper = sum(c.isupper() for c in letters) / len(letters)
        said = any(p.search(line.group(0)) for p in lexicon.sections["destroyed"])
        return line.span() if upper >= 0.6 and said else None
    return None


def _triggers(text: str, start: int, end: int, lexicon: Lexicon) -> list[tuple[int, int, str]]:
    found: list[tuple[int, int, str]] = []
    for role in _ROLES:
        for pattern in lexicon.sections.get(_DATA_KEYS[role], []):
            found += [(m.start(), m.end(), role) for m in pattern.finditer(text, start, end)]
    found.sort(key=lambda t: (t[0], -(t[1] - t[0])))
    kept: list[tuple[int, int, str]] = []
    for trigger in found:
        if not kept or trigger[0] >= kept[-1][1]:
            kept.append(trigger)
    return kept


def _cut(text: str, start: int, end: int, patterns: list[re.Pattern[str]]) -> int:
    cuts = [m.start() for p in patterns for m in [p.search(text, start, end)] if m is not None]
    return min(cuts, default=end)


def split_sections(text: str, lexicon: Lexicon, body_start: int) -> list[Section]:
    """Return the sections of the report body (the text from the dated header on)."""
    sections: list[Section] = []
    cut = lexicon.sections.get("cut", [])
    for para_start, para_end in paragraphs(text):
        if para_end <= body_start:
            continue
        start = max(para_start, body_start)
        triggers = _triggers(text, start, para_end, lexicon)
        ew = [p.search(text, start, para_end) for p in lexicon.sections.get("ew", [])]
        if not any(t[2] == "destroyed" for t in triggers) and any(ew):
            # «Ще 42 БпЛА-імітатори локаційно втрачено»: the count stands before the words.
            triggers = [(start, start, "destroyed"), *triggers]
        for pattern in lexicon.sections.get("destroyed_before", []):
            for match in pattern.finditer(text, start, para_end):
                sentence = max(
                    text.rfind(". ", start, match.start()) + 2,
                    text.rfind(":", start, match.start()) + 1,
                    text.rfind("\n", start, match.start()) + 1,
                    start,
                )
                sections.append(Section("destroyed", sentence, match.start()))
        for index, (_, trigger_end, role) in enumerate(triggers):
            end = triggers[index + 1][0] if index + 1 < len(triggers) else para_end
            end = _cut(text, trigger_end, end, cut)
            if role == "hits":
                end = _cut(text, trigger_end, end, lexicon.sections.get("hits_end", []))
            sections.append(Section(role, trigger_end, end))
    return sections
