"""A site's own theme files (`templates/`, `static/`), checked before a build uses them.

Each must be a regular, readable file inside the site (a named pipe would hang the build, a
link to elsewhere would publish whatever it points at), and templates must be UTF-8. Also
here: the static files a build copies, and which site templates no page can reach (a
misspelt override is otherwise silently ignored).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path, PurePosixPath

from nicepick import regular, urls
from nicepick.assetnames import publish_names
from nicepick.config import SiteConfig
from nicepick.errors import Problem, Problems, did_you_mean
from nicepick.theme import Assets
from nicepick.themedirs import builtin_dir

SKIPPED_STATIC = frozenset([".DS_Store", "Thumbs.db", ".gitkeep"])
BOOKKEEPING = ".nicepick-"  # the manifest and the partial-build mark in the output


def _walk(root: Path, loops: list[str] | None = None) -> Iterator[tuple[str, Path]]:
    """(path relative to root, path) of every non-folder below root, sorted, links followed,
    except a link back to a folder it is in (walked, it would repeat until paths grow too
    long): those are added to `loops`."""
    for dirpath, dirnames, filenames in os.walk(root, followlinks=True):
        here = regular.resolved(dirpath)
        kept = []
        for name in sorted(dirnames):
            if here.is_relative_to(regular.resolved(Path(dirpath) / name)):
                if loops is not None:
                    loops.append((Path(dirpath) / name).relative_to(root).as_posix())
            else:
                kept.append(name)
        dirnames[:] = kept
        # os.walk lists a link to a missing folder, or a pipe, with the files: all are checked.
        for name in sorted(filenames):
            path = Path(dirpath) / name
            yield path.relative_to(root).as_posix(), path


def _loops(folder: str, loops: list[str], problems: Problems) -> None:
    for rel in loops:
        problems.add(
            f"{folder}/{rel}",
            0,
            "a link to a folder it is in, which would repeat without end",
            "remove the link",
        )


def _usable(folder: str, rel: str, path: Path, site: Path, problems: Problems) -> bool:
    """Whether a site theme file can be used; says why not otherwise."""
    shown = f"{folder}/{rel}"
    if not rel.isprintable() or rel.encode("utf-8", "surrogateescape") != rel.encode(
        "utf-8", "replace"
    ):
        problems.add(
            shown,
            0,
            "the name is not valid UTF-8 text, or holds a control character",
            "rename it with letters, digits and hyphens",
        )
        return False
    if folder == "static" and Path(rel).name.startswith(BOOKKEEPING):
        problems.add(
            shown, 0, f"'{Path(rel).name}' is a name nicepick keeps for itself", "rename the file"
        )
        return False
    if not regular.resolved(path).is_relative_to(site):
        problems.add(
            shown, 0, "symbolic link points outside the site", "copy the file into the site instead"
        )
        return False
    why = regular.irregularity(path)
    if why:
        problems.add(
            shown, 0, why if why != "missing" else "disappeared while being read", regular.HINT
        )
        return False
    if not os.access(path, os.R_OK):
        problems.add(
            shown, 0, "cannot read the file: permission denied", "make it readable, or remove it"
        )
        return False
    return True


def _site_folder(config: SiteConfig, name: str, problems: Problems) -> Path | None:
    """The site's own templates/ or static/ folder, when it has one that is not the theme's."""
    folder = config.source / name
    if not (folder.exists() or folder.is_symlink()):
        return None
    if not folder.is_dir():
        why = regular.irregularity(folder)
        what = why.removeprefix("not a file but ") if why else "a file"
        problems.add(
            name, 0, f"should be a folder of theme files, not {what}", "rename or remove it"
        )
        return None
    return None if regular.resolved(folder) == regular.resolved(builtin_dir(name)) else folder


def check_templates(config: SiteConfig, problems: Problems) -> None:
    """Every file in the site's templates/ is a readable regular file, and UTF-8."""
    folder = _site_folder(config, "templates", problems)
    if folder is None:
        return
    site = regular.resolved(config.source)
    loops: list[str] = []
    for rel, path in _walk(folder, loops):
        if not _usable("templates", rel, path, site, problems):
            continue
        try:
            data = regular.read_regular(path)
        except OSError as exc:
            problems.add(f"templates/{rel}", 0, f"cannot read the file: {exc.strerror or exc}")
            continue
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as exc:
            problems.add(
                f"templates/{rel}",
                data.count(b"\n", 0, exc.start) + 1,
                f"not valid UTF-8 (byte {exc.start + 1} of the file)",
                "save the file as UTF-8",
            )
    _loops("templates", loops, problems)


def static_files(config: SiteConfig, problems: Problems) -> dict[str, Path]:
    """Files copied as they are into the output root: the theme's, then the site's over them."""
    found: dict[str, Path] = {}
    builtin = builtin_dir("static")
    for rel, path in _walk(builtin) if builtin.is_dir() else ():
        if path.name not in SKIPPED_STATIC:
            found[rel] = path
    folder = _site_folder(config, "static", problems)
    site = regular.resolved(config.source)
    loops: list[str] = []
    for rel, path in _walk(folder, loops) if folder is not None else ():
        if path.name not in SKIPPED_STATIC and _usable("static", rel, path, site, problems):
            found[rel] = path
    _loops("static", loops, problems)
    return dict(sorted(found.items()))


def unreached_templates(config: SiteConfig, used: Iterable[str]) -> list[Problem]:
    """Site templates that no page renders, extends, includes or imports: a misspelt override
    (`comparision.html`) would otherwise be ignored without a word. Partials reached through
    a name computed at render time cannot be followed; then nothing is reported."""
    from nicepick.theme import referenced_templates  # jinja2 is imported only when needed

    folder = _site_folder(config, "templates", Problems())
    if folder is None:
        return []
    builtin = builtin_dir("templates")
    theme = {rel for rel, _ in _walk(builtin)} if builtin.is_dir() else set()
    own = {rel: path for rel, path in _walk(folder)}
    reached: set[str] = set()
    queue = [name for name in used]
    while queue:
        name = queue.pop()
        if name in reached:
            continue
        reached.add(name)
        source = own.get(name) or (
            builtin / name.removeprefix("default/")
            if name.removeprefix("default/") in theme
            else None
        )
        if source is None:
            continue
        try:
            text = regular.read_regular(source).decode("utf-8")
        except (OSError, UnicodeDecodeError):
            continue  # reported by the build as it is
        found_in = referenced_templates(text)
        if found_in is None:
            continue  # a syntax error: reported by the build as it is
        for referenced in found_in:
            if referenced is None:
                return []
            queue.append(referenced)
    found = []
    for rel in sorted(own):
        if rel in reached or rel in theme:
            continue
        hint = did_you_mean(rel, theme) or "extend, include or import it from a template in use"
        found.append(
            Problem(
                f"templates/{rel}", 0, 0, "no page uses this template, so it changes nothing", hint
            )
        )
    return found


Hits = tuple[set[str], set[str]]  # pages that are static files or their folders; folders


def static_hits(static: dict[str, Path], paths: Iterable[str]) -> Hits:
    """The generated pages that are static files or their folders, and the folders the
    output needs where the site has static files.

    A site has a few static files and hundreds of thousands of pages: one pass over the pages
    looks each up among the static files and their folders, and gathers no set of every page
    and folder (that set was a fifth of a one-edit build at 10,000 comparisons)."""
    if not static:
        return set(), set()
    parents = {str(parent) for rel in static for parent in PurePosixPath(rel).parents}
    wanted, below = static.keys() | parents, tuple(f"{rel}/" for rel in static)
    pages: set[str] = set()
    folders = set(parents)
    for path in paths:
        page = urls.output_file(path)
        if page in wanted:
            pages.add(page)
        if page.startswith(below):
            folders.update(rel for rel in static if page.startswith(f"{rel}/"))
    return pages, folders


def static_collisions(
    static: dict[str, Path], paths: Iterable[str], known: Hits | None = None
) -> list[Problem]:
    """A static file where a generated page goes, or where the output needs a folder.
    `known`: the static_hits of more pages, found already (serve keeps those of the pages
    made per comparison)."""
    if not static:
        return []
    pages, folders = static_hits(static, paths)
    if known is not None:
        pages, folders = pages | known[0], folders | known[1]
    found = []
    for rel in static:
        above = next((str(f) for f in PurePosixPath(rel).parents if str(f) in pages), "")
        if rel in pages:
            what, hint = f"would replace the generated page /{rel}", "rename or remove the file"
        elif rel in folders:
            what = f"is a file where the output needs the folder /{rel}/"
            hint = "rename or remove the file"
        elif above:
            what = f"would turn the generated page /{above} into a folder"
            hint = "move the file elsewhere in static/"
        else:
            continue
        found.append(Problem(f"static/{rel}", 0, 0, what, hint))
    return found


def published_static(config: SiteConfig, problems: Problems) -> tuple[dict[str, Path], Assets]:
    """Static files by the names they are published under, the theme's assets hashed."""
    static = static_files(config, problems)
    try:
        published, names = publish_names(static)
    except OSError as exc:  # an asset unreadable: static_files let it through
        problems.add("static/assets", 0, f"cannot read a theme asset: {exc.strerror or exc}")
        return static, Assets()
    return published, Assets(**names)
