"""The morning watch: from the Air Force's post to a checked bulletin, chart and feed, unattended.

    from skytally.watch import Watcher, WatchOptions
    watcher = Watcher(WatchOptions(url, db_path, state_path, publish_dir=Path("site")))
    watcher.run_pass()                     # one pass: read the page, check, store, publish
    watcher.run()                          # poll every 5 minutes, with backoff on faults

Every decision is one line on the ``skytally.watch`` logger. See docs/watch.md.
"""

from __future__ import annotations

from skytally.watch.fetch import ChannelFault
from skytally.watch.state import WatchState
from skytally.watch.watcher import PassResult, Watcher, WatchOptions

__all__ = ["ChannelFault", "PassResult", "WatchOptions", "WatchState", "Watcher"]
