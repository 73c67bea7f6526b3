"""What the command line prints around a build: its progress bar, the summary line, the
line that counts its warnings, and when to colour them."""

from __future__ import annotations

import os
import shlex
import sys
import time
from pathlib import Path

from nicepick.prose import count
from nicepick.writer import BuildReport


def use_color() -> bool | None:
    """Colour only where Click would (a terminal), and never when NO_COLOR is set."""
    return False if os.environ.get("NO_COLOR") else None


class ProgressBar:
    """A one-line bar on stderr for builds that take more than a second, in a terminal only."""

    def __init__(self) -> None:
        self.started = time.monotonic()
        self.drawn = 0.0
        self.active = sys.stderr.isatty()

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if not self.active or now - self.started < 1.0 or now - self.drawn < 0.1 or not done:
            return
        self.drawn = now
        width = 30
        filled = width * done // total
        eta = (now - self.started) * (total - done) / done
        sys.stderr.write(
            f"\r[{'#' * filled}{'.' * (width - filled)}] {done:,}/{total:,} pages, "
            f"about {eta:.0f} s left "
        )
        sys.stderr.flush()

    def finish(self) -> None:
        if self.drawn:
            sys.stderr.write("\r" + " " * 72 + "\r")
            sys.stderr.flush()


def summary(report: BuildReport) -> str:
    """One line: what changed in the output and how long it took."""
    return (
        f"Built {report.output}: {report.written:,} written, {report.unchanged:,} unchanged, "
        f"{report.removed:,} removed in {report.seconds:.2f} s"
    )


def warnings_line(warnings: int, source: Path, drafts: bool) -> str:
    """How many warnings `check` would give about the site just built, and how to see them."""
    command = (
        "nicepick check"
        + ("" if source == Path(".") else f" --source {shlex.quote(str(source))}")
        + (" --drafts" if drafts else "")
    )
    return (
        f"{count(warnings, 'warning')}: run '{command}' to see {'it' if warnings == 1 else 'them'}"
    )
