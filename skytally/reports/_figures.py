"""Items of the launched, shot-down and hits lists -> one figure per weapon group.

The launched list makes the figures. A shot-down item is then attached to the figure it names:
the same model; a figure whose models it contains («Х-101» launched, «Х-101/Іскандер-К» shot
down: kept in ``destroyed_as``); the one figure of its class; the drone lump for «ворожих БпЛА».
A shot-down item that regroups several launched figures («17 ракет Іскандер-М/Циркон/С-400», or
a bare «31 ракету» after five missile lines) becomes a figure of its own with
``launched_counted_in``. «Бандероль» shot down when its launches sit inside the drone lump gets a
figure with ``launched_counted_in`` the lump. Sub-counts («79 із них - реактивні») become
``jet_drone`` figures with ``subset_of``. Nothing is added up here (see _totals.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from skytally.ledger.taxonomy import load_taxonomy
from skytally.reports._phrases import Item, Member, SubCount
from skytally.reports.model import Count, Figure, Unplaced

_DRONE_CLASSES = (
    "strike_drone",
    "decoy_drone",
    "loitering_munition",
    "jet_drone",
    "mixed_drones",
    "unknown_drone",
    "recon_drone",
)


@dataclass(slots=True)
class _Draft:
    """A figure being built; frozen into a Figure at the end."""

    members: list[Member]
    weapon_class: str
    span: tuple[int, int]
    launched: Count | None = None
    destroyed: Count | None = None
    ew_lost: Count | None = None
    hits: Count | None = None
    subset_of: _Draft | None = None
    counted_in: list[_Draft] | None = None
    destroyed_as: str | None = None
    fallback_text: str = ""
    filled_by: dict[str, str] = field(default_factory=dict)

    @property
    def model(self) -> str:
        return ", ".join(m.model for m in self.members) or self.fallback_text

    @property
    def model_text(self) -> str:
        return ", ".join(m.text for m in self.members) or self.fallback_text

    @property
    def parts(self) -> frozenset[str]:
        out: set[str] = set()
        for m in self.members:
            if not m.from_cue:
                out |= m.parts
        return frozenset(out)

    @property
    def is_missile(self) -> bool:
        return self.weapon_class not in _DRONE_CLASSES and self.weapon_class != "guided_bomb"

    def freeze(self) -> Figure:
        ids = tuple(dict.fromkeys(i for m in self.members for i in m.ids))
        return Figure(
            model=self.model,
            model_text=self.model_text,
            weapon_class=self.weapon_class,
            launched=self.launched,
            destroyed=self.destroyed,
            ew_lost=self.ew_lost,
            hits=self.hits,
            not_reached=None,
            span=self.span,
            models=ids,
            subset_of=None if self.subset_of is None else self.subset_of.model,
            launched_counted_in=(None if self.counted_in is None else tuple(d.model for d in self.counted_in)),
            destroyed_as=self.destroyed_as,
        )


class FigureBuilder:
    """Collects items section by section and places each in a figure (see the module docstring)."""

    def __init__(self) -> None:
        self.drafts: list[_Draft] = []
        self.unplaced: list[Unplaced] = []
        self.warnings: list[str] = []

    # ------------------------------------------------------------ helpers

    def _own(self) -> list[_Draft]:
        return [d for d in self.drafts if d.subset_of is None]

    def _lump(self) -> _Draft | None:
        lumps = [d for d in self._own() if d.weapon_class in ("strike_drone", "mixed_drones")]
        return lumps[0] if lumps else None

    def _new(self, item: Item, weapon_class: str | None = None) -> _Draft:
        draft = _Draft(
            list(item.members),
            weapon_class or item.weapon_class or "mixed_missiles",
            item.span,
            fallback_text=item.model_text,
        )
        self.drafts.append(draft)
        return draft

    def _set(self, draft: _Draft, field_name: str, count: Count | None, item: Item | SubCount, text: str) -> None:
        """Fill one count of a figure; a second, different count for it is not guessed between."""
        if count is None:
            return
        current = getattr(draft, field_name)
        if current is None:
            setattr(draft, field_name, count)
            draft.filled_by[field_name] = text
        elif current != count:
            span = item.span
            self.unplaced.append(Unplaced(text, span, f"a second {field_name} count for {draft.model}"))

    # ------------------------------------------------------------ launched

    def add_launched(self, item: Item) -> None:
        """Make a figure of a launched item, or fill the count of one named without a number."""
        if item.summary or item.weapon_class == "targets":
            return
        same = [
            d
            for d in self._own()
            if d.weapon_class == item.weapon_class
            and d.counted_in is None
            and (not item.parts or not d.parts or d.parts == item.parts)
        ]
        if same and item.count is not None and (same[0].launched is None or same[0].launched == item.count):
            # «Станом на 16.30 зафіксовано понад 100 ударних безпілотників» after «атакувати …
            # ударними БпЛА»: the same lump, now with its number.
            draft = same[0]
            self._set(draft, "launched", item.count, item, item.model_text)
        elif same and item.count is None and item.generic:
            draft = same[0]
        else:
            draft = self._new(item)
            draft.launched = item.count
        for sub in item.subcounts:
            self._sub(draft, sub, "launched")

    def _sub(self, parent: _Draft, sub: SubCount, field_name: str) -> None:
        jets = [d for d in self.drafts if d.subset_of is parent and d.weapon_class == sub.weapon_class]
        if jets:
            jet = jets[0]
        else:
            taxonomy = load_taxonomy()
            text = "реактивні БпЛА" if sub.weapon_class == "jet_drone" else sub.text
            model = taxonomy.lookup(text)
            member = Member(
                text,
                (model.id,) if model else (),
                frozenset({model.id}) if model else frozenset(),
                sub.weapon_class,
                from_cue=True,
            )
            jet = _Draft([member], sub.weapon_class, sub.span, subset_of=parent)
            self.drafts.append(jet)
        self._set(jet, field_name, sub.count, sub, sub.text)

    # ------------------------------------------------------------ shot down, lost, hits

    def _target(self, item: Item, create: bool) -> tuple[_Draft | None, str | None]:
        """Return the figure an item names (and the wording to keep as destroyed_as), or None."""
        cls = item.weapon_class
        own = [d for d in self._own() if d.counted_in is None]
        if cls == "jet_drone":
            lump = self._lump()
            jets = [d for d in self.drafts if d.weapon_class == "jet_drone"]
            if jets:
                return jets[0], None
            if lump is not None and create:
                return self._new_sub(item, lump), None
            return None, None
        if item.kind in ("drone", "munition") or cls in _DRONE_CLASSES:
            if cls == "loitering_munition":
                apart = [d for d in own if d.weapon_class == "loitering_munition"]
                if apart:
                    return apart[0], None
                lump = self._lump()
                if lump is not None and any(m.weapon_class == "loitering_munition" for m in lump.members):
                    if not create:
                        return None, None
                    draft = self._new(item)
                    draft.counted_in = [lump]
                    return draft, None
            else:
                apart = [d for d in own if d.weapon_class == cls and cls != "strike_drone"]
                if apart:
                    return apart[0], None
                lump = self._lump()
                if lump is not None:
                    return lump, None
            return (self._new(item) if create else None), None
        missiles = [d for d in own if d.is_missile]
        parts = item.parts
        if parts:
            exact = [d for d in missiles if d.parts == parts]
            if exact:
                return exact[0], None
            inside = [d for d in missiles if d.parts and d.parts <= parts]
            if len(inside) == 1:
                return inside[0], item.model_text
            if len(inside) > 1:
                return (self._regroup(item, inside) if create else None), None
            around = [d for d in missiles if d.parts and parts <= d.parts]
            if len(around) == 1:
                return around[0], item.model_text
            return (self._new(item) if create else None), None
        pool = missiles if item.generic else [d for d in missiles if d.weapon_class == cls]
        if len(pool) == 1:
            return pool[0], None
        if len(pool) > 1:
            return (self._regroup(item, pool) if create else None), None
        return (self._new(item) if create else None), None

    def _new_sub(self, item: Item, parent: _Draft) -> _Draft:
        draft = self._new(item, "jet_drone")
        draft.subset_of = parent
        return draft

    def _regroup(self, item: Item, launched: list[_Draft]) -> _Draft:
        classes = {d.weapon_class for d in launched}
        cls = (
            item.weapon_class
            if not item.generic and item.weapon_class
            else (classes.pop() if len(classes) == 1 else "mixed_missiles")
        )
        draft = self._new(item, cls)
        draft.counted_in = launched
        if not draft.members:
            draft.fallback_text = item.model_text or "ракети"
        return draft

    def add_counted(self, item: Item) -> None:
        """Attach a shot-down, lost-to-EW or hits item to its figure."""
        if item.summary or item.weapon_class == "targets":
            return
        field_name = {"destroyed": "destroyed", "ew_lost": "ew_lost", "hits": "hits"}[item.role]
        if item.count is None:
            if field_name != "hits" and not item.subcounts:
                self.unplaced.append(Unplaced(item.model_text, item.span, f"a {field_name} phrase with no count"))
            if not item.subcounts:
                return
        draft, named_as = self._target(item, create=field_name != "hits")
        if draft is None:
            return
        if item.count is not None:
            before = len(self.unplaced)
            self._set(draft, field_name, item.count, item, item.model_text)
            if named_as and field_name == "destroyed" and len(self.unplaced) == before:
                draft.destroyed_as = named_as
        for sub in item.subcounts:
            self._sub(draft, sub, field_name)

    def figures(self) -> tuple[Figure, ...]:
        """Return the figures in the order the text first named them."""
        return tuple(d.freeze() for d in self.drafts)
