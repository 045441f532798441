"""Getting the dataset's bytes: from a CSV, a zip, a folder, or an http(s) URL of either.

The one I/O seam of the ledger. Network access goes through httpx with a timeout; tests serve
files from a loopback server (no test touches the internet). A ``progress`` callback receives
(bytes so far, total or None) so the CLI can draw a bar without this module knowing about Rich.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from skytally.errors import FetchError, LoadError
from skytally.ledger.load import DATASET_FILE, MODELS_FILES

Progress = Callable[[int, int | None], None]


@dataclass(frozen=True, slots=True)
class DatasetFiles:
    """The dataset's CSV bytes (and the weapon-models file's, when there is one) and where they came from."""

    file_name: str
    data: bytes
    origin: str
    models_name: str | None = None
    models_data: bytes | None = None


def is_url(source: str) -> bool:
    """Whether a --from value is an http(s) address rather than a path."""
    return source.startswith(("http://", "https://"))


def read_dataset_files(source: str, *, progress: Progress | None = None, timeout: float = 30.0) -> DatasetFiles:
    """Return the dataset files from a path (CSV, zip or folder) or an http(s) URL (CSV or zip).

    Raises:
        FetchError: the URL cannot be fetched (offline, timeout, HTTP error).
        LoadError: the path does not exist, or a zip holds no dataset CSV.
    """
    if is_url(source):
        data = download(source, progress=progress, timeout=timeout)
        name = source.rstrip("/").rsplit("/", 1)[-1] or DATASET_FILE
        return _from_bytes(data, name, source, sibling_dir=None)
    path = Path(source).expanduser()
    if path.is_dir():
        path = path / DATASET_FILE
    if not path.is_file():
        raise LoadError(
            "no such file",
            path=str(path),
            hint=f"give the path of {DATASET_FILE}, of a .zip holding it, or of its folder",
        )
    return _from_bytes(path.read_bytes(), path.name, str(path.resolve()), sibling_dir=path.parent)


def _from_bytes(data: bytes, name: str, origin: str, *, sibling_dir: Path | None) -> DatasetFiles:
    if data[:4] == b"PK\x03\x04":
        return _from_zip(data, name, origin)
    for models_name in MODELS_FILES:
        if sibling_dir is not None and (sibling_dir / models_name).is_file():
            return DatasetFiles(name, data, origin, models_name, (sibling_dir / models_name).read_bytes())
    return DatasetFiles(name, data, origin)


def _from_zip(data: bytes, name: str, origin: str) -> DatasetFiles:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise LoadError(f"not a readable zip: {exc}", path=origin) from None
    members = {Path(m).name: m for m in archive.namelist()}
    if DATASET_FILE not in members:
        raise LoadError(
            f"the zip holds no {DATASET_FILE} (it has: {', '.join(sorted(members)) or 'nothing'})",
            path=origin,
            hint="nothing was loaded",
        )
    models_name = next((m for m in MODELS_FILES if m in members), None)
    return DatasetFiles(
        DATASET_FILE,
        archive.read(members[DATASET_FILE]),
        f"{origin}!{DATASET_FILE}",
        models_name,
        archive.read(members[models_name]) if models_name else None,
    )


def download(url: str, *, progress: Progress | None = None, timeout: float = 30.0) -> bytes:
    """Return the body of an http(s) URL, streamed, reporting progress.

    Raises:
        FetchError: in one line, with the next step (a local copy with --from).
    """
    import httpx  # imported here: only `update` from a URL needs it

    hint = "the store keeps what it had; to load a local copy: skytally update --from PATH"
    try:
        with httpx.stream("GET", url, timeout=timeout, follow_redirects=True) as response:
            if response.status_code >= 400:
                raise FetchError(f"HTTP {response.status_code} from {url}", hint=hint)
            total = int(response.headers.get("content-length") or 0) or None
            chunks, done = [], 0
            for chunk in response.iter_bytes():
                chunks.append(chunk)
                done += len(chunk)
                if progress:
                    progress(done, total)
            return b"".join(chunks)
    except httpx.TimeoutException:
        raise FetchError(f"timed out after {timeout:g} s fetching {url}", hint=hint) from None
    except httpx.HTTPError as exc:
        raise FetchError(f"cannot fetch {url} (offline?): {exc}", hint=hint) from None
