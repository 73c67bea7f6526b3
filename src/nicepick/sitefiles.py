"""Finding a site's content files: the settings, techniques and comparisons, in a fixed order.

Links are followed while they stay inside the site; what cannot be read or named (a folder
without permission, a name that is not UTF-8, a file where a folder belongs) is a problem,
never content that silently goes missing.
"""

from __future__ import annotations

import difflib
import os
import re
import shlex
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import overload

from nicepick import regular
from nicepick.errors import Problems, UserError

CONTENT_DIR = "comparisons"
TECHNIQUES_DIR = "techniques"
CONFIG_FILE = "nicepick.yaml"
YAML_SUFFIXES = (".yaml", ".yml")


def require_site(source: Path) -> None:
    """Stop with one line, before anything else is said, where there is no site to read."""
    init = "nicepick init" + ("" if source == Path(".") else f" {shlex.quote(str(source))}")
    elsewhere = "point --source at a site's folder"
    if not source.is_dir():
        if os.path.lexists(source):  # a file, or a link to nothing or round in a loop
            raise UserError(f"{source} is not a folder ({elsewhere})")
        raise UserError(
            f"there is no folder {source} (create a site there with '{init}', or {elsewhere})"
        )
    if not (source / CONTENT_DIR).is_dir() and not (source / CONFIG_FILE).is_file():
        above = _site_above(source)
        hint = (
            f"the site is {above}: run it there, or pass --source {shlex.quote(str(above))}"
            if above is not None
            else f"start one with '{init}', or {elsewhere}"
        )
        raise UserError(
            f"no nicepick site in {source.resolve()}: there is no {CONTENT_DIR}/ "
            f"folder and no {CONFIG_FILE} ({hint})"
        )


def _site_above(folder: Path) -> Path | None:
    """The nearest folder above `folder` that is a site (from inside comparisons/, its
    parent): where the command was meant to run."""
    for parent in folder.resolve().parents:
        if (parent / CONFIG_FILE).is_file() and (parent / CONTENT_DIR).is_dir():
            return parent
    return None


@dataclass(frozen=True)
class SiteFiles:
    """The content files of a site, sorted so every later stage sees them in the same order."""

    config: Path | None
    techniques: Sequence[Path]
    comparisons: Sequence[Path]
    # A link was followed: a file may then be edited under a path that is not the one listed,
    # so a watcher's list of edited paths cannot stand in for a new listing.
    linked: bool = False


# A control character in a file name: a regex, as a check per character was a tenth of
# loading 100,000 comparisons.
_CONTROL = re.compile("[\x00-\x1f\x7f]")


def _yaml_files(
    folder: Path, site: Path, problems: Problems, skip: Path | None
) -> tuple[list[Path], bool]:
    """YAML files below `folder`, following links only while they stay inside the site.

    os.scandir tells files from folders and links without a syscall per file; only links
    are resolved, which keeps this cheap for tens of thousands of files (serve runs it on
    every save).
    """
    found: list[str] = []
    linked = False
    site_root = regular.resolved(site)
    visited: set[Path] = set()

    def inside(path: str) -> bool:
        return regular.resolved(path).is_relative_to(site_root)

    def visit(current: str) -> list[str]:
        """Note the YAML files in `current`; its subfolders to visit."""
        nonlocal linked
        real = regular.resolved(current)
        if (skip is not None and current == str(skip)) or real in visited:
            return []  # techniques/ is read separately; a link loop is read once
        visited.add(real)
        try:
            entries = sorted(os.scandir(current), key=lambda e: e.name)
        except FileNotFoundError:
            return []  # removed while the site was read
        except OSError as exc:  # its content would be missing from the site without a word
            problems.add(
                relative(Path(current), site),
                0,
                f"cannot read the folder: {exc.strerror or exc}",
                "make it readable, or move it out of comparisons/",
            )
            return []
        folders: list[os.DirEntry[str]] = []
        files: list[os.DirEntry[str]] = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if _undecodable(entry.name) or _CONTROL.search(entry.name):
                problems.add(
                    relative(Path(entry.path), site),
                    0,
                    "the name is not valid UTF-8 text"
                    if _undecodable(entry.name)
                    else "the name holds a control character",
                    "rename it with letters, digits and hyphens",
                )
                continue
            try:
                is_folder = entry.is_dir()
            except OSError:  # a link in a loop: read as a file, which says what it is
                is_folder = False
            (folders if is_folder else files).append(entry)
        kept = []
        for entry in folders:
            linked = linked or entry.is_symlink()
            if entry.is_symlink() and not inside(entry.path):
                problems.add(
                    relative(Path(entry.path), site),
                    0,
                    "symbolic link points outside the site",
                    "copy the folder into the site instead",
                )
                continue
            kept.append(entry.path)
        # Files are inside the site when their folder is and they are not links themselves.
        folder_inside = real.is_relative_to(site_root)
        for entry in files:
            if not entry.name.lower().endswith(YAML_SUFFIXES):  # x.YAML too: it is meant
                continue
            linked = linked or entry.is_symlink()
            if (not folder_inside or entry.is_symlink()) and not inside(entry.path):
                problems.add(
                    relative(Path(entry.path), site),
                    0,
                    "symbolic link points outside the site",
                    "copy the file into the site instead",
                )
                continue
            found.append(entry.path)
        return kept

    # A loop, not recursion: a function that calls itself is a reference cycle, which kept
    # the list of every file (13 MB at 100,000 comparisons) until a full collection.
    pending = [str(folder)]
    while pending:
        pending += reversed(visit(pending.pop()))
    # The order of Path objects (part by part), without making one per comparison first.
    return [Path(p) for p in sorted(found, key=lambda p: p.split(os.sep))], linked


def find_site_files(site: Path, problems: Problems) -> SiteFiles:
    """List the config, technique and comparison files of the site in `site`."""
    content = site / CONTENT_DIR
    config = site / CONFIG_FILE
    techniques_dir = content / TECHNIQUES_DIR
    techniques: list[Path] = []
    comparisons: list[Path] = []
    linked = False
    for folder in (content, techniques_dir):
        if (folder.exists() or folder.is_symlink()) and not folder.is_dir():
            problems.add(
                relative(folder, site),
                0,
                "should be a folder of YAML files, not a file",
                "rename or remove it",
            )
    if not content.exists() and not content.is_symlink():
        problems.add(
            CONTENT_DIR,
            0,
            f"there is no {CONTENT_DIR}/ folder beside {CONFIG_FILE}: the site would publish "
            "no technique and no comparison",
            _content_hint(site),
        )
    if techniques_dir.is_dir():
        techniques, linked = _yaml_files(techniques_dir, site, problems, None)
    if content.is_dir():
        comparisons, linked_too = _yaml_files(content, site, problems, techniques_dir)
        linked = linked or linked_too
    return SiteFiles(config if config.is_file() else None, techniques, comparisons, linked)


def _content_hint(site: Path) -> str:
    """Where the content folder may be: a folder of the site with a name close to it."""
    try:
        folders = [entry.name for entry in os.scandir(site) if entry.is_dir()]
    except OSError:
        folders = []
    close = difflib.get_close_matches(CONTENT_DIR, folders, n=1, cutoff=0.6) or [
        name for name in folders if name.casefold() == CONTENT_DIR
    ]
    if close:
        return f"did you mean {close[0]}/? Rename it to {CONTENT_DIR}/"
    return "create it: nicepick new technique NAME writes its first file"


def from_walk(site: Path, found: Iterable[str]) -> SiteFiles | None:
    """The listing find_site_files would give, from the paths (relative to the site, with
    '/') of every file a walk of comparisons/ just found, itself refusing links and odd names
    (signature.odd_names); None where find_site_files would find a problem (a file
    where a folder belongs). At 100,000 comparisons a second walk of the folder cost 1 s of a
    one-edit build, and splitting, sorting and making a Path of each name of this one 0.7 s:
    the Paths are made only when asked for (`Below`), and the sort splits nothing."""
    content = site / CONTENT_DIR
    if content.is_symlink() or not content.is_dir():
        return None  # missing, a file, or a link that may lead out: find_site_files says
    within, techniques_within = f"{CONTENT_DIR}/", f"{CONTENT_DIR}/{TECHNIQUES_DIR}/"
    techniques: list[str] = []
    comparisons: list[str] = []
    for rel in found:
        if not rel.startswith(within) or "/." in rel:
            continue  # outside comparisons/, or hidden, as a listing leaves them
        if rel == f"{CONTENT_DIR}/{TECHNIQUES_DIR}":
            return None  # a file where techniques/ belongs
        if not rel.lower().endswith(YAML_SUFFIXES):
            continue
        (techniques if rel.startswith(techniques_within) else comparisons).append(rel)
    config = site / CONFIG_FILE
    return SiteFiles(
        config if config.is_file() else None,
        Below(site, sorted(techniques, key=_in_parts_order)),
        Below(site, sorted(comparisons, key=_in_parts_order)),
    )


def _in_parts_order(rel: str) -> str:
    """A key that sorts paths part by part, as Path objects sort: no name holds a NUL, so it
    sorts before every character a name can hold, as the end of a part does."""
    return rel.replace("/", "\0")


class Below(Sequence[Path]):
    """Files below a folder by their paths from it, with '/' ("comparisons/a-vs-b.yaml", as
    messages show them), each made a Path only when asked for: a one-edit build reads one or
    two of 100,000."""

    __slots__ = ("folder", "shown")

    def __init__(self, folder: Path, shown: list[str]) -> None:
        self.folder, self.shown = folder, shown

    def __len__(self) -> int:
        return len(self.shown)

    @overload
    def __getitem__(self, index: int) -> Path: ...

    @overload
    def __getitem__(self, index: slice) -> list[Path]: ...

    def __getitem__(self, index: int | slice) -> Path | list[Path]:
        if isinstance(index, slice):
            return [self.folder / rel for rel in self.shown[index]]
        return self.folder / self.shown[index]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Below({self.folder!r}, {self.shown!r})"


def _undecodable(name: str) -> bool:
    """A name whose bytes were not UTF-8 (Python keeps them as lone surrogates)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def relative(path: Path, site: Path) -> str:
    """The path as a user would type it from the site folder, for messages.

    Path.relative_to's answer, from strings: this runs once per content file and build.
    """
    text, root = str(path), str(site)
    if root == ".":
        prefix = ""
    elif text == root:
        return "."
    else:
        prefix = root if root.endswith(os.sep) else root + os.sep
    if not text.startswith(prefix) or os.path.isabs(text) != os.path.isabs(root):
        return text
    rest = text[len(prefix) :]
    return rest.replace(os.sep, "/") if os.sep != "/" else rest
