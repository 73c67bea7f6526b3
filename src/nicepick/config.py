"""Site configuration: built-in defaults, then nicepick.yaml, then command-line flags."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from nicepick import schema, sources
from nicepick.dynamic import MODES
from nicepick.errors import Problems, did_you_mean
from nicepick.fields import read_document

DEFAULT_BASE_URL = "http://localhost:8000/"


@dataclass(frozen=True)
class SiteConfig:
    """How one site is built. Every field can be set in nicepick.yaml; some also by flags."""

    source: Path
    """The site folder: holds nicepick.yaml, comparisons/, and optional templates/ and static/."""
    output: Path
    """Where the built site goes; `public/` inside the site folder unless --output says."""
    title: str = "Nice Pick"
    """The site's name, in every page title and the header."""
    base_url: str = DEFAULT_BASE_URL
    """Absolute URL the site is served from, ending in '/'; its path prefixes every link."""
    base_url_given: bool = False
    """Whether base_url came from the user; canonical links to localhost are worth a warning."""
    description: str = "Opinionated comparisons: one pick for every pair."
    """One sentence about the site: home page description and feed subtitle."""
    contact_email: str = ""
    """Address for the "Disagree with our pick?" link; the link is left out when empty."""
    language: str = "en"
    """The `lang` of every page."""
    unsafe_html: bool = False
    """Let raw HTML in Markdown reach the pages. Off by default: content may come from anyone."""
    extra: Mapping[str, Any] = field(default_factory=dict)
    """Free data handed to templates as `site.extra`."""
    drafts: bool = False
    """Build comparisons marked `draft: true`."""
    dynamic_pairs: str = "none"
    """'category' or 'tag': compose a comparison for every such pair that has no file."""
    live_reload: bool = False
    """Set by `nicepick serve` only: pages get the live-reload script. Never in `build` output."""

    @property
    def base_path(self) -> str:
        """The path part of base_url ('/' or '/picks/'): every internal link starts with it."""
        path = urlsplit(self.base_url).path or "/"
        return path if path.endswith("/") else path + "/"

    @property
    def origin(self) -> str:
        """Scheme and host of base_url, for absolute links (canonical, sitemap, feed)."""
        parts = urlsplit(self.base_url)
        return f"{parts.scheme}://{parts.netloc}"


def normalize_base_url(url: str) -> str:
    """Ensure exactly one trailing slash so joining paths never doubles or drops one."""
    return url.rstrip("/") + "/"


def with_overrides(config: SiteConfig, **flags: Any) -> SiteConfig:
    """Apply command-line flags, which win over the file; None means "flag not given"."""
    given = {k: v for k, v in flags.items() if v is not None}
    if "base_url" in given:
        given["base_url"] = normalize_base_url(given["base_url"])
        given["base_url_given"] = True
    return replace(config, **given)


def load_config(source: Path, output: Path | None, problems: Problems,
                **flags: Any) -> SiteConfig:
    """Defaults, then nicepick.yaml (if any), then flags. Problems in the file are collected."""
    config = SiteConfig(source=source, output=output or source / "public")
    path = source / sources.CONFIG_FILE
    if path.is_file() or path.is_symlink() or path.exists():  # a pipe or folder: said so
        document = sources.load_file(path, sources.CONFIG_FILE, problems, None, True)  # empty: ok
        if document is not None:
            values, _ = read_document(document, schema.CONFIG_FIELDS, "nicepick.yaml", problems)
            if "base_url" in values:
                values["base_url"] = normalize_base_url(values["base_url"])
                values["base_url_given"] = True
            mode = values.get("dynamic_pairs")
            if mode is not None and mode.lower() in ("false", "no", "off"):
                values["dynamic_pairs"] = "none"
            elif mode is not None and mode not in MODES:
                line = document.root.value["dynamic_pairs"].line
                problems.add(sources.CONFIG_FILE, line,
                             f"'dynamic_pairs' should be one of {', '.join(MODES)}, not '{mode}'",
                             did_you_mean(mode, MODES))
                values.pop("dynamic_pairs")
            config = replace(config, **values)
    return with_overrides(config, **flags)
