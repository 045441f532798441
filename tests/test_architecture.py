"""Cheap guards against drift: the layers contract, the public API, the data files inside the package."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import skytally

ROOT = Path(__file__).resolve().parents[1]


def test_import_layers_hold() -> None:
    """cli/web -> bulletin/claims/reports -> context -> ledger, as pyproject.toml's import-linter contract says."""
    exe = Path(sys.executable).with_name("lint-imports")
    command = str(exe) if exe.exists() else shutil.which("lint-imports")
    assert command, "import-linter is not installed (pip install -e . --group dev)"
    result = subprocess.run([command], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-2000:]
    assert "Contracts: 2 kept, 0 broken." in result.stdout


def test_public_api_is_exported() -> None:
    assert set(skytally.__all__) >= {"Attack", "Ledger", "open_ledger", "SkytallyError", "__version__"}
    for name in skytally.__all__:
        assert hasattr(skytally, name), name


def test_no_dataset_file_is_tracked() -> None:
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True).stdout.split()
    assert not [f for f in tracked if f.endswith(("missile_attacks_daily.csv", "missiles_and_uavs.csv", ".zip"))]


def test_import_skytally_loads_no_submodule_until_used() -> None:
    code = "import sys, skytally; print(sorted(m for m in sys.modules if m.startswith('skytally.')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
    assert set(skytally.__all__) - {"__version__"} == set(skytally._EXPORTS)
