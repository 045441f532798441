"""One section of a report (a launch list, a shoot-down list, a hits sentence) -> items.

An item is one weapon phrase: a count («189», «двома», «понад 50»), a cue that gives its class
(«ударними БпЛА», «крилатими ракетами»), the model names after it, and the sub-counts in it
(«(79 із них - реактивні)»). The section is read as a sequence of anchors (numbers, cues, model
names, words that end a description such as «із», line breaks) so that one sentence listing
several weapons and a bulleted list are read the same way. A number that is not followed by a
weapon is not guessed at: it is returned as unplaced.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from skytally.reports._lexicon import Lexicon
from skytally.reports._models import ModelName, find_models, resolve_name
from skytally.reports._numbers import count_of, value_span
from skytally.reports._phrases import DRONE_KINDS, Cue, Item, Member, Scan, SubCount, read_cue
from skytally.reports.model import Count, Unplaced

_PAREN = re.compile(r"\([^()\n]*\)")
_BREAK = re.compile(r"\n|;|\.(?=\s+[A-ZА-ЯІЇЄҐ\"«“])")
_BULLET = re.compile(r"^[ \t]*[-–—•▪●]+[ \t]*(?=\S)", re.MULTILINE)
# After a generic count, a colon or dash announces its breakdown («40 ракетами – 4 …, 2 …»).
_BREAKDOWN = re.compile(r"\s*[:–—-]")
_GAP_WORD = re.compile(r"[\w'-]+")

MAX_ANCHORS = 400


@dataclass(frozen=True, slots=True)
class _Anchor:
    start: int
    end: int
    type: str
    payload: object = None


class _Occupancy:
    """Which characters of a section are taken already: overlap checks in linear time."""

    def __init__(self, start: int, end: int, cells: bytearray | None = None) -> None:
        self.start = start
        self.cells = cells if cells is not None else bytearray(max(end - start, 0))

    def busy(self, start: int, end: int) -> bool:
        return 1 in self.cells[start - self.start : end - self.start]

    def take(self, start: int, end: int) -> None:
        self.cells[start - self.start : end - self.start] = b"\x01" * (end - start)

    def copy(self) -> _Occupancy:
        return _Occupancy(self.start, 0, bytearray(self.cells))


def _member_of_cue(cue: Cue) -> Member:
    resolved = resolve_name(cue.text)
    ids, parts = resolved if resolved else ((), frozenset())
    return Member(cue.text, ids, parts, cue.classes[0] if cue.classes else None, from_cue=True)


def _member_of_model(name: ModelName) -> Member:
    return Member(name.text, name.ids, name.parts, name.weapon_class)


class _Reader:
    """The anchor state machine of one section (see the module docstring)."""

    def __init__(self, text: str, lexicon: Lexicon, role: str) -> None:
        self.text = text
        self.lexicon = lexicon
        self.role = role
        self.scan = Scan()
        self.cur: Item | None = None
        self.pending: _Anchor | None = None
        self.closed = False
        self.ew_next = False

    def gap_ok(self, start: int, end: int, *, fillers: bool = True) -> bool:
        """True when only spaces, quotes, dashes and filler words stand between two anchors."""
        gap = _PAREN.sub("", self.text[start:end])
        for word in _GAP_WORD.findall(gap):
            if not fillers or word.casefold() not in self.lexicon.filler:
                return False
        return len(gap) <= 40

    def tight(self, start: int, end: int) -> bool:
        """True when a name follows its cue directly («дронами-імітаторами типу «Пародія»»)."""
        gap = self.text[start:end]
        return not re.search(r"[,;()]", gap) and self.gap_ok(start, end)

    def unplace(self, anchor: _Anchor, reason: str) -> None:
        self.scan.unplaced.append(Unplaced(self.text[anchor.start : anchor.end], (anchor.start, anchor.end), reason))

    def flush(self) -> None:
        if self.pending is not None:
            self.unplace(self.pending, "a count with no weapon after it")
            self.pending = None

    def new_item(self, start: int, count: Count | None, kind: str | None) -> Item:
        item = Item(self.role, start, start, count, kind)
        if self.ew_next:
            item.role, self.ew_next = "ew_lost", False
        self.scan.items.append(item)
        self.cur = item
        self.closed = False
        return item

    def on_number(self, anchor: _Anchor) -> None:
        self.flush()
        self.pending = anchor

    def on_cue(self, anchor: _Anchor) -> None:
        cue = anchor.payload
        assert isinstance(cue, Cue)
        cur = self.cur
        if self.pending is not None and self.gap_ok(self.pending.end, anchor.start):
            item = self.new_item(self.pending.start, self.pending.payload, cue.kind)  # type: ignore[arg-type]
            self.pending = None
        elif (
            self.pending is None
            and cur is not None
            and cur.cue is None
            and cur.members
            and cur.kind == cue.kind
            and self.gap_ok(cur.end, anchor.start, fillers=False)
        ):
            item = cur  # English order: «19 Kh-101 cruise missiles»
        elif self.pending is None and cur is not None and cur.is_group and not self.closed and cue.kind in DRONE_KINDS:
            # «… типу Shahed, Гербера та дронами-імітаторами …»: one drone number for them all.
            cur.members.append(_member_of_cue(cue))
            cur.end = anchor.end
            return
        else:
            self.flush()
            implied = Count(1) if cue.number == "singular" else None
            item = self.new_item(anchor.start, implied, cue.kind)
        item.cue = cue
        if (cue.kind in DRONE_KINDS or cue.unknown) and not item.members:
            item.members.insert(0, _member_of_cue(cue))
        item.end = anchor.end

    def on_model(self, anchor: _Anchor) -> None:
        name = anchor.payload
        assert isinstance(name, ModelName)
        cur = self.cur
        if self.pending is not None and self.gap_ok(self.pending.end, anchor.start):
            if not name.known:
                self.flush()
                return
            item = self.new_item(self.pending.start, self.pending.payload, name.category)  # type: ignore[arg-type]
            self.pending = None
            item.members.append(_member_of_model(name))
            item.end = anchor.end
            return
        self.flush()
        fits = (
            cur is not None
            and not self.closed
            and (
                cur.kind == name.category
                or (cur.kind in DRONE_KINDS and name.category == "drone")
                or (not name.known and cur.kind == "missile")
            )
        )
        if cur is not None and fits:
            last = cur.members[-1] if cur.members else None
            if last is not None and last.from_cue and self.tight(cur.end, anchor.start) and name.known:
                # «дронами-імітаторами типу «Пародія»»: the name replaces the cue's words.
                cur.members[-1] = _member_of_model(name)
            elif name.known or (cur.cue is not None and self.gap_ok(cur.end, anchor.start)):
                cur.members.append(_member_of_model(name))
            cur.end = anchor.end
            return
        if not name.known:
            return
        item = self.new_item(anchor.start, None, name.category)
        item.members.append(_member_of_model(name))
        item.end = anchor.end

    def on_subcount(self, anchor: _Anchor) -> None:
        sub = anchor.payload
        assert isinstance(sub, SubCount)
        if self.cur is not None and self.cur.kind in DRONE_KINDS:
            self.cur.subcounts.append(sub)
        else:
            self.scan.unplaced.append(Unplaced(sub.text, sub.span, "a share with no count to be part of"))

    def on_ew(self, anchor: _Anchor) -> None:
        if self.pending is not None and self.gap_ok(self.pending.end, anchor.start):
            # «40 – локаційно втрачені»: the weapon is the one of the list it stands in.
            kind = self.cur.kind if self.cur is not None else "drone"
            item = self.new_item(self.pending.start, self.pending.payload, kind)  # type: ignore[arg-type]
            if self.cur is not None and self.cur is not item:
                item.cue = self.cur.cue
            item.role = "ew_lost"
            item.end = anchor.end
            self.pending = None
        elif self.cur is not None and self.gap_ok(self.cur.end, anchor.start):
            self.cur.role = "ew_lost"
        else:
            self.ew_next = True

    def finish(self) -> Scan:
        self.flush()
        return self.scan


def _subcounts(text: str, start: int, end: int, lexicon: Lexicon) -> list[_Anchor]:
    anchors = []
    for pattern in lexicon.subcount:
        for match in pattern.finditer(text, start, end):
            what = match.group("what").casefold()
            cls = lexicon.subcount_what.get(what)
            count = count_of(match, "s", lexicon)
            if cls is None or count is None:
                continue
            if any(a.start < match.end() and match.start() < a.end for a in anchors):
                continue
            sub = SubCount(count, cls, match.group(0), match.span())
            anchors.append(_Anchor(match.start(), match.end(), "sub", sub))
    return anchors


def read_section(text: str, start: int, end: int, lexicon: Lexicon, role: str) -> Scan:
    """Return the items of ``text[start:end]`` read as a list of weapons with the given role."""
    anchors = _subcounts(text, start, end, lexicon)
    shares = _Occupancy(start, end)
    for anchor in anchors:
        shares.take(anchor.start, anchor.end)
    mask = shares.copy()
    for pattern in lexicon.noise:
        for match in pattern.finditer(text, start, end):
            mask.take(*match.span())
    reader = _Reader(text, lexicon, role)
    for paren in _PAREN.finditer(text, start, end):
        if shares.busy(*paren.span()):
            continue
        for number in lexicon.number_re.finditer(text, paren.start(), paren.end()):
            if not mask.busy(*number.span()):
                reader.unplace(_Anchor(*number.span(), "num"), "a count in brackets that is not a share")
        mask.take(*paren.span())
    taken = mask.copy()
    for match in lexicon.cue_re.finditer(text, start, end):
        if taken.busy(*match.span()):
            continue
        cue = read_cue(match, lexicon)
        if cue is not None:
            anchors.append(_Anchor(*match.span(), "cue", cue))
            taken.take(*match.span())
    for name in find_models(text, start, end, lexicon):
        if not taken.busy(name.start, name.end):
            anchors.append(_Anchor(name.start, name.end, "model", name))
            taken.take(name.start, name.end)
    for match in lexicon.number_re.finditer(text, start, end):
        if not taken.busy(*match.span()):
            count = count_of(match, "n", lexicon)
            if count is not None:
                anchors.append(_Anchor(*value_span(match, "n"), "num", count))
                taken.take(*match.span())
    if len(anchors) > MAX_ANCHORS:
        # A list of a real report has a few dozen phrases; thousands are not a report's list,
        # and reading them would only give a hostile text more work to ask for.
        reason = f"more than {MAX_ANCHORS} weapon phrases in one list: not read"
        return Scan([], [Unplaced(text[start : min(end, start + 80)], (start, end), reason)])
    for match in lexicon.origin_re.finditer(text, start, end):
        if not taken.busy(*match.span()):
            anchors.append(_Anchor(*match.span(), "origin"))
    for match in _BREAK.finditer(text, start, end):
        if not mask.busy(*match.span()):
            anchors.append(_Anchor(*match.span(), "break"))
    for pattern in lexicon.sections.get("ew", []):
        for match in pattern.finditer(text, start, end):
            anchors.append(_Anchor(*match.span(), "ew"))
    anchors.sort(key=lambda a: (a.start, a.end))
    handlers = {
        "num": reader.on_number,
        "cue": reader.on_cue,
        "model": reader.on_model,
        "sub": reader.on_subcount,
        "ew": reader.on_ew,
    }
    for anchor in anchors:
        if anchor.type in handlers:
            handlers[anchor.type](anchor)
        elif anchor.type == "origin":
            reader.closed = True
        elif anchor.type == "break":
            reader.flush()
            reader.closed = True
    scan = reader.finish()
    _mark_summaries(text, start, end, scan, anchors)
    scan.items = [part for item in scan.items for part in _split_uncounted(item)]
    return scan


def _split_uncounted(item: Item) -> list[Item]:
    """Split «ракетами …: Онікс, Циркон, Іскандер-М, С-400» (no numeral) into one item per model.

    With no number, a comma does not join models into one group: each is its own figure, classed
    by the taxonomy unless the cue names a class.
    """
    named = [m for m in item.members if not m.from_cue]
    if item.kind != "missile" or item.count is not None or len(named) < 2:
        return [item]
    cue = item.cue if item.cue is not None and item.cue.classes else None
    return [Item(item.role, item.start, item.end, None, item.kind, cue, [m], [], item.summary) for m in named]


def _mark_summaries(text: str, start: int, end: int, scan: Scan, anchors: list[_Anchor]) -> None:
    """Mark counts that announce a breakdown («40 ракетами – 4 …»; the header of a bullet list)."""
    bullet = _BULLET.search(text, start, end)
    first_bullet = bullet.start() if bullet else None
    last_phrase = max((a.start for a in anchors if a.type in ("num", "cue", "model")), default=-1)
    for item in scan.items:
        if first_bullet is not None and item.start < first_bullet:
            item.summary = True
        elif item.generic and item.count is not None and _BREAKDOWN.match(text, item.end):
            item.summary = last_phrase >= item.end
