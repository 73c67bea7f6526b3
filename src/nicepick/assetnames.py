"""Published names of the theme's assets: a hash of the content in each name.

A host may then let browsers keep these files for a year (docs/deploy.md gives the headers):
when one changes, its name changes, and every page links to the new name. Only the files the
theme links to are renamed, and they move to their own folder (assets/hashed/), so one cache
rule covers exactly them; the rest of static/ keeps the names its author gave and linked to.
"""

from __future__ import annotations

import hashlib
from pathlib import Path, PurePosixPath

from nicepick import urls
from nicepick.regular import read_regular

# The theme's name for each file, as templates reach it: assets.stylesheet, …
HASHED = {
    "stylesheet": urls.STYLESHEET,
    "finder": urls.FINDER_SCRIPT,
    "icon": urls.ICON,
    "touch_icon": urls.TOUCH_ICON,
}


def hashed_name(rel: str, data: bytes) -> str:
    """ "assets/style.css" → "assets/hashed/style.1a2b3c4d5e.css"."""
    path = PurePosixPath(rel)
    digest = hashlib.sha256(data).hexdigest()[:10]
    return f"{urls.HASHED}{path.stem}.{digest}{path.suffix}"


def publish_names(static: dict[str, Path]) -> tuple[dict[str, Path], dict[str, str]]:
    """The static files under their published names, and each theme asset's published name.
    Raises OSError when an asset cannot be read (the build reports it as the file's problem)."""
    published = dict(static)
    names: dict[str, str] = {}
    for name, rel in HASHED.items():
        source = published.pop(rel, None)
        if source is None:  # not in this theme: templates that link it fail with its name
            names[name] = rel
            continue
        target = hashed_name(rel, read_regular(source))
        published[target] = source
        names[name] = target
    return dict(sorted(published.items())), names
