"""`nicepick serve`: build a preview, serve it over HTTP, rebuild on every save, reload pages.

The preview lives in its own folder (in memory-backed /dev/shm where there is one), built with
the same code as `build` and with base_url pointed at the server, so its links work as they will
on the static host. A broken edit never takes the preview down: the last good build stays
served and the problems are printed and shown over the page until the next good save.

`preview` builds and keeps the session's caches, `liveoutput` writes the preview in place,
`watcher` turns saves into rebuilds, `handler` answers the browser (and `live.js` in it
reloads the page); this module starts and stops them.
"""

from __future__ import annotations

import shutil
import sys
import threading
from dataclasses import replace
from pathlib import Path

import click
from watchdog.observers import Observer

from nicepick import processes
from nicepick.config import SiteConfig
from nicepick.ownfolders import own_folder, remove_abandoned
from nicepick.serve.handler import PreviewServer, bind
from nicepick.serve.preview import Preview
from nicepick.serve.watcher import Watcher

__all__ = ["serve"]

# The preview folder: then serve's process id, so that a serve killed outright leaves a
# folder the next one removes (ownfolders.py); at 100,000 comparisons it holds gigabytes.
PREVIEW_PREFIX = "nicepick-serve-"


def serve(
    config: SiteConfig, host: str = "127.0.0.1", port: int = 8000, drafts: bool | None = None
) -> None:
    """Serve until interrupted.

    A process manager stops with SIGTERM, and a shell's background job ignores SIGINT: either
    way, stop as on Ctrl-C. The handler goes in before anything exists to clean up and stays
    until the preview folder is gone; the folder is created with the signals held back, and
    one try/finally covers it from that moment, so a stop at any moment of the start (even
    during the first build) still removes it. Its removal holds the signals back too. Builds collect
    garbage seldom for the whole session (set here, never in serve's threads), and serve
    collects once an editor has paused.
    """
    with processes.terminate_as_interrupt(hangup=False), processes.rare_collections():
        scratch: Path | None = None
        try:
            server = bind(host, port)
            with processes.held_interrupts():
                scratch = Path(
                    own_folder(PREVIEW_PREFIX, "/dev/shm" if Path("/dev/shm").is_dir() else None)
                )
            remove_abandoned(str(scratch.parent), PREVIEW_PREFIX)  # signals no longer held
            _serve(server, scratch, config, host, drafts, asked_port=port)
        except KeyboardInterrupt:
            click.echo("Stopped.")
        finally:
            if scratch is not None:
                with processes.held_interrupts():
                    shutil.rmtree(scratch, ignore_errors=True)


def _serve(
    server: PreviewServer,
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
        server.preview = preview
        server.daemon_threads = True
        watcher = Watcher(preview)
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
