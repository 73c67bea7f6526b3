"""serve's preview, written in place: each changed file replaced atomically, the rest
untouched. The folder is private to one process: no staging, no swap, no carry-over, so a
one-page edit costs one page."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Self

from nicepick.manifest import (
    Body,
    Manifest,
    check_relative,
    content_hash,
    content_of,
    file_record,
    made_from,
    replace_file,
)


class LiveOutput:
    """Writes a preview in place: each changed file replaced atomically, the rest untouched.

    For `serve`, whose folder is private to one process: no staging, no swap, no carry-over,
    so a one-page edit costs one page. The same keep/write/commit calls as StagedOutput.
    """

    def __init__(self, output: Path, previous: Manifest | None = None) -> None:
        self.output = output
        self.previous = previous
        self.manifest = Manifest()
        self.written = 0
        self.unchanged = 0
        self._made: set[str] = set()
        self._gone: set[str] | None = None  # found once, at commit: 300,000 paths to compare

    def __enter__(self) -> Self:
        self.output.mkdir(parents=True, exist_ok=True)
        return self

    def __exit__(self, *exc: object) -> None:
        """Nothing to undo: each file was replaced atomically as it was written."""

    def _target(self, path: str) -> str:
        check_relative(path)
        return os.path.join(self.output, path)

    def keep(self, path: str, fingerprint: str) -> bool:
        """Unchanged fingerprint, unchanged file: the folder is serve's own, made for this
        preview and written by no one else, so the file is not looked for on every save."""
        record = self.previous.files.get(path) if self.previous else None
        if record is None or not made_from(record, fingerprint):
            return False
        self.manifest.files[path] = record
        self.unchanged += 1
        return True

    def write(self, path: str, data: Body, fingerprint: str = "") -> None:
        if not isinstance(data, bytes):  # a large file in pieces: compared whole, as any
            data = b"".join(data)
        digest = content_hash(data)
        record = self.previous.files.get(path) if self.previous else None
        target = self._target(path)
        self.manifest.files[path] = file_record(fingerprint, digest)
        if record is not None and content_of(record) == digest and os.path.exists(target):
            self.unchanged += 1
            return
        folder = os.path.dirname(target)
        if folder not in self._made:
            os.makedirs(folder, exist_ok=True)
            self._made.add(folder)
        replace_file(Path(target), data)
        self.written += 1

    @property
    def removed(self) -> int:
        gone = self._gone if self._gone is not None else self.manifest.gone_from(self.previous)
        return len(gone)

    def commit(self, inputs: str = "", theme: str = "") -> None:
        """Remove pages that are gone; the manifest stays in serve's memory (writing 20,000
        entries out on every save cost more than the page that changed)."""
        self.manifest.inputs, self.manifest.theme = inputs, theme
        self._gone = self.manifest.gone_from(self.previous)
        for key in sorted(self._gone, reverse=True):
            target = self._target(key)
            with contextlib.suppress(FileNotFoundError):
                os.unlink(target)
            folder = os.path.dirname(target)
            while folder != str(self.output):
                try:
                    os.rmdir(folder)  # only succeeds once the folder is empty
                except OSError:
                    break
                folder = os.path.dirname(folder)
