"""Helpers shared by test modules (importable because pytest puts tests/ on sys.path)."""

from __future__ import annotations

from pathlib import Path

from conftest import shared_path


def shared(*parts: str) -> Path:
    """Return a path under ../shared, failing the test if it is missing."""
    return shared_path(*parts)
