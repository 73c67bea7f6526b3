"""The user's cache folder, where what only saves time is kept between runs: nothing is added
to the site or to the published output."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

# What reading a kept file may raise when it is missing, cut short, or written by another
# version: each only means the file is not used.
UNREADABLE = (
    OSError,
    EOFError,
    ValueError,
    TypeError,
    pickle.UnpicklingError,
    AttributeError,
    ImportError,
    IndexError,
)


def cache_folder() -> Path:
    """$NICEPICK_CACHE_DIR, else $XDG_CACHE_HOME/nicepick, else ~/.cache/nicepick."""
    if folder := os.environ.get("NICEPICK_CACHE_DIR"):
        return Path(folder)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "nicepick"
