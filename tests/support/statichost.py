"""A static host for the page checks: a real HTTP server that behaves like GitHub Pages.

It is deliberately not `nicepick serve`: the checks must see the built files the way a host
publishes them, with none of our own server's help. Like GitHub Pages, Netlify and Cloudflare
Pages it serves a folder's index.html at its slash URL, redirects a folder asked for without
the slash, and answers a missing path with the site's own 404.html and status 404. The site can
sit under a sub-path ("/picks/"), as a GitHub project site does.
"""

from __future__ import annotations

import mimetypes
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit


def _handler(root: Path, prefix: str) -> type[BaseHTTPRequestHandler]:
    root = root.resolve()

    class StaticHost(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass  # quiet: the checks report what matters

        def do_HEAD(self) -> None:
            self._answer(with_body=False)

        def do_GET(self) -> None:
            self._answer(with_body=True)

        def _send(
            self, status: int, body: bytes, kind: str, with_body: bool, location: str = ""
        ) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            if location:
                self.send_header("Location", location)
            self.end_headers()
            if with_body:
                self.wfile.write(body)

        def _not_found(self, with_body: bool) -> None:
            page = root / "404.html"
            body = page.read_bytes() if page.is_file() else b"Not found"
            self._send(HTTPStatus.NOT_FOUND, body, "text/html; charset=utf-8", with_body)

        def _answer(self, with_body: bool) -> None:
            path = unquote(urlsplit(self.path).path)
            if not path.startswith(prefix):
                self._send(HTTPStatus.NOT_FOUND, b"Not found", "text/plain", with_body)
                return
            target = (root / path[len(prefix) :]).resolve()
            if not target.is_relative_to(root):
                self._not_found(with_body)
                return
            if target.is_dir():
                if not path.endswith("/"):
                    self._send(
                        HTTPStatus.MOVED_PERMANENTLY,
                        b"",
                        "text/plain",
                        with_body,
                        location=path + "/",
                    )
                    return
                target = target / "index.html"
            if not target.is_file():
                self._not_found(with_body)
                return
            kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
            if kind.startswith("text/") or kind in (
                "application/javascript",
                "application/json",
                "application/xml",
            ):
                kind += "; charset=utf-8"
            self._send(HTTPStatus.OK, target.read_bytes(), kind, with_body)

    return StaticHost


@contextmanager
def static_host(root: Path, prefix: str = "/") -> Iterator[str]:
    """Serve `root` at http://127.0.0.1:<free port><prefix> until the block ends.

    Yields that URL.
    """
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(root, prefix))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()
