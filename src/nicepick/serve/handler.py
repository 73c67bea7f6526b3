"""serve's HTTP side: the server, and the handler that answers GET and HEAD with files of the
preview, live.js and the stream of rebuild events; every other method is refused."""

from __future__ import annotations

import errno
import html
import json
import mimetypes
import sys
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import cast
from urllib.parse import unquote, urlsplit

from nicepick.errors import UserError
from nicepick.serve.preview import Preview

LIVE_PREFIX = "__nicepick/"
_LIVE_JS = (Path(__file__).parent / "live.js").read_bytes()


class PreviewServer(ThreadingHTTPServer):
    """The HTTP server of one preview, quiet about browsers that hang up: a closed tab, a
    dropped keep-alive connection or a reload mid-response is how browsers work, not an error
    to print. It is bound before the first build; `preview` is set once that build is done,
    before the first request is answered."""

    preview: Preview | None = None

    def handle_error(self, request: object, client_address: object) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError | TimeoutError):
            return
        super().handle_error(request, client_address)  # type: ignore[arg-type]


def bind(host: str, port: int, tries: int = 20) -> PreviewServer:
    """A server on `port`, or the next free one of `tries`; port 0: any free port."""
    for candidate in range(port, port + tries) if port else [0]:
        try:
            return PreviewServer((host, candidate), Handler)
        except OSError as exc:
            if exc.errno != errno.EADDRINUSE:
                raise UserError(f"cannot listen on {host}:{candidate}: {exc.strerror}") from exc
    raise UserError(
        f"ports {port} to {port + tries - 1} on {host} are all taken; pass --port with a free one"
    )


class Handler(BaseHTTPRequestHandler):
    """Answers one connection with files of the server's preview."""

    server_version = "nicepick"
    protocol_version = "HTTP/1.1"

    @property
    def preview(self) -> Preview:
        preview = cast(PreviewServer, self.server).preview
        assert preview is not None, "requests are served once the first build is done"
        return preview

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
        base_path = self.preview.config.base_path
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
        root = self.preview.root
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
        if self.preview.generation == 0 and self.preview.errors:
            self._waiting()
            return
        page = self.preview.root / "404.html"
        body = page.read_bytes() if page.is_file() else b"404 Not Found\n"
        self._send(HTTPStatus.NOT_FOUND, body, "text/html; charset=utf-8")

    def _waiting(self) -> None:
        """A site that has never built: its problems, on a page that reloads itself once they
        are fixed (live.js), rather than a bare 404 that would stay one."""
        base = self.preview.config.base_path
        problems = "\n".join(html.escape(line) for line in self.preview.errors)
        body = (
            '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            "<title>nicepick: the site does not build yet</title>\n</head>\n<body>\n<main>\n"
            "<h1>The site does not build yet</h1>\n"
            "<p>Fix these problems and save: this page reloads with the site.</p>\n"
            f"<pre>{problems}</pre>\n</main>\n"
            f'<script src="{base}{LIVE_PREFIX}live.js" '
            f'data-events="{base}{LIVE_PREFIX}events"></script>\n</body>\n</html>\n'
        )
        self._send(HTTPStatus.SERVICE_UNAVAILABLE, body.encode(), "text/html; charset=utf-8")

    def _events(self) -> None:
        preview = self.preview
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
