"""The weapon taxonomy: model strings in any spelling -> one model and one weapon class.

The data lives in ``ledger/data/taxonomy.toml`` (reviewed like code, not written as code); this
module reads and validates it once and answers :func:`classify`. It is pure: no store, no I/O but
reading the packaged data file.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Literal

from skytally.errors import TaxonomyError

Category = Literal["drone", "missile", "bomb"]

TAXONOMY_FILE = "taxonomy.toml"

_QUOTES = re.compile(r"[«»\"'“”„`]")
_SPACES = re.compile(r"\s+")
# "X-101", "Х-101" (Cyrillic Ха), "Kh-101", "X101": one prefix, so one alias covers them all.
_KH_PREFIX = re.compile(r"(?<![\w])(?:kh|x|х)-?(?=\d)")
# "C-300" (Latin C, as the dataset writes it), "С-300" (Cyrillic Es), "S-300".
_S_PREFIX = re.compile(r"(?<![\w])(?:c|с|s)-(?=\d)")
# Cyrillic letters that look like Latin ones inside model codes ("3М22", "КN-23").
_LOOKALIKES = str.maketrans({"м": "m", "к": "k", "н": "n", "п": "p", "д": "d"})


def normalise_model_name(name: str) -> str:
    """Return the lookup key of a model name: the form every alias is compared in.

    >>> normalise_model_name("Х-101")
    'kh-101'
    >>> normalise_model_name("X-59/X-69") == normalise_model_name("Kh-59/Kh-69")
    True
    >>> normalise_model_name("C-300") == normalise_model_name("С-300")
    True
    >>> normalise_model_name("«Калібр»")
    'калібр'
    """
    key = _QUOTES.sub("", name).casefold()
    key = _SPACES.sub(" ", key).strip()
    key = _KH_PREFIX.sub("kh-", key)
    key = _S_PREFIX.sub("s-", key)
    # Look-alike letters only matter inside codes that mix digits in, such as "3М22" or "Х-31П".
    return re.sub(r"[\w-]*\d[\w-]*", lambda m: m.group(0).translate(_LOOKALIKES), key)


@dataclass(frozen=True, slots=True)
class WeaponClass:
    """A weapon class (``cruise_missile``, ``strike_drone``, ...) with its labels in three languages."""

    id: str
    category: Category
    labels: dict[str, str]


@dataclass(frozen=True, slots=True)
class WeaponModel:
    """One weapon model (or one slash group the Air Force counts as one) and its class."""

    id: str
    weapon_class: str
    aliases: tuple[str, ...]
    note: str = ""


@dataclass(frozen=True, slots=True)
class Classification:
    """What a model string names: one or several models, and the class its count is counted under.

    ``combined`` is true for a string such as "X-101/X-555 and Kalibr" that puts several models
    under one count; its ``weapon_class`` is their shared class, else ``mixed_drones`` /
    ``mixed_missiles``.
    """

    models: tuple[str, ...]
    weapon_class: str
    category: Category
    combined: bool

    @property
    def model(self) -> str:
        """The model id, or the models joined by " + " for a combined string."""
        return " + ".join(self.models)


@dataclass(frozen=True, slots=True)
class Taxonomy:
    """The loaded taxonomy: classes, models and the alias index."""

    classes: dict[str, WeaponClass]
    models: dict[str, WeaponModel]
    aliases: dict[str, str]
    sha256: str

    def lookup(self, name: str) -> WeaponModel | None:
        """Return the model one alias names, or None when the taxonomy does not know it."""
        model_id = self.aliases.get(normalise_model_name(name))
        return self.models[model_id] if model_id is not None else None

    def classify(self, name: str) -> Classification:
        """Return the classification of a model string as the dataset or a report writes it.

        Raises:
            TaxonomyError: the string, or one part of a combined string, is not in the taxonomy.
        """
        whole = self.lookup(name)
        if whole is not None:
            cls = self.classes[whole.weapon_class]
            return Classification((whole.id,), cls.id, cls.category, combined=False)
        parts = [p for p in re.split(r"\s+(?:and|та|і|и|\+)\s+", name.strip()) if p]
        if len(parts) < 2:
            raise TaxonomyError(
                f"unknown weapon model {name!r}",
                field="model",
                value=name,
                hint=f"add it (or an alias) to skytally/ledger/data/{TAXONOMY_FILE}",
            )
        found = []
        for part in parts:
            model = self.lookup(part)
            if model is None:
                raise TaxonomyError(
                    f"unknown weapon model {part!r} in {name!r}",
                    field="model",
                    value=name,
                    hint=f"add it (or an alias) to skytally/ledger/data/{TAXONOMY_FILE}",
                )
            found.append(model)
        classes = {m.weapon_class for m in found}
        categories = {self.classes[c].category for c in classes}
        if len(categories) > 1:
            raise TaxonomyError(
                f"{name!r} counts drones and missiles under one figure; skytally cannot class it",
                field="model",
                value=name,
            )
        category = categories.pop()
        weapon_class = classes.pop() if len(classes) == 1 else f"mixed_{category}s"
        return Classification(tuple(m.id for m in found), weapon_class, category, combined=True)

    def category_of(self, weapon_class: str) -> Category:
        """Return drone, missile or bomb for a class id."""
        return self.classes[weapon_class].category


def parse_taxonomy(text: str, *, path: str = TAXONOMY_FILE) -> Taxonomy:
    """Return the Taxonomy a TOML text describes, validated.

    Raises:
        TaxonomyError: naming the file, the entry and the field that is wrong.
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise TaxonomyError(f"not valid TOML: {exc}", path=path) from exc
    classes: dict[str, WeaponClass] = {}
    for cid, spec in data.get("classes", {}).items():
        category = spec.get("category")
        if category not in ("drone", "missile", "bomb"):
            raise TaxonomyError(
                f"class {cid!r}: expected category drone, missile or bomb, got {category!r}",
                path=path,
                field="category",
            )
        labels = {lang: spec[lang] for lang in ("en", "fr", "uk") if lang in spec}
        classes[cid] = WeaponClass(cid, category, labels)
    models: dict[str, WeaponModel] = {}
    aliases: dict[str, str] = {}
    for index, spec in enumerate(data.get("model", [])):
        mid = spec.get("id")
        if not isinstance(mid, str) or not mid:
            raise TaxonomyError(f"model #{index + 1} has no id", path=path, field="id")
        cls = spec.get("class")
        if cls not in classes:
            raise TaxonomyError(
                f"model {mid!r}: unknown class {cls!r}",
                path=path,
                field="class",
                hint=f"known classes: {', '.join(sorted(classes))}",
            )
        if mid in models:
            raise TaxonomyError(f"model {mid!r} is defined twice", path=path, field="id")
        names = (mid, *spec.get("aliases", ()))
        models[mid] = WeaponModel(mid, cls, tuple(names), spec.get("note", "").strip())
        for alias in names:
            key = normalise_model_name(alias)
            other = aliases.get(key)
            if other is not None and other != mid:
                raise TaxonomyError(f"alias {alias!r} names both {other!r} and {mid!r}", path=path, field="aliases")
            aliases[key] = mid
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Taxonomy(classes, models, aliases, sha)


@cache
def load_taxonomy() -> Taxonomy:
    """Return the packaged taxonomy, read once per process."""
    text = resources.files("skytally.ledger.data").joinpath(TAXONOMY_FILE).read_text("utf-8")
    return parse_taxonomy(text, path=f"skytally/ledger/data/{TAXONOMY_FILE}")


def classify(name: str) -> Classification:
    """Return the classification of a model string with the packaged taxonomy (see Taxonomy.classify)."""
    return load_taxonomy().classify(name)
