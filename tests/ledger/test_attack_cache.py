"""The attack cache gives back exactly the attacks the rows make, and misses when the data changes."""

from __future__ import annotations

import shutil

from skytally.ledger import attack_cache, store
from skytally.ledger._fields import KYIV
from skytally.ledger.api import open_ledger
from skytally.ledger.attacks import build_attacks


def test_decode_of_encode_is_the_built_attacks_with_kyiv_times(ledger):
    built = build_attacks(ledger.rows())
    back = attack_cache.decode(attack_cache.encode(built))
    assert back == built
    assert [a.start.isoformat() for a in back] == [a.start.isoformat() for a in built]
    assert all(a.end.tzinfo is KYIV for a in back)
    reference = next(a for a in back if a.id == "2025-08-21")
    assert (reference.drones, reference.missiles) == (574, 36)


def test_a_second_open_reads_the_cache_and_gives_the_same_attacks(loaded_db, tmp_path):
    path = tmp_path / "s.sqlite"
    shutil.copy(loaded_db, path)
    first = open_ledger(path).dataset_attacks()
    second_ledger = open_ledger(path)
    version = store.current_version(second_ledger.conn)
    assert store.cached_attacks(second_ledger.conn, version.sha256, attack_cache.code_key()) is not None
    assert second_ledger.dataset_attacks() == first


def test_a_new_dataset_version_misses_the_cache(earlier_csv, dataset_csv, tmp_path):
    ledger = open_ledger(tmp_path / "s.sqlite")
    ledger.update(str(earlier_csv))
    earlier = ledger.dataset_attacks()
    ledger.update(str(dataset_csv))
    assert len(ledger.dataset_attacks()) > len(earlier)  # the same Ledger object forgets the old version
    fresh = open_ledger(tmp_path / "s.sqlite").dataset_attacks()
    assert len(fresh) > len(earlier)
    assert fresh == build_attacks(open_ledger(tmp_path / "s.sqlite").rows())


def test_a_read_only_store_builds_without_writing(loaded_db, tmp_path):
    path = tmp_path / "s.sqlite"
    shutil.copy(loaded_db, path)
    store.connect(path).execute("DELETE FROM attack_cache")
    ledger = open_ledger(path, read_only=True)
    assert any(a.id == "2025-08-21" for a in ledger.dataset_attacks())
    assert ledger.conn.execute("SELECT count(*) FROM attack_cache").fetchone()[0] == 0
