"""Dataset file (CSV bytes) -> validated rows plus rejected rows with their reasons. Pure.

A bad row never stops the good ones: it is kept among the rejected rows with a message naming
file, line and field. A bad *file* (not the dataset, a required column missing, empty, not
UTF-8) is refused whole, before anything is written. Fetching the bytes lives in ``fetch.py``;
writing them in ``store.py``.
"""

from __future__ import annotations

import csv
import difflib
import io
import json
import re
from dataclasses import dataclass
from datetime import datetime

from skytally.errors import LoadError, NotADatasetError, TaxonomyError
from skytally.ledger import _fields as f
from skytally.ledger.model import Rejected
from skytally.ledger.taxonomy import Taxonomy, load_taxonomy

DATASET_FILE = "missile_attacks_daily.csv"
# The weapon-models reference file: renamed upstream from the singular to the plural.
MODELS_FILES = ("missiles_and_uavs.csv", "missiles_and_uav.csv")

REQUIRED = ("time_start", "time_end", "model", "launched", "destroyed", "source")
# Header spellings seen across releases, mapped to the name skytally uses.
HEADER_VARIANTS = {
    "affected_region": "affected region",
    "affected_regions": "affected region",
    "num_hit_locations": "num_hit_location",
    "num_fall_fragment_locations": "num_fall_fragment_location",
}
COUNT_FIELDS = (
    ("launched", "launched"),
    ("destroyed", "destroyed"),
    ("not_reach_goal", "not_reach_goal"),
    ("still_attacking", "still_attacking"),
    ("num_hit_location", "hit_locations"),
    ("num_fall_fragment_location", "debris_locations"),
)


@dataclass(frozen=True, slots=True)
class ParsedRow:
    """A row ready for the store: line, diff key, original cells and normalised values."""

    line: int
    key: str
    raw: dict[str, str]
    values: dict[str, object]


@dataclass(frozen=True, slots=True)
class ParsedDataset:
    """A dataset file read and validated: its rows, its rejected rows and its header."""

    file_name: str
    header: tuple[str, ...]
    rows: tuple[ParsedRow, ...]
    rejected: tuple[Rejected, ...]


class _RowError(ValueError):
    def __init__(self, field: str, value: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.value = value


def decode_dataset(data: bytes, file_name: str) -> str:
    """Return the text of a dataset file, refusing what cannot be the UTF-8 CSV.

    Undecodable bytes are kept as surrogates so that the rows holding them are rejected one by
    one (naming line and field) while the other rows load.

    Raises:
        LoadError: the file is empty or in UTF-16/32 (a wrong encoding for the whole file).
    """
    if not data.strip():
        raise LoadError(
            "the file is empty", path=file_name, line=1, hint="expected the dataset's CSV with its header line"
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or data[:200].count(b"\x00") > 20:
        raise LoadError(
            "the file is UTF-16 (or another wide encoding), expected UTF-8",
            path=file_name,
            line=1,
            hint="re-save it as UTF-8",
        )
    return data.decode("utf-8-sig", errors="surrogateescape")


def check_header(header: list[str], file_name: str) -> list[str]:
    """Return the header with known variants renamed; refuse a file that is not the dataset.

    Raises:
        NotADatasetError: fewer than half the required columns are there.
        LoadError: a required column is missing or renamed (names it, and what it may be).
    """
    names = [HEADER_VARIANTS.get(h.strip(), h.strip()) for h in header]
    missing = [c for c in REQUIRED if c not in names]
    if len(missing) > len(REQUIRED) // 2:
        raise NotADatasetError(
            f"not the attacks dataset: the header has none of {', '.join(missing)}",
            path=file_name,
            line=1,
            hint=f"expected {DATASET_FILE} (header starting time_start,time_end,model,...); nothing was loaded",
        )
    if missing:
        column = missing[0]
        guess = difflib.get_close_matches(column, [n for n in names if n not in REQUIRED], n=1)
        found = f"; found {guess[0]!r}, renamed?" if guess else ""
        raise LoadError(
            f"required column is missing{found}",
            path=file_name,
            line=1,
            field=column,
            hint="nothing was loaded",
        )
    return names


def parse_dataset(data: bytes, file_name: str = DATASET_FILE, *, taxonomy: Taxonomy | None = None) -> ParsedDataset:
    """Return the rows of a dataset file, good ones parsed and bad ones rejected with reasons.

    Raises:
        LoadError / NotADatasetError: the file as a whole cannot be the dataset.
    """
    taxonomy = taxonomy or load_taxonomy()
    text = decode_dataset(data, file_name)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except (StopIteration, csv.Error) as exc:
        raise LoadError(f"cannot read the header: {exc}", path=file_name, line=1) from None
    names = check_header(header, file_name)
    # Only a file with undecodable bytes pays for the per-cell check.
    check_bytes = _SURROGATE.search(text) is not None
    cache = _Caches(taxonomy)
    rows: list[ParsedRow] = []
    rejected: list[Rejected] = []
    seen: dict[str, int] = {}
    # csv.reader's line_num is the line a row *ends* on; the next row starts on the line after.
    next_line = 2
    while True:
        line = next_line
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            rejected.append(Rejected(line, "(row)", "", f"{file_name}:{line}: {exc}"))
            next_line = reader.line_num + 1
            continue
        next_line = reader.line_num + 1
        if not any(cells):
            continue
        try:
            raw = _cells(cells, names, check_bytes)
            values = _normalise(raw, cache)
        except _RowError as exc:
            reason = f"{file_name}:{line}: field '{exc.field}': {exc}"
            rejected.append(Rejected(line, exc.field, exc.value[:200], reason))
            continue
        base = f"{raw['time_start']}|{raw['time_end']}|{raw['model']}|{raw['source']}"
        seen[base] = seen.get(base, 0) + 1
        rows.append(ParsedRow(line, f"{base}|{seen[base]}", raw, values))
    if not rows and not rejected:
        raise LoadError("the file has a header but no rows", path=file_name, line=2)
    return ParsedDataset(file_name, tuple(names), tuple(rows), tuple(rejected))


_SURROGATE = re.compile("[\udc80-\udcff]")


class _Caches:
    """Per-load memo of the pure cell parsers: a night's rows repeat the same times, models and posts."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        self.taxonomy = taxonomy
        self.models: dict[str, dict[str, object]] = {}
        self.times: dict[tuple[str, bool], tuple[datetime, bool, str]] = {}
        self.sources: dict[str, tuple[str, str, str]] = {}

    def model(self, model: str) -> dict[str, object]:
        found = self.models.get(model)
        if found is None:
            try:
                c = self.taxonomy.classify(model)
                found = {
                    "models": json.dumps(c.models),
                    "weapon_class": c.weapon_class,
                    "category": c.category,
                    "combined": c.combined,
                    "model": c.model,
                }
            except TaxonomyError:
                # Kept, not rejected: the row is good data the taxonomy has not caught up with.
                found = {"models": "[]", "weapon_class": None, "category": None, "combined": False, "model": model}
            self.models[model] = found
        return found

    def time(self, text: str, end: bool) -> tuple[datetime, bool, str]:
        key = (text, end)
        found = self.times.get(key)
        if found is None:
            when, has_time = f.parse_time(text, end=end)
            found = self.times[key] = (when, has_time, when.isoformat())
        return found

    def source(self, text: str) -> tuple[str, str, str]:
        found = self.sources.get(text)
        if found is None:
            found = self.sources[text] = f.parse_source(text)
        return found


def _cells(cells: list[str], names: list[str], check_bytes: bool) -> dict[str, str]:
    if len(cells) != len(names):
        raise _RowError(
            "(row)",
            ",".join(cells)[:120],
            f"expected {len(names)} fields, got {len(cells)} (a truncated or broken line)",
        )
    if check_bytes:
        for name, value in zip(names, cells, strict=True):
            bad = _SURROGATE.search(value)
            if bad:
                raise _RowError(
                    name,
                    value.encode("utf-8", "surrogateescape").decode("utf-8", "replace"),
                    f"not valid UTF-8 (byte 0x{ord(bad.group(0)) - 0xDC00:02x}); is the file in another encoding?",
                )
    return dict(zip(names, cells, strict=True))


_EMPTY = {"": "", "{}": "{}", "[]": "[]"}


def _normalise(raw: dict[str, str], cache: _Caches) -> dict[str, object]:
    values: dict[str, object] = {}
    times = []
    for column, end in (("time_start", False), ("time_end", True)):
        try:
            when, has_time, iso = cache.time(raw[column], end)
        except ValueError as exc:
            raise _RowError(column, raw[column], str(exc)) from None
        times.append(when)
        values[column] = iso
        values[f"{column}_has_time"] = has_time
    if times[1] < times[0]:
        raise _RowError("time_end", raw["time_end"], f"ends before it starts ({raw['time_start']})")
    for column, name in COUNT_FIELDS:
        cell = raw.get(column, "")
        if not cell:
            values[name] = None
            continue
        try:
            values[name] = f.parse_count(cell)
        except ValueError as exc:
            raise _RowError(column, raw.get(column, ""), str(exc)) from None
    model = raw["model"].strip()
    if not model:
        raise _RowError("model", "", "expected a weapon model, got an empty cell")
    values.update(cache.model(model))
    for column, parser, empty in (
        ("affected region", f.parse_list_cell, "[]"),
        ("destroyed_details", f.parse_count_dict, "{}"),
        ("launched_details", f.parse_count_dict, "{}"),
        ("launch_place_details", f.parse_dict_cell, "{}"),
    ):
        cell = raw.get(column, "").strip()
        if cell in _EMPTY:
            values[column.replace(" ", "_")] = empty
            continue
        try:
            parsed = parser(cell)
        except ValueError as exc:
            raise _RowError(column, cell, str(exc)) from None
        values[column.replace(" ", "_")] = json.dumps(parsed, ensure_ascii=False)
    reporter, kind, url = cache.source(raw["source"].strip())
    places = raw.get("launch_place", "")
    values.update(
        model_raw=model,
        launch_places=json.dumps(f.split_places(places), ensure_ascii=False) if places else "[]",
        target=raw.get("target", "").strip(),
        target_main=raw.get("target_main", "").strip(),
        carrier=raw.get("carrier", "").strip(),
        reporter=reporter,
        reporter_kind=kind,
        source=raw["source"].strip(),
        source_url=url,
    )
    return values
