"""Is the output already up to date? Answered without importing the renderer.

A build whose inputs (every content, template and static file by size and mtime, plus the
settings) match the manifest's signature, with every file it lists still present and nothing
left over by a killed build, has nothing to do. This check is the whole of a no-op build, so
it stays light: no Jinja, no Markdown, no YAML parsing.
"""

from __future__ import annotations

import os
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from nicepick.config import SiteConfig
from nicepick.inputs import input_signature
from nicepick.manifest import Manifest, read_manifest
from nicepick.writer import leftovers_beside


@dataclass(frozen=True)
class BuildReport:
    """What a build did, for the summary line."""

    pages: int
    written: int
    unchanged: int
    removed: int
    seconds: float
    output: Path


def all_present(output: Path, manifest: Manifest) -> bool:
    """Every file the last build wrote is still there (a page deleted by hand is rebuilt).

    Large sites check in a few threads: each check is one stat, which releases the GIL.
    """
    root = str(output)
    paths = [os.path.join(root, path) for path in manifest.files]

    def present(chunk: list[str]) -> bool:
        return all(os.path.exists(path) for path in chunk)

    if len(paths) < 20_000:
        return present(paths)
    chunks = [paths[i::4] for i in range(4)]
    with ThreadPoolExecutor(max_workers=4) as pool:
        return all(pool.map(present, chunks))


def up_to_date(config: SiteConfig, previous: Manifest | None = None, inputs: str | None = None,
               started: float | None = None) -> BuildReport | None:
    """A report of zero writes when nothing changed since the last build, else None."""
    started = time.perf_counter() if started is None else started
    previous = read_manifest(config.output) if previous is None else previous
    if previous is None:
        return None
    inputs = input_signature(config) if inputs is None else inputs
    if not inputs or previous.inputs != inputs or leftovers_beside(config.output) \
            or not all_present(config.output, previous):
        return None
    return BuildReport(len(previous.files), 0, len(previous.files), 0,
                       time.perf_counter() - started, config.output)
