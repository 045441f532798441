"""Where skytally keeps its store and fetches its data: the only place that reads the environment.

Read once by the CLI and the web app, which then pass plain values down. The Python API calls it
only when the caller gives no path.
"""

from __future__ import annotations

import os
from pathlib import Path

# The Kaggle API's public, no-login download address of the dataset: it serves a zip holding
# missile_attacks_daily.csv and missiles_and_uavs.csv. Licence CC BY-NC-SA 4.0, by Petro Ivaniuk.
DEFAULT_DATASET_URL = "https://www.kaggle.com/api/v1/datasets/download/piterfm/massive-missile-attacks-on-ukraine"
DATASET_PAGE = "https://www.kaggle.com/datasets/piterfm/massive-missile-attacks-on-ukraine"
DATASET_LICENCE = "CC BY-NC-SA 4.0"
DATASET_AUTHOR = "Petro Ivaniuk"


def default_db_path() -> Path:
    """Return the store's path: $SKYTALLY_DB, else skytally.sqlite in the user's data directory."""
    env = os.environ.get("SKYTALLY_DB")
    if env:
        return Path(env).expanduser()
    import platformdirs  # imported here: only needed when no path is given

    return Path(platformdirs.user_data_dir("skytally", appauthor=False)) / "skytally.sqlite"


def dataset_url() -> str:
    """Return the dataset's download address: $SKYTALLY_DATASET_URL, else the Kaggle default."""
    return os.environ.get("SKYTALLY_DATASET_URL") or DEFAULT_DATASET_URL


def channel_url() -> str:
    """Return the Air Force channel page `report fetch` reads: $SKYTALLY_CHANNEL_URL, else Telegram's public preview."""
    # t.me/s/<channel> is Telegram's no-login web preview: the newest ~20 posts as HTML.
    return os.environ.get("SKYTALLY_CHANNEL_URL") or "https://t.me/s/kpszsu"
