import sqlite3

import pytest

from skytally.errors import StoreError
from skytally.ledger.api import open_ledger


def test_read_only_ledger_reads_and_refuses_writes(loaded_db):
    ledger = open_ledger(loaded_db, read_only=True)
    assert ledger.attack("2025-08-21").drones == 574
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        ledger.conn.execute("DELETE FROM dataset_rows")


def test_read_only_needs_an_existing_store(tmp_path):
    with pytest.raises(StoreError, match="no store"):
        open_ledger(tmp_path / "none.sqlite", read_only=True)
    assert not (tmp_path / "none.sqlite").exists()


def test_user_events_are_stored_once_and_merged_with_the_shipped_ones(tmp_path):
    from skytally.context import load_events, merge_events
    from skytally.errors import DataError

    ledger = open_ledger(tmp_path / "s.sqlite")
    record = {
        "id": "test-summit",
        "date": "2025-08-18",
        "name_en": "a test summit",
        "name_fr": "un sommet de test",
        "name_uk": "тестовий саміт",
        "kind": "diplomacy",
        "source_url": "https://example.org/summit",
    }
    assert ledger.add_event(record) is True
    assert ledger.add_event(record) is False
    assert ledger.user_events() == [record]
    merged = merge_events(load_events(), ledger.user_events())
    assert [e.id for e in merged].count("test-summit") == 1
    assert len(merged) == len(load_events()) + 1
    with pytest.raises(DataError, match="already used"):
        merge_events(load_events(), [{**record, "id": "full-scale-invasion"}])
