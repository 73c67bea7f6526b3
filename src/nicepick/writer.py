"""The only module that writes: a staging folder beside the output, swapped in when complete.

A build that fails or is killed leaves the previous site as it was. Files in the output that
nicepick did not write (a `.git` folder, `CNAME`, anything added by hand) are carried over into
each new build; nicepick lists what it wrote in a manifest so it never deletes anything else.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path, PurePosixPath
from typing import Self

from nicepick.errors import UserError

MANIFEST = ".nicepick-manifest.json"
_STAGING = ".nicepick-staging-"
_OLD = ".nicepick-old-"


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def read_manifest(output: Path) -> set[str] | None:
    """What the last build wrote, or None when the folder is not nicepick's."""
    try:
        data = json.loads((output / MANIFEST).read_text("utf-8"))
        return set(data["files"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def check_output(output: Path, site: Path, force: bool) -> None:
    """Refuse outputs whose replacement would destroy something that is not a built site."""
    resolved, site_resolved = output.resolve(), site.resolve()
    home = Path.home().resolve()
    if resolved == Path(resolved.anchor):
        raise UserError(f"refusing to build into {output}: it is the filesystem root")
    if resolved == home:
        raise UserError(f"refusing to build into {output}: it is your home folder")
    if site_resolved.is_relative_to(resolved):
        raise UserError(f"refusing to build into {output}: it contains the site's own files "
                        "(choose a folder such as public/)")
    if resolved.exists() and not resolved.is_dir():
        raise UserError(f"cannot build into {output}: it is a file, not a folder")
    if resolved.is_dir() and not force and read_manifest(resolved) is None \
            and any(entry for entry in os.scandir(resolved) if entry.name not in _HOST_FILES):
        raise UserError(
                f"refusing to build into {output}: it already holds files that nicepick did "
                "not write (empty it, choose another --output, or pass --force)")


# Files that hosting setups keep in a published folder; an output holding only these still
# counts as empty. They are carried over like any other file nicepick did not write.
_HOST_FILES = frozenset([".git", ".gitignore", "CNAME", ".nojekyll", ".well-known",
                         "_redirects", "_headers", ".domains", ".DS_Store"])


def _recover(output: Path) -> None:
    """Finish or undo what a killed build left: restore a moved-away output, drop staging."""
    parent = output.parent
    if not parent.is_dir():
        return
    prefix = "." + output.name
    for entry in sorted(os.scandir(parent), key=lambda e: e.name):
        if not entry.name.startswith(prefix):
            continue
        tail = entry.name[len(prefix):]
        for marker in (_STAGING, _OLD):
            if not tail.startswith(marker):
                continue
            pid = tail[len(marker):]
            if pid.isdigit() and int(pid) != os.getpid() and _pid_alive(int(pid)):
                continue  # another build is running; issue a lock later
            path = Path(entry.path)
            if marker == _OLD and not output.exists():
                path.rename(output)
            elif marker == _OLD:
                _carry_over(path, output, read_manifest(path) or set())
                shutil.rmtree(path, ignore_errors=True)
            else:
                shutil.rmtree(path, ignore_errors=True)


def _carry_over(old: Path, new: Path, written: set[str]) -> None:
    """Move into `new` everything in `old` that nicepick did not write and `new` lacks."""
    folders = {str(PurePosixPath(p).parent) for p in written}
    folders |= {str(parent) for p in folders for parent in PurePosixPath(p).parents}

    def walk(old_dir: Path, new_dir: Path, prefix: str) -> None:
        for entry in sorted(os.scandir(old_dir), key=lambda e: e.name):
            rel = prefix + entry.name
            target = new_dir / entry.name
            if entry.name == MANIFEST and not prefix:
                continue
            if entry.is_dir(follow_symlinks=False) and rel in folders:
                walk(Path(entry.path), target, rel + "/")
            elif rel not in written and not target.exists() and not target.is_symlink():
                # Folders are made only when something moves in: a folder that held nothing
                # but pages the new build no longer has must not come back empty.
                target.parent.mkdir(parents=True, exist_ok=True)
                os.rename(entry.path, target)

    walk(old, new, "")


class StagedOutput:
    """Collects a build in a staging folder; `commit` swaps it in, `discard` throws it away."""

    def __init__(self, output: Path) -> None:
        self.output = output
        self.staging = output.parent / f".{output.name}{_STAGING}{os.getpid()}"
        self.written: list[str] = []
        self._made: set[Path] = set()

    def __enter__(self) -> Self:
        try:
            self.output.parent.mkdir(parents=True, exist_ok=True)
            _recover(self.output)
            if self.staging.exists():
                shutil.rmtree(self.staging)
            self.staging.mkdir()
        except OSError as exc:
            raise UserError(f"cannot prepare the output folder {self.output}: "
                            f"{exc.strerror or exc}") from exc
        self._made.add(self.staging)
        return self

    def __exit__(self, *exc: object) -> None:
        if self.staging.exists():
            self.discard()

    def write(self, path: PurePosixPath, data: bytes) -> None:
        if path.is_absolute() or ".." in path.parts or not path.parts:
            raise ValueError(f"refusing to write outside the output: {path}")  # our bug
        target = self.staging.joinpath(*path.parts)
        folder = target.parent
        if folder not in self._made:
            folder.mkdir(parents=True, exist_ok=True)
            self._made.add(folder)
        try:
            target.write_bytes(data)
        except OSError as exc:
            raise UserError(f"cannot write {self.output / path}: {exc.strerror or exc}") from exc
        self.written.append(path.as_posix())

    def copy(self, path: PurePosixPath, source: Path) -> None:
        self.write(path, source.read_bytes())

    def commit(self) -> None:
        """Swap the staging folder in, carrying over files the last build did not write."""
        manifest = {"generator": "nicepick", "files": sorted(self.written)}
        (self.staging / MANIFEST).write_text(json.dumps(manifest, indent=0) + "\n", "utf-8")
        old = self.output.parent / f".{self.output.name}{_OLD}{os.getpid()}"
        try:
            if self.output.exists():
                previous = read_manifest(self.output) or set()
                self.output.rename(old)
                self.staging.rename(self.output)
                _carry_over(old, self.output, previous)
                shutil.rmtree(old)
            else:
                self.staging.rename(self.output)
        except OSError as exc:
            raise UserError(f"cannot replace {self.output}: {exc.strerror or exc}") from exc

    def discard(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)
