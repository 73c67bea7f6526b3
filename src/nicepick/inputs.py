"""What a build reads, reduced to signatures: has anything changed since the last build?

The input signature covers every content file, template and static file by path, size and
modification time, plus the settings and nicepick's version; equal signatures let a build stop
before reading a single file. The theme hash covers template contents, which page
fingerprints do not see.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from nicepick import __version__, sources
from nicepick.config import SiteConfig
from nicepick.errors import Problems
from nicepick.themedirs import builtin_dir, template_dirs


def _files_below(folder: Path) -> list[Path]:
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=True):
        dirnames.sort()
        found.extend(Path(dirpath) / name for name in sorted(filenames))
    return found


def _settings(config: SiteConfig) -> str:
    return repr((__version__, config.title, config.base_url, config.description,
                 config.contact_email, config.language, config.unsafe_html, config.extra,
                 config.drafts, config.live_reload, config.dynamic_pairs, str(config.source.resolve())))


def input_signature(config: SiteConfig) -> str:
    """Empty when the inputs cannot be listed cleanly (the full build will say why)."""
    problems = Problems()
    files = sources.find_site_files(config.source, problems)
    if problems:
        return ""
    paths = [*files.techniques, *files.comparisons]
    if files.config is not None:
        paths.append(files.config)
    for folder in [*template_dirs(config), builtin_dir("static"), config.source / "static"]:
        if folder.is_dir():
            paths.extend(_files_below(folder))
    h = hashlib.blake2b(_settings(config).encode("utf-8", "surrogatepass"), digest_size=16)
    for path in paths:
        try:
            stat = path.stat()
        except OSError:
            return ""
        h.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode("utf-8", "surrogateescape"))
    return h.hexdigest()


def theme_hash(config: SiteConfig) -> str:
    h = hashlib.blake2b(__version__.encode(), digest_size=16)
    for folder in template_dirs(config):
        for path in _files_below(folder):
            h.update(str(path.relative_to(folder)).encode("utf-8", "surrogateescape") + b"\0")
            h.update(path.read_bytes())
    return h.hexdigest()
