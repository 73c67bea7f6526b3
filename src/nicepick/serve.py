"""`nicepick serve`: build a preview, serve it over HTTP, rebuild on every save, reload pages.

The preview lives in its own folder (in memory-backed /dev/shm where there is one), built with
the same code as `build` and with base_url pointed at the server, so its links work as they will
on the static host. A broken edit never takes the preview down: the last good build stays
served and the problems are printed and shown over the page until the next good save.
"""

from __future__ import annotations

import errno
import json
import mimetypes
import os
import shutil
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Iterable
from dataclasses import replace
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

import click
from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from nicepick import processes, sources
from nicepick.build import BuildCache, build_site
from nicepick.config import SiteConfig, load_config
from nicepick.errors import Problems, SiteError, UserError
from nicepick.prose import count
from nicepick.uptodate import BuildReport

LIVE_PREFIX = "__nicepick/"
_LIVE_JS = (Path(__file__).parent / "live" / "live.js").read_bytes()
_WATCHED = (sources.CONTENT_DIR, "templates", "static")
QUIET_PERIOD = 0.05  # editors save in bursts (temp file, rename, chmod): build once per burst
# Watchdog 5+ reports files being opened and closed unwritten: reading is not a change.
_READ_ONLY_EVENTS = frozenset(["opened", "closed_no_write"])
_WRITE_EVENTS = frozenset(["modified", "closed", "attrib"])  # a file's bytes or mtime changed
TIDY_AFTER = 1.0  # quiet seconds (no save, no rebuild) before serve collects garbage


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
        self.cache = BuildCache()
        self.untidy = False  # garbage from a rebuild is waiting to be collected
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
                self.cache.edited = frozenset(
                    self.config.source / os.path.relpath(os.path.abspath(path), source)
                    for path in written
                )
            try:
                self._reload_settings()
                report = build_site(self.config, force=True, cache=self.cache, in_place=True)
            except SiteError as refused:
                errors = [str(p) for p in refused.problems]
            except UserError as failure:
                errors = [failure.format_message()]
            except Exception:  # noqa: BLE001 - a bug of ours must not stop the preview
                errors = [
                    "nicepick failed (this is a bug; please report it):",
                    *traceback.format_exc().splitlines(),
                ]
            self.cache.edited = None
            if errors:  # it may have stopped before reading what was written: list again
                self.cache.listing = None
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
                    click.echo(
                        f"[{stamp}] {count(len(errors), 'problem')}; still serving the last good "
                        "build:\n" + "\n".join(errors),
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

    def tidy(self) -> None:
        """Collect garbage, once the editor has paused. Builds collect seldom, so serve's
        caches make a full collection cost 0.1 s at 10,000 comparisons; it holds the GIL, and
        done right after a rebuild it held back the reload event and the reloaded page."""
        with self._build_lock:
            if self.untidy:
                processes.collect()
                self.untidy = False


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_size, stat.st_mtime_ns


class _Watcher(FileSystemEventHandler):
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
        return parts[0] in _WATCHED or parts == (sources.CONFIG_FILE,)

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
                if time.monotonic() - max(self.last, self.preview.finished) > TIDY_AFTER:
                    self.preview.tidy()
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


def _handler(preview: Preview) -> type[BaseHTTPRequestHandler]:
    base_path = preview.config.base_path

    class Handler(BaseHTTPRequestHandler):
        server_version = "nicepick"
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:
            pass  # a line per request would drown the build messages

        def _refuse(self, status: HTTPStatus) -> None:
            body = f"{status.value} {status.phrase}\n".encode()
            self.send_response(status)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            if status == HTTPStatus.METHOD_NOT_ALLOWED:
                self.send_header("Allow", "GET, HEAD")
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def do_POST(self) -> None:
            self._refuse(HTTPStatus.METHOD_NOT_ALLOWED)

        do_PUT = do_DELETE = do_PATCH = do_OPTIONS = do_TRACE = do_CONNECT = do_POST

        def do_HEAD(self) -> None:
            self.do_GET()

        def do_GET(self) -> None:
            path = urlsplit(self.path).path
            if path == "/" and base_path != "/":
                self._redirect(base_path)
                return
            if not path.startswith(base_path):
                self._not_found()
                return
            rel = unquote(path[len(base_path) :])
            try:  # sent as raw UTF-8 bytes (curl does), which http.server reads as Latin-1
                rel = rel.encode("latin-1").decode("utf-8")
            except (UnicodeEncodeError, UnicodeDecodeError):
                pass  # percent-encoded (browsers) or plain ASCII: already right
            if rel == LIVE_PREFIX + "events":
                self._events()
                return
            if rel == LIVE_PREFIX + "live.js":
                self._send(HTTPStatus.OK, _LIVE_JS, "text/javascript; charset=utf-8")
                return
            segments = rel.split("/")
            if any(s in ("..", ".") or "\\" in s or "\0" in s for s in segments):
                self._refuse(HTTPStatus.BAD_REQUEST)
                return
            root = preview.root
            target = root.joinpath(*[s for s in segments if s])
            if target.is_dir():
                if not path.endswith("/"):
                    self._redirect(path + "/")  # what static hosts do for pretty URLs
                    return
                target = target / "index.html"
            try:
                inside = target.resolve().is_relative_to(root.resolve())
            except (OSError, RuntimeError):  # RuntimeError: a link loop
                inside = False
            if not inside or not target.is_file():
                self._not_found()
                return
            kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
            if kind.startswith("text/") or kind in ("application/json", "application/xml"):
                kind += "; charset=utf-8"
            self._send(HTTPStatus.OK, target.read_bytes(), kind)

        def _send(self, status: HTTPStatus, body: bytes, kind: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def _redirect(self, location: str) -> None:
            self.send_response(HTTPStatus.MOVED_PERMANENTLY)
            self.send_header("Location", location)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def _not_found(self) -> None:
            page = preview.root / "404.html"
            body = page.read_bytes() if page.is_file() else b"404 Not Found\n"
            self._send(HTTPStatus.NOT_FOUND, body, "text/html; charset=utf-8")

        def _events(self) -> None:
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-store")
            self.send_header("Connection", "close")
            self.end_headers()
            self.close_connection = True
            sent = None
            try:
                while True:
                    with preview.changed:
                        state = json.dumps(preview.state())
                        if state == sent:
                            preview.changed.wait(15)
                            state = json.dumps(preview.state())
                    message = f"data: {state}\n\n" if state != sent else ": keep-alive\n\n"
                    self.wfile.write(message.encode())
                    self.wfile.flush()
                    sent = state
            except (BrokenPipeError, ConnectionResetError, OSError):
                return

    return Handler


class _Server(ThreadingHTTPServer):
    """The HTTP server, quiet about browsers that hang up: a closed tab, a dropped keep-alive
    connection or a reload mid-response is how browsers work, not an error to print."""

    def handle_error(self, request: object, client_address: object) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError | TimeoutError):
            return
        super().handle_error(request, client_address)  # type: ignore[arg-type]


def _bind(host: str, port: int, tries: int = 20) -> ThreadingHTTPServer:
    for candidate in range(port, port + tries) if port else [0]:
        try:
            return _Server((host, candidate), BaseHTTPRequestHandler)
        except OSError as exc:
            if exc.errno != errno.EADDRINUSE:
                raise UserError(f"cannot listen on {host}:{candidate}: {exc.strerror}") from exc
    raise UserError(
        f"ports {port} to {port + tries - 1} on {host} are all taken; pass --port with a free one"
    )


def serve(
    config: SiteConfig, host: str = "127.0.0.1", port: int = 8000, drafts: bool | None = None
) -> None:
    """Serve until interrupted.

    A process manager stops with SIGTERM, and a shell's background job ignores SIGINT: either
    way, stop as on Ctrl-C. The handler goes in before anything exists to clean up, and the
    preview folder is created with the signals held back, so a stop at any moment of the
    start (even during the first build) still removes it; so is its removal. Builds collect
    garbage seldom for the whole session (set here, never in serve's threads), and serve
    collects once an editor has paused.
    """
    scratch: Path | None = None
    try:
        with processes.terminate_as_interrupt(hangup=False), processes.rare_collections():
            server = _bind(host, port)
            with processes.held_interrupts():
                scratch = Path(
                    tempfile.mkdtemp(
                        prefix="nicepick-serve-",
                        dir="/dev/shm" if Path("/dev/shm").is_dir() else None,
                    )
                )
            _serve(server, scratch, config, host, drafts, asked_port=port)
    except KeyboardInterrupt:
        click.echo("Stopped.")
    finally:
        if scratch is not None:
            with processes.held_interrupts():
                shutil.rmtree(scratch, ignore_errors=True)


def _serve(
    server: ThreadingHTTPServer,
    scratch: Path,
    config: SiteConfig,
    host: str,
    drafts: bool | None,
    asked_port: int,
) -> None:
    actual = server.server_address[1]
    if asked_port and actual != asked_port:
        click.echo(f"Port {asked_port} is taken; using {actual} instead.")
    shown_host = f"[{host}]" if ":" in host else host
    origin = f"http://{shown_host}:{actual}"
    preview = Preview(
        replace(
            config,
            output=scratch / "site",
            live_reload=True,
            base_url=origin + config.base_path,
            base_url_given=True,
        ),
        drafts=drafts,
    )
    stop = threading.Event()
    observer = Observer()
    try:
        preview.rebuild()
        server.RequestHandlerClass = _handler(preview)
        server.daemon_threads = True
        watcher = _Watcher(preview)
        # An absolute path: watchdog 7 compares the folders it adds with a relative root
        # ('.') wrongly, and warned on every folder of the site at start and after a move.
        observer.schedule(watcher, str(config.source.resolve()), recursive=True)
        observer.start()
        threading.Thread(target=watcher.run, args=(stop,), daemon=True).start()
        click.echo(
            f"Serving {config.source.resolve()} at {origin}{config.base_path} (Ctrl-C to stop)"
        )
        sys.stdout.flush()
        server.serve_forever(poll_interval=0.25)
    finally:
        stop.set()
        if observer.is_alive():
            observer.stop()
        server.server_close()
