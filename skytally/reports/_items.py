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
from dataclasses import dataclass, field

from skytally.reports._lexicon import Lexicon
from skytally.reports._models import CODE_RE, ModelName, find_models, resolve_name
from skytally.reports._numbers import count_of, value_span
from skytally.reports.model import Count, Unplaced

_PAREN = re.compile(r"\([^()\n]*\)")
_BREAK = re.compile(r"\n|;|\.(?=\s+[A-ZА-ЯІЇЄҐ\"«“])")
_BULLET = re.compile(r"^[ \t]*[-–—•▪●]+[ \t]*(?=\S)", re.MULTILINE)
# After a generic count, a colon or dash announces its breakdown («40 ракетами – 4 …, 2 …»).
_BREAKDOWN = re.compile(r"\s*[:–—-]")
_GAP_WORD = re.compile(r"[\w'-]+")

DRONE_KINDS = ("drone", "munition")
MAX_ANCHORS = 400


@dataclass(frozen=True, slots=True)
class Cue:
    """What a cue phrase says: the kind it counts, the classes it names, its grammatical number."""

    kind: str
    classes: tuple[str, ...]
    number: str
    text: str
    unknown: bool
    other_types: bool


@dataclass(slots=True)
class Member:
    """One named part of an item: a model, or the cue's own words when no model is named."""

    text: str
    ids: tuple[str, ...]
    parts: frozenset[str]
    weapon_class: str | None
    from_cue: bool = False

    @property
    def model(self) -> str:
        """The taxonomy id(s) joined by "/", or the text when the taxonomy does not know it."""
        return "/".join(self.ids) if self.ids else self.text


@dataclass(slots=True)
class SubCount:
    """«(79 із них - реактивні)»: a part of an item's count, never an addition to it."""

    count: Count
    weapon_class: str
    text: str
    span: tuple[int, int]


@dataclass(slots=True)
class Item:
    """One weapon phrase of a section, before it is merged into the report's figures."""

    role: str
    start: int
    end: int
    count: Count | None = None
    kind: str | None = None
    cue: Cue | None = None
    members: list[Member] = field(default_factory=list)
    subcounts: list[SubCount] = field(default_factory=list)
    summary: bool = False

    @property
    def span(self) -> tuple[int, int]:
        """The [start, end) offsets of the phrase."""
        return self.start, self.end

    @property
    def weapon_class(self) -> str | None:
        """The class: the cue's where it names one, else the models', else by kind.

        A generic missile count («31 ракету») has no class: it is placed by the figures step.
        """
        model_classes = {m.weapon_class for m in self.members if m.weapon_class and not m.from_cue}
        if self.kind in DRONE_KINDS and self.cue is not None and not self.cue.unknown:
            # The Air Force's one drone number lists Shahed, Gerbera, decoys: it is the lump.
            return self.cue.classes[0] if self.cue.classes else "strike_drone"
        if self.kind in DRONE_KINDS and "strike_drone" in model_classes:
            return "strike_drone"
        if self.cue is not None and self.cue.classes:
            classes = self.cue.classes
            if len(classes) == 1:
                return classes[0]
            shared = model_classes & set(classes)
            return shared.pop() if len(shared) == 1 else classes[0]
        if self.cue is not None and self.cue.unknown:
            return "unknown_missile" if self.kind == "missile" else "unknown_drone"
        if len(model_classes) == 1:
            return model_classes.pop()
        if model_classes:
            return "mixed_missiles" if self.kind == "missile" else "mixed_drones"
        return {
            "drone": "strike_drone",
            "munition": "loitering_munition",
            "bomb": "guided_bomb",
            "target": "targets",
        }.get(self.kind or "")

    @property
    def generic(self) -> bool:
        """True for a count that names no class and no model («48 ракет», «476 БпЛА»)."""
        named = [m for m in self.members if not m.from_cue]
        return not named and (self.cue is None or not (self.cue.classes or self.cue.unknown))

    @property
    def parts(self) -> frozenset[str]:
        """The atomic taxonomy ids of every named model of the item."""
        out: set[str] = set()
        for m in self.members:
            if not m.from_cue:
                out |= m.parts
        return frozenset(out)

    @property
    def model_text(self) -> str:
        """The post's own names, joined by ", "."""
        return ", ".join(m.text for m in self.members) or (self.cue.text if self.cue else "")

    @property
    def model(self) -> str:
        """The taxonomy's names, joined by ", "."""
        return ", ".join(m.model for m in self.members) or (self.cue.text if self.cue else "")

    @property
    def is_group(self) -> bool:
        """True for the Air Force's drone lump, which takes the drone names listed after it."""
        return self.kind in DRONE_KINDS and self.weapon_class in ("strike_drone", "decoy_drone")


@dataclass(slots=True)
class Scan:
    """What a section gave: items, unplaced phrases, EW flags."""

    items: list[Item] = field(default_factory=list)
    unplaced: list[Unplaced] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _Anchor:
    start: int
    end: int
    type: str
    payload: object = None


def read_cue(match: re.Match[str], lexicon: Lexicon) -> Cue | None:
    """Return the Cue of a cue match, or None when the words do not make one (an adjective alone)."""
    noun_text = match.group("noun") or match.group("noun2")
    adj_text = match.group("adj") or match.group("adj2")
    post = match.group("post")
    kind: str | None = None
    noun_class: str | None = None
    number = "either"
    text = ""
    if noun_text:
        infos = lexicon.nouns.get(re.sub(r"\s+", " ", noun_text).casefold(), [])
        if not infos:
            return None
        kind, noun_class, number, text = infos[0].kind, infos[0].weapon_class, infos[0].number, infos[0].text
    adjectives = re.split(r"\s*/\s*|\s+", adj_text) if adj_text else []
    # Multi-word adjective stems («керованими авіаційними») are one entry: try the whole first.
    whole = re.sub(r"\s+", " ", adj_text).casefold() if adj_text else ""
    entries = [whole] if whole in lexicon.adjectives else [a.casefold() for a in adjectives]
    classes: list[str] = []
    adj_numbers: set[str] = set()
    for entry in entries:
        infos = lexicon.adjectives.get(entry, [])
        if kind is None:
            # An adjective with no noun («3 протикорабельних, 6 балістичних … ракет»): only the
            # missile adjectives are distinctive enough to stand alone.
            infos = [i for i in infos if i.kind == "missile" and i.weapon_class]
        else:
            infos = [i for i in infos if i.kind == kind]
        for info in infos[:1]:
            if info.weapon_class and info.weapon_class not in classes:
                classes.append(info.weapon_class)
                text = info.text if info.text != entry else text
            adj_numbers.add(info.number)
            if kind is None:
                kind = info.kind
    if kind is None:
        return None
    if noun_class and noun_class not in classes:
        classes.insert(0, noun_class)
    if adj_numbers - {"either"}:
        number = (adj_numbers - {"either"}).pop() if len(adj_numbers - {"either"}) == 1 else "either"
    post_kind = lexicon.postfix.get(re.sub(r"\s+", " ", post).casefold()) if post else None
    if post_kind == "unknown":
        text = lexicon.postfix_text.get(kind, text)
    elif post_kind == "other" and kind in DRONE_KINDS and not classes:
        text = lexicon.postfix_text.get("other", text)
    return Cue(kind, tuple(classes), number, text or match.group(0), post_kind == "unknown", post_kind == "other")


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


def is_code(text: str) -> bool:
    """True for a model code such as «Х-50» (see CODE_RE)."""
    return bool(CODE_RE.match(text))
