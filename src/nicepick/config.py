"""Site configuration: built-in defaults, then nicepick.yaml, then command-line flags."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from nicepick import schema, sources
from nicepick.errors import Problems, did_you_mean
from nicepick.factfields import check_ranking_fact
from nicepick.facts import FactSpec
from nicepick.filekeys import read_document
from nicepick.slugs import slugify

DEFAULT_BASE_URL = "http://localhost:8000/"
DYNAMIC_MODES = ("none", "category", "tag")  # see dynamic.py


@dataclass(frozen=True)
class PopularityScale:
    """What techniques' `popularity` numbers mean, so a page that lets popularity decide a
    pick can say what the numbers are and whether the margin is close."""

    means: str = ""
    """A short phrase naming what is measured ("GitHub stars, in thousands")."""
    max: float | None = None
    """The top of the scale (100 for a 0–100 score); None when the scale is open."""
    close: float | None = None
    """A margin at or under which two scores read as close; default 5% of the scale."""

    def close_margin(self, a: float, b: float) -> float:
        if self.close is not None:
            return self.close
        return 0.05 * (self.max if self.max else max(abs(a), abs(b)))


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
    share_cards: bool = True
    """Draw a share card (og:image) per comparison and technique, and one for the site."""
    """Let raw HTML in Markdown reach the pages. Off by default: content may come from anyone."""
    extra: Mapping[str, Any] = field(default_factory=dict)
    """Free data handed to templates as `site.extra`."""
    drafts: bool = False
    """Build comparisons marked `draft: true`."""
    dynamic_pairs: str = "none"
    """'category' or 'tag': compose a comparison for every such pair that has no file."""
    labels: Mapping[str, str] = field(default_factory=dict)
    """Readable labels for slug-style tags and categories ("ci-cd" → "CI/CD")."""
    popularity: PopularityScale = field(default_factory=PopularityScale)
    """What popularity numbers mean, for pages where popularity decides the pick."""
    facts: Mapping[str, FactSpec] = field(default_factory=dict)
    """Declared facts by key: label, unit, which value is better, order (facts.py)."""
    ranking_fact: str = ""
    """A declared fact that ranking pages show beside each technique; none when empty."""
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
    _given_base_url(given)
    return replace(config, **given)


def _given_base_url(values: dict[str, Any]) -> None:
    """A base_url from the file or a flag: normalized, and marked as given (a build without
    one says which it assumes)."""
    if "base_url" in values:
        values["base_url"] = normalize_base_url(values["base_url"])
        values["base_url_given"] = True


def load_config(source: Path, output: Path | None, problems: Problems, **flags: Any) -> SiteConfig:
    """Defaults, then nicepick.yaml (if any), then flags. Problems in the file are collected."""
    config = SiteConfig(source=source, output=output or source / "public")
    path = source / sources.CONFIG_FILE
    if path.is_file() or path.is_symlink() or path.exists():  # a pipe or folder: said so
        document = sources.load_file(path, sources.CONFIG_FILE, problems, None, True)  # empty: ok
        if document is not None:
            values, _ = read_document(document, schema.CONFIG_FIELDS, "nicepick.yaml", problems)
            _given_base_url(values)
            mode = values.get("dynamic_pairs")
            if mode is not None and mode.lower() in ("false", "no", "off"):
                values["dynamic_pairs"] = "none"
            elif mode is not None and mode not in DYNAMIC_MODES:
                line = document.root.value["dynamic_pairs"].line
                problems.add(
                    sources.CONFIG_FILE,
                    line,
                    f"'dynamic_pairs' should be one of {', '.join(DYNAMIC_MODES)}, not '{mode}'",
                    did_you_mean(mode, DYNAMIC_MODES),
                )
                values.pop("dynamic_pairs")
            if "labels" in values:
                values["labels"] = _labels(document, values["labels"], problems)
            if "popularity" in values:
                values["popularity"] = _popularity(document, values["popularity"], problems)
            check_ranking_fact(values, document, problems)
            config = replace(config, **values)
    return with_overrides(config, **flags)


def _labels(document: sources.Document, raw: dict[str, Any], problems: Problems) -> dict[str, str]:
    """`labels:` maps a slug (or any spelling that slugifies to it) to the label to show."""
    node = document.root.value["labels"]
    labels: dict[str, str] = {}
    for key, value in raw.items():
        slug = slugify(str(key))
        line = node.keys[key].line if key in node.keys else node.line
        if (
            not isinstance(value, (str, int, float))
            or isinstance(value, bool)
            or not str(value).strip()
        ):
            problems.add(
                sources.CONFIG_FILE, line, f"label for '{key}' should be text", "e.g. ci-cd: CI/CD"
            )
        elif not slug:
            problems.add(
                sources.CONFIG_FILE,
                line,
                f"label key '{key}' has no letters or digits to match a tag",
            )
        else:
            labels[slug] = " ".join(str(value).split())
    return labels


def _popularity(
    document: sources.Document, raw: dict[str, Any], problems: Problems
) -> PopularityScale:
    node = document.root.value["popularity"]
    known = schema.POPULARITY_KEYS
    values: dict[str, Any] = {}
    for key, value in raw.items():
        line = node.keys[key].line if key in node.keys else node.line
        if key not in known:
            problems.add(
                sources.CONFIG_FILE,
                line,
                f"unknown key '{key}' under 'popularity'",
                did_you_mean(str(key), known) or "known keys: " + ", ".join(sorted(known)),
            )
        elif key == "means":
            if not isinstance(value, str) or not value.strip():
                problems.add(
                    sources.CONFIG_FILE,
                    line,
                    "'popularity.means' should be a short phrase",
                    "e.g. means: GitHub stars, in thousands",
                )
            else:
                values[key] = " ".join(value.split())
        elif (
            isinstance(value, bool)
            or not isinstance(value, (int, float))
            or value < 0
            or (key == "max" and value == 0)
        ):
            problems.add(
                sources.CONFIG_FILE,
                line,
                f"'popularity.{key}' should be a positive number",
                "e.g. max: 100",
            )
        else:
            values[key] = float(value)
    return PopularityScale(**values)
