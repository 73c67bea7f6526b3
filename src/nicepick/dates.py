"""When each content file was first published and last changed: from the site's git history
when it has one, else from the file's modification time.

Every comparison needs a date (the feed, the sitemap's lastmod, JSON-LD), and most editors never
write `updated:`. Git knows when a file last changed, and a fresh clone gives the same answer
as the editor's checkout, where modification times would all be the moment of the clone. A
file git does not know, or one changed since its last commit, takes its modification time: it
is being written now, so "now" is the truthful date.

Dates are days in UTC: pages show days, and a day is the same on every machine.
"""

from __future__ import annotations

import itertools
import os
import stat
import subprocess
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

_GIT_TIMEOUT = 60  # seconds; a history too long to read in that time is treated as absent


@dataclass(frozen=True, slots=True)
class FileDates:
    published: date  # first in the history (or the changed date, without one)
    changed: date


def _day(timestamp: float) -> date:
    return datetime.fromtimestamp(timestamp, UTC).date()


def _git(args: list[str], cwd: Path) -> bytes | None:
    """The output of one git command, or None where git is missing, fails or takes too long:
    dates then come from the files, which is never an error."""
    env = {**os.environ, "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"}
    env.pop("GIT_DIR", None)
    env.pop("GIT_WORK_TREE", None)
    try:
        done = subprocess.run(
            ["git", "-c", "core.quotepath=off", *args],
            cwd=cwd,
            env=env,
            capture_output=True,
            timeout=_GIT_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


@dataclass(frozen=True, slots=True)
class GitHistory:
    """What the history says about the files under one folder of a work tree."""

    top: Path  # the work tree's root
    head: str  # the commit it was read at
    dates: dict[str, tuple[date, date]]  # path from `top` -> (last changed, first added)
    edited: frozenset[str]  # paths from `top` changed or unknown since HEAD


def git_head(folder: Path) -> tuple[Path, str] | None:
    """The work tree holding `folder` and its HEAD commit, or None outside git (or before the
    first commit)."""
    out = _git(["rev-parse", "--show-toplevel", "HEAD"], folder)
    if out is None:
        return None
    lines = out.decode("utf-8", "surrogateescape").splitlines()
    if len(lines) != 2:
        return None
    return Path(lines[0]), lines[1]


def git_state(folder: Path) -> str:
    """What decides the dates besides the files themselves: the commit checked out, and
    whether the history is whole (a shallow clone knows only its last commits). "" outside
    git. A commit changes no file, yet it dates the files it took in."""
    out = _git(["rev-parse", "HEAD", "--is-shallow-repository"], folder)
    return out.decode("utf-8", "surrogateescape") if out is not None else ""


def history_problem(folder: Path) -> str:
    """Why the dates of a site kept in git cannot come from its whole history: a shallow
    clone (every file dated by the few commits it has), or git missing or refusing the
    repository (every file dated by its time, the moment of the checkout). '' when the
    history is whole, or the site is not kept in git."""
    if not any(
        (parent / ".git").exists() for parent in (folder.resolve(), *folder.resolve().parents)
    ):
        return ""
    state = git_state(folder).split()
    if state:
        shallow = state[-1] == "true"
        return "the repository is a shallow clone, with only its last commits" if shallow else ""
    if _git(["rev-parse", "--git-dir"], folder) is not None:
        return ""  # a repository with no commit yet: every file is being written now
    return "git could not read the repository (is git installed, and the folder yours?)"


def read_history(
    folder: Path, head: tuple[Path, str], known: GitHistory | None = None
) -> GitHistory | None:
    """Dates of every file under `folder` from its history. `known`: a history read earlier at
    the same commit is kept, and only the work tree's edits are asked again."""
    top, commit = head
    try:
        inside = folder.resolve().relative_to(top.resolve()).as_posix()
    except ValueError:
        return None
    spec = ["--", inside or "."]
    if known is not None and known.head == commit and known.top == top:
        dates = known.dates
    else:
        log = _git(
            [
                "log",
                "--format=%x01%at",
                "--name-only",
                "--no-renames",
                "-z",
                "--diff-filter=AMR",
                *spec,
            ],
            top,
        )
        if log is None:
            return None
        dates = _parse_log(log)
    status = _git(
        ["status", "--porcelain=v1", "-z", "--untracked-files=all", "--no-renames", *spec], top
    )
    if status is None:
        return None
    edited = frozenset(
        entry[3:].decode("utf-8", "surrogateescape")
        for entry in status.split(b"\0")
        if len(entry) > 3
    )
    return GitHistory(top, commit, dates, edited)


def _parse_log(log: bytes) -> dict[str, tuple[date, date]]:
    """`git log -z --name-only` output: each file's latest and earliest author dates. Not
    simply its first and last sightings: a rebase keeps author dates but reorders commits."""
    dates: dict[str, tuple[date, date]] = {}
    when: date | None = None
    for field in log.split(b"\0"):
        field = field.strip(b"\n")
        if field.startswith(b"\x01"):
            header, _, field = field[1:].partition(b"\n")
            when = _day(int(header))
        if not field or when is None:
            continue
        name = field.decode("utf-8", "surrogateescape")
        seen = dates.get(name)
        dates[name] = (max(seen[0], when), min(seen[1], when)) if seen else (when, when)
    return dates


def file_dates(
    paths: Iterable[Path], history: GitHistory | None, mtimes: dict[Path, int] | None = None
) -> dict[Path, FileDates]:
    """The dates of each file. `mtimes`: modification times (ns) already read by the loader."""
    listed = list(paths)
    times = {str(p): (0, t) for p, t in mtimes.items()} if mtimes else None
    found = _dates_of("", [str(p) for p in listed], history, times)
    return {path: found[str(path)] for path in listed if str(path) in found}


_EPOCH = date(1970, 1, 1)
_NS_PER_DAY = 86_400 * 10**9


def _dates_of(
    root: str,
    names: list[str],
    history: GitHistory | None,
    stamps: Mapping[str, tuple[int, int]] | None = None,
) -> dict[str, FileDates]:
    """file_dates on strings, by the files' names under `root` ("" for whole paths): a site
    has 100,000 files, and Path objects (joined, resolved, hashed) made dates a tenth of a
    one-edit build at that size. One lstat per file whose time `stamps` (size and time, by
    name) does not give (the up-to-date check's walk, which refuses links); the folders are
    resolved once each, the file itself only when it is a link. A file's whole path is made
    only to look at it, or at its place in the history: joining 100,000 names to the root
    only to read their times from `stamps` was 0.2-0.4 s of a one-edit build."""
    found: dict[str, FileDates] = {}
    top = str(history.top.resolve()) + os.sep if history is not None else ""
    real_folders: dict[str, str] = {}
    days: dict[int, FileDates] = {}  # one FileDates per day: most files share a few
    committed: dict[tuple[date, date], FileDates] = {}  # and one per pair of commit days
    for shown in names:
        first: date | None = None  # a file being edited keeps its first commit's date
        stamp = stamps.get(shown) if stamps else None
        mtime = stamp[1] if stamp is not None else None
        status: os.stat_result | None = None
        path = os.path.join(root, shown) if mtime is None or history is not None else shown
        if mtime is None:  # a known time is a regular file's, never a link's
            try:
                status = os.lstat(path)
            except OSError:
                pass
        if history is not None:
            if status is not None and stat.S_ISLNK(status.st_mode):
                real = os.path.realpath(path)
            else:
                folder, _, name = path.rpartition(os.sep)
                if folder not in real_folders:
                    real_folders[folder] = os.path.realpath(folder or os.sep)
                real = os.path.join(real_folders[folder], name)
            key = real[len(top) :].replace(os.sep, "/") if real.startswith(top) else ""
            seen = history.dates.get(key)
            if seen is not None and key not in history.edited:
                found[shown] = committed.setdefault(seen, FileDates(seen[1], seen[0]))
                continue
            first = seen[1] if seen is not None else None
        if mtime is None:
            if status is not None and stat.S_ISLNK(status.st_mode):
                try:
                    status = os.stat(path)
                except OSError:
                    status = None
            if status is None:
                continue
            mtime = status.st_mtime_ns
        number = mtime // _NS_PER_DAY  # the day in UTC, in whole days since 1970
        dated = days.get(number)
        if dated is None:
            day = _EPOCH + timedelta(days=number)
            dated = days[number] = FileDates(published=day, changed=day)
        if first is not None:  # being edited: changed now, published when first committed
            pair = (max(dated.changed, first), first)
            dated = committed.setdefault(pair, FileDates(first, pair[0]))
        found[shown] = dated
    return found


@dataclass(frozen=True, slots=True)
class ContentDates:
    """The dates of a site's content, by what they describe."""

    comparisons: dict[object, FileDates]  # by Comparison (compared by identity)
    techniques: dict[str, FileDates]  # by slug
    # By slug, the newest change among a technique's comparisons: its page shows it.
    newest: dict[str, date]


def content_dates(
    source: Path,
    techniques: Iterable[tuple[str, str]],
    comparisons: Iterable[tuple[object, str, date | None]],
    history: GitHistory | None,
    known: Mapping[str, FileDates] | None = None,
    stamps: Mapping[str, tuple[int, int]] | None = None,
) -> tuple[ContentDates, dict[str, FileDates]]:
    """`techniques`: (slug, file as shown); `comparisons`: (comparison, file as shown or ""
    for a generated pair, the editor's `updated`). A generated pair is as new as the newer of
    its two techniques; an editor's date replaces the file's, and is never later than the
    first publication it implies. `known`: the dates of files known to be unchanged, by file
    as shown; the others are looked at, unless `stamps` (size and modification time by file
    as shown, regular files only) gives their time. Also returns each file's dates, by file
    as shown."""
    technique_list = list(techniques)
    comparison_list = list(comparisons)
    root = str(source)
    known = known or {}
    shown_files = itertools.chain(
        (shown for _, shown in technique_list), (shown for _, shown, _ in comparison_list)
    )
    unique = dict.fromkeys(shown for shown in shown_files if shown not in known)
    unique.pop("", None)  # generated pairs
    names = list(unique)
    found = _dates_of(root, names, history, stamps)
    today = datetime.now(UTC).date()
    unknown = FileDates(today, today)  # a file gone since it was read: the build is now
    by_file = dict(known)
    by_file.update((name, found.get(name, unknown)) for name in names)
    by_slug = {slug: by_file[shown] for slug, shown in technique_list}
    by_comparison: dict[object, FileDates] = {}
    newest: dict[str, date] = {}
    shared: dict[tuple[date, date], FileDates] = {}  # generated pairs share a few dates
    for comparison, shown, updated in comparison_list:
        if shown:
            own = by_file[shown]
        else:
            sides = (comparison.first, comparison.second)  # type: ignore[attr-defined]
            first, second = by_slug[sides[0]], by_slug[sides[1]]
            key = (max(first.published, second.published), max(first.changed, second.changed))
            own = shared.get(key) or shared.setdefault(key, FileDates(*key))
        if updated is not None:
            own = FileDates(min(own.published, updated), updated)
        by_comparison[comparison] = own
        for side in (comparison.first, comparison.second):  # type: ignore[attr-defined]
            if side not in newest or own.changed > newest[side]:
                newest[side] = own.changed
    return ContentDates(by_comparison, by_slug, newest), by_file
