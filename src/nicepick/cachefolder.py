"""The user's cache folder, where what only saves time is kept between runs: nothing is added
to the site or to the published output."""

from __future__ import annotations

import os
from pathlib import Path


def cache_folder() -> Path:
    """$NICEPICK_CACHE_DIR, else $XDG_CACHE_HOME/nicepick, else ~/.cache/nicepick."""
    if folder := os.environ.get("NICEPICK_CACHE_DIR"):
        return Path(folder)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "nicepick"
