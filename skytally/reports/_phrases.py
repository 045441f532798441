"""The weapon phrases of a report list: what a cue says, the items and sub-counts read from it.

An item is one weapon phrase: a count, a cue that gives its class («ударними БпЛА»,
«крилатими ракетами»), the model names after it and the shares inside it. The reader
(_items.py) builds them; the figures step (_figures.py) merges them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from skytally.reports._lexicon import Lexicon
from skytally.reports.model import Count, Unplaced

DRONE_KINDS = ("drone", "munition")


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
