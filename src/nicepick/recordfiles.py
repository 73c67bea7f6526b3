"""What rendering keeps of each file, and where it waits while forked workers render.

Each chunk of pages comes back as its records: a `manifest.file_record` and a stamp per file.
Held by the building process from the moment a chunk finished, they grew all through
rendering beside the workers' copies of the heap: 300 MiB of the peak at 300,000 dynamic
pairs. Instead each chunk, in whichever process rendered it, pickles them into a temporary
folder, and they are read back, in order, once the workers are gone.
"""

from __future__ import annotations

import os
import pickle
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from nicepick.cachefolder import UNREADABLE
from nicepick.errors import Problem
from nicepick.ownfolders import own_folder, remove_abandoned

FOLDER_PREFIX = "nicepick-records-"  # then the building process's id (ownfolders.py)


@dataclass
class RenderResult:
    files: dict[str, str]  # manifest.file_record
    written: list[str]
    unchanged: int
    problem: Problem | None = None
    stamps: dict[str, bytes] = field(default_factory=dict)  # stamps.Stamp
    done: int = 0  # pages rendered or kept
    spilled: str = ""  # the file its files, written and stamps were set aside in (`spill`)


@contextmanager
def aside() -> Iterator[str]:
    """A temporary folder for the chunks' records, removed afterwards; "" where none can be
    made, and the records are held instead. Named after this process: a build killed outright
    (SIGKILL, out of memory) cannot remove its folder, and the next one removes those whose
    process is gone."""
    try:
        folder = own_folder(FOLDER_PREFIX)
    except OSError:
        yield ""
        return
    remove_abandoned(os.path.dirname(folder), FOLDER_PREFIX)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def spill(part: RenderResult, folder: str, indices: range) -> RenderResult:
    """A chunk's records set aside in a file until every page is rendered; a file that
    cannot be written (a full disk) leaves them held."""
    if part.problem or not folder:
        return part
    name = os.path.join(folder, f"{indices.start}-{indices.step}")
    try:
        with open(name, "wb") as handle:
            pickle.dump((part.files, part.written, part.stamps), handle, pickle.HIGHEST_PROTOCOL)
    except OSError:
        return part
    return RenderResult({}, [], part.unchanged, done=part.done, spilled=name)


def merged(parts: list[RenderResult]) -> RenderResult:
    """The parts' records as one, in order; the first problem instead, if any."""
    result = RenderResult({}, [], 0)
    for part in parts:
        if part.problem:
            return part
        files, written, stamps = part.files, part.written, part.stamps
        if part.spilled:
            try:
                files, written, stamps = _read(part.spilled)
            except UNREADABLE as error:
                return RenderResult({}, [], 0, _lost(part.spilled, error))
        result.files.update(files)
        result.stamps.update(stamps)
        result.written += written
        result.unchanged += part.unchanged
    result.done = len(result.files)
    return result


def _read(name: str) -> tuple[dict[str, str], list[str], dict[str, bytes]]:
    with open(name, "rb") as handle:
        files, written, stamps = pickle.load(handle)
    if not (isinstance(files, dict) and isinstance(written, list) and isinstance(stamps, dict)):
        raise ValueError(name)
    return files, written, stamps


def _lost(name: str, error: BaseException) -> Problem:
    why = error.strerror if isinstance(error, OSError) and error.strerror else "it was changed"
    return Problem(
        name,
        0,
        0,
        f"the records of rendered pages could not be read back ({why}): "
        "something removed or changed the temporary folder while the build ran",
        "build again; the site was left as it was",
    )
