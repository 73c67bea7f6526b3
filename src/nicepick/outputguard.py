"""Where a build may write: refusing outputs whose replacement would destroy something.

A build replaces its output folder as a whole, so the folder must be one that nicepick made
(or an empty one), and never the site itself, a folder the build reads, `/` or your home.
"""

from __future__ import annotations

import os
from pathlib import Path

from nicepick.errors import UserError
from nicepick.manifest import manifest_file, read_manifest
from nicepick.regular import irregularity
from nicepick.regular import resolved as real
from nicepick.sources import CONTENT_DIR
from nicepick.themedirs import builtin_dir

# Files that hosting setups keep in a published folder; an output holding only these still
# counts as empty. They are carried over like any other file nicepick did not write.
HOST_FILES = frozenset(
    [
        ".git",
        ".gitignore",
        "CNAME",
        ".nojekyll",
        ".well-known",
        "_redirects",
        "_headers",
        ".domains",
        ".DS_Store",
    ]
)


def check_output(output: Path, site: Path, force: bool, ours: bool | None = None) -> None:
    """Refuse outputs whose replacement would destroy something that is not a built site.
    `ours`: whether the output holds a manifest, when the caller has read it already."""
    if output.is_symlink() and "loop" in irregularity(output):
        raise UserError(
            f"refusing to build into {output}: it is a symbolic link that leads round in a loop"
        )
    resolved, site_resolved = real(output), real(site)
    if resolved == Path(resolved.anchor):
        raise UserError(f"refusing to build into {output}: it is the filesystem root")
    if resolved == real(Path.home()):
        raise UserError(f"refusing to build into {output}: it is your home folder")
    if site_resolved.is_relative_to(resolved):
        raise UserError(
            f"refusing to build into {output}: it contains the site's own files "
            "(choose a folder such as public/)"
        )
    for name, folder in _read_folders(site):
        if resolved.is_relative_to(real(folder)):
            raise UserError(
                f"refusing to build into {output}: it is inside {name}, which "
                "every build reads (choose a folder such as public/)"
            )
    for folder in resolved.parents:
        if folder != Path(folder.anchor) and manifest_file(folder).is_file():
            raise UserError(
                f"refusing to build into {output}: it is inside {folder}, the output of another "
                "build, and would be published with it (choose a folder beside it)"
            )
    if resolved.exists() and not resolved.is_dir():
        raise UserError(f"cannot build into {output}: it is a file, not a folder")
    if ours is None:
        ours = resolved.is_dir() and read_manifest(resolved) is not None
    if resolved.is_dir() and not force and not ours and not _only_host_files(resolved):
        raise UserError(
            f"refusing to build into {output}: it already holds files that nicepick did "
            "not write (empty it, choose another --output, or pass --force)"
        )


def _only_host_files(folder: Path) -> bool:
    with os.scandir(folder) as entries:  # closed now, not whenever it is collected
        return all(entry.name in HOST_FILES for entry in entries)


def _read_folders(site: Path) -> list[tuple[str, Path]]:
    """The folders a build reads, as messages name them: an output inside one of them would
    be read back as content, or copied into itself one level deeper on every build."""
    return [
        (f"the site's {name}/ folder", site / name) for name in (CONTENT_DIR, "templates", "static")
    ] + [
        (f"the built-in theme's {name}/ folder", builtin_dir(name))
        for name in ("templates", "static")
    ]
