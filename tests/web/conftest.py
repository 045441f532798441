"""Fixtures of the web tests: the app over the session's loaded store, and a writable copy for writes.

Starlette warns that its test client will move from httpx to httpx2; the suite turns warnings
into errors, so the client is imported once here with that one warning silenced.
"""

from __future__ import annotations

import shutil
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message=".*httpx2.*")
    from fastapi.testclient import TestClient

from skytally.web.app import create_app

TOKEN = "test-token-0123456789"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture(scope="session")
def client(loaded_db: Path) -> Iterator[TestClient]:
    """A client of the app over the session's store (read-only use; it has a token, writes go elsewhere)."""
    with TestClient(create_app(loaded_db, token=TOKEN)) as test_client:
        yield test_client


@pytest.fixture
def writable_db(tmp_path: Path, loaded_db: Path) -> Path:
    """A private copy of the loaded store: tests that write go here."""
    copy = tmp_path / "store.sqlite"
    shutil.copy(loaded_db, copy)
    return copy


@pytest.fixture
def write_client(writable_db: Path) -> Iterator[TestClient]:
    """A client of an app over a private copy of the store, with the token ``TOKEN``."""
    with TestClient(create_app(writable_db, token=TOKEN)) as test_client:
        yield test_client
