"""serve's preview: builds the site in place into its own folder, keeps what speeds up the
next build, and tells waiting browsers about each new result."""

from __future__ import annotations

import os
import threading
import time
import traceback
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

import click

from nicepick import processes, sources
from nicepick.build import build_site
from nicepick.config import SiteConfig, load_config
from nicepick.errors import Problems, SiteError, UserError
from nicepick.incremental.session import Session
from nicepick.prose import count
from nicepick.serve.liveoutput import LiveOutput
from nicepick.writer import BuildReport


class Preview:
    """The preview site: builds it, and tells waiting browsers about each new result."""

    def __init__(self, config: SiteConfig, log: bool = True, drafts: bool | None = None) -> None:
        self.config = config
        self.log = log
        self.drafts = drafts  # the command line's --drafts, which wins over nicepick.yaml
        self._settings = _stamp(config.source / sources.CONFIG_FILE)
        self.generation = 0
        self.errors: list[str] = []
        self.changed = threading.Condition()
        self._build_lock = threading.Lock()
        self.session = Session()
        self.untidy = False  # garbage from a rebuild is waiting to be collected
        self.unswept = False  # and once it is, the whole heap is yet to be looked at
        self.finished = 0.0  # when the last rebuild ended

    @property
    def root(self) -> Path:
        return self.config.output

    def state(self) -> dict[str, object]:
        return {"generation": self.generation, "errors": self.errors}

    def rebuild(self, written: Iterable[str] | None = None) -> BuildReport | None:
        """Build once; any failure is reported and the last good site kept.

        `written`: the files a watcher saw written since the last build, when it saw nothing
        created, removed or renamed; only these are looked at again. None: look at all.
        """
        with self._build_lock:
            started = time.perf_counter()
            report, errors = None, []
            if written is not None:
                source = os.path.abspath(self.config.source)
                self.session.loading.edited = frozenset(
                    self.config.source / os.path.relpath(os.path.abspath(path), source)
                    for path in written
                )
            try:
                self._reload_settings()
                report = build_site(
                    self.config, force=True, in_place=LiveOutput, reuse=self.session
                )
            except SiteError as refused:
                errors = [str(p) for p in refused.problems]
            except UserError as failure:
                errors = [failure.format_message()]
            except Exception:  # noqa: BLE001 - a bug of ours must not stop the preview
                errors = [
                    "nicepick failed (this is a bug; please report it):",
                    *traceback.format_exc().splitlines(),
                ]
            self.session.loading.edited = None
            if errors:  # it may have stopped before reading what was written: list again
                self.session.loading.listing = None
            with self.changed:
                if errors:
                    self.errors = errors
                else:
                    assert report is not None
                    if report.written or report.removed or self.errors or self.generation == 0:
                        self.generation += 1
                    self.errors = []
                self.changed.notify_all()
            if self.log:
                stamp = time.strftime("%H:%M:%S")
                if errors:
                    kept = (
                        "still serving the last good build"
                        if self.generation
                        else "nothing to serve until they are fixed"
                    )
                    click.echo(
                        f"[{stamp}] {count(len(errors), 'problem')}; {kept}:\n" + "\n".join(errors),
                        err=True,
                    )
                elif report is not None:
                    click.echo(
                        f"[{stamp}] rebuilt in {time.perf_counter() - started:.2f} s: "
                        f"{report.written:,} written, {report.removed:,} removed"
                    )
            self.untidy, self.finished = True, time.monotonic()
            return report

    def _reload_settings(self) -> None:
        """Read nicepick.yaml again when it changed; the preview keeps its own address,
        output and live reload. A mistake in it is reported like any other."""
        stamp = _stamp(self.config.source / sources.CONFIG_FILE)
        if stamp == self._settings:
            return
        problems = Problems()
        loaded = load_config(self.config.source, self.config.output, problems, drafts=self.drafts)
        problems.raise_if_any()
        self.config = replace(
            loaded,
            live_reload=self.config.live_reload,
            base_url=self.config.base_url,
            base_url_given=self.config.base_url_given,
        )
        self._settings = stamp

    def tidy(self, whole: bool = False) -> None:
        """Collect garbage, once the editor has paused: done right after a rebuild, it held
        back the reload event and the reloaded page. Only what was made since the last
        collection is looked at (processes.collect): at 100,000 comparisons a collection of
        serve's whole heap took 2.2 s, and a save that came meanwhile waited for it. `whole`,
        after a long pause: the whole heap, once after each rebuild."""
        with self._build_lock:
            if self.untidy:
                whole, self.session.sweep = self.session.sweep, False
                processes.collect(whole=whole)
                self.untidy, self.unswept = False, not whole
            elif whole and self.unswept:
                processes.collect(whole=True)
                self.unswept = False


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_size, stat.st_mtime_ns
