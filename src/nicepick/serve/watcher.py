"""serve's watcher: file events from the site folder become one rebuild per burst of saves."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler

from nicepick import sources
from nicepick.serve.preview import Preview

WATCHED = (sources.CONTENT_DIR, "templates", "static")
QUIET_PERIOD = 0.05  # editors save in bursts (temp file, rename, chmod): build once per burst
# Watchdog 5+ reports files being opened and closed unwritten: reading is not a change.
_READ_ONLY_EVENTS = frozenset(["opened", "closed_no_write"])
_WRITE_EVENTS = frozenset(["modified", "closed", "attrib"])  # a file's bytes or mtime changed
TIDY_AFTER = 1.0  # quiet seconds (no save, no rebuild) before serve collects garbage
SWEEP_AFTER = 60.0  # and before it looks at the whole heap (which takes seconds on large sites)


class Watcher(FileSystemEventHandler):
    """Collects file events from the site folder and rebuilds after a short quiet period."""

    def __init__(self, preview: Preview) -> None:
        self.preview = preview
        self.site = preview.config.source.resolve()
        self.pending = threading.Event()
        self.last = 0.0
        self._lock = threading.Lock()
        self.written: set[str] = set()  # files written since the last rebuild began
        self.rescan = False  # something was created, removed or renamed: list everything

    def relevant(self, path: str) -> bool:
        try:
            rel = Path(path).resolve().relative_to(self.site)
        except (ValueError, OSError, RuntimeError):  # RuntimeError: a link loop
            return False
        parts = rel.parts
        if not parts or any(p.startswith(".") for p in parts):
            return False
        return parts[0] in WATCHED or parts == (sources.CONFIG_FILE,)

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in _READ_ONLY_EVENTS:
            return  # each rebuild opens the files it reads: that must not start another
        paths = [event.src_path, getattr(event, "dest_path", "") or ""]
        if any(p and self.relevant(str(p)) for p in paths):
            with self._lock:
                if event.event_type in _WRITE_EVENTS and not event.is_directory:
                    self.written.add(str(event.src_path))
                elif not (event.is_directory and event.event_type == "modified"):
                    self.rescan = True  # a folder's "modified" only echoes its files' events
            self.last = time.monotonic()
            self.pending.set()

    def run(self, stop: threading.Event) -> None:
        while not stop.is_set():
            if not self.pending.wait(0.2):
                idle = time.monotonic() - max(self.last, self.preview.finished)
                if idle > TIDY_AFTER:
                    self.preview.tidy(whole=idle > SWEEP_AFTER)
                continue
            # Sleep until exactly QUIET_PERIOD after the latest event, as often as events
            # keep arriving: steps of half the period added up to 25 ms to every rebuild.
            while (quiet := self.last + QUIET_PERIOD - time.monotonic()) > 0:
                time.sleep(quiet)
            self.pending.clear()
            with self._lock:
                written, self.written = self.written, set()
                rescan, self.rescan = self.rescan, False
            self.preview.rebuild(None if rescan else written)
