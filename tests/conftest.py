"""Shared fixtures: tiny sites written into temp folders, built through the real CLI."""

from __future__ import annotations

import signal
import tempfile
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, settings

from nicepick.cli import main

# A runner that starts the suite in the background (`.ci/run &` from a script) hands it SIGINT
# ignored, and every process a test starts inherits that: the tests of what Ctrl-C does to
# build and serve then time out. The suite restores the default, for itself and its children.
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)

REPO = Path(__file__).resolve().parent.parent


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--regen-goldens",
        action="store_true",
        help="write the golden sites' expected output anew (tests/test_golden.py)",
    )


# The default profile keeps the suite fast; `pytest --hypothesis-profile=fuzz` runs the long one.
settings.register_profile(
    "default", max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "fuzz", max_examples=10_000, deadline=None, suppress_health_check=list(HealthCheck)
)
settings.load_profile("default")

TECHNIQUES = {
    "alpha": """
        name: Alpha
        kind: library
        category: testing
        summary: Reach for Alpha when you need fast unit tests.
        pros:
          - It runs tests in parallel out of the box.
          - Its fixtures are plain functions.
        cons:
          - Plugins vary in quality.
        related: [beta, python, Unit Testing]
        aliases: [alpha-classic]
        popularity: 90
    """,
    "beta": """
        name: Beta
        kind: library
        category: testing
        summary: Reach for Beta when you test code written in the 2000s.
        pros:
          - It ships with the standard library.
        cons:
          - Its assertions are verbose.
        related: [python]
        popularity: 60
    """,
    "gamma": """
        name: Gamma
        kind: tool
        category: testing
        summary: Reach for Gamma when you measure coverage.
        pros:
          - It reports branch coverage.
        related: [coverage]
        popularity: 40
    """,
}

COMPARISONS = {
    "alpha-vs-beta": """
        compare: [alpha, beta]
        pick: alpha
        updated: 2026-01-10
    """,
    "beta-vs-gamma": """
        compare: [beta, gamma]
        pick: gamma
    """,
}


def dedent(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


@dataclass
class Site:
    """A site folder in a temp dir, with helpers to build it and read its pages."""

    root: Path
    runner: CliRunner

    @property
    def public(self) -> Path:
        return self.root / "public"

    def write(self, rel: str, text: str | bytes) -> Path:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(dedent(text), encoding="utf-8")
        return path

    def technique(self, slug: str, text: str) -> Path:
        return self.write(f"comparisons/techniques/{slug}.yaml", text)

    def comparison(self, name: str, text: str) -> Path:
        return self.write(f"comparisons/{name}.yaml", text)

    def remove(self, rel: str) -> None:
        (self.root / rel).unlink()

    def build(self, *args: str, expect: int | None = 0) -> Result:
        result = self.runner.invoke(main, ["build", "--source", str(self.root), "-q", *args])
        if expect is not None:
            assert result.exit_code == expect, result.output + repr(result.exception)
        return result

    def page(self, url_path: str) -> BeautifulSoup:
        return soup(self.public, url_path)

    def text(self, url_path: str) -> str:
        return " ".join(self.page(url_path).get_text(" ").split())


def soup(public: Path, url_path: str) -> BeautifulSoup:
    path = public / url_path.strip("/")
    if url_path.endswith("/") or url_path == "":
        path = path / "index.html"
    return BeautifulSoup(path.read_text("utf-8"), "html.parser")


@pytest.fixture(autouse=True)
def own_cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test keeps its checked comparisons (incremental/kept.py) in its own folder, not in
    the user's: tests must not see each other's, nor leave theirs behind."""
    monkeypatch.setenv("NICEPICK_CACHE_DIR", str(tmp_path / "nicepick-cache"))
    # Temporary files too (render records, recordfiles.py): a build a test kills outright
    # leaves its folder in the test's own folder, not in the machine's.
    temporary = tmp_path.with_name(f"{tmp_path.name}-temporary")  # beside: tests list tmp_path
    temporary.mkdir(exist_ok=True)
    monkeypatch.setenv("TMPDIR", str(temporary))
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))


@pytest.fixture
def site_factory(tmp_path: Path) -> Callable[..., Site]:
    """`site_factory(files)` writes a site; with no files, the small default site above."""

    def make(
        files: dict[str, str] | None = None,
        *,
        defaults: bool = True,
        config: str | None = "title: Test Picks\nbase_url: https://example.org/\n",
    ) -> Site:
        root = tmp_path / "site"
        root.mkdir(exist_ok=True)
        site = Site(root, CliRunner())
        if config is not None:
            site.write("nicepick.yaml", config)
        if defaults:
            for slug, text in TECHNIQUES.items():
                site.technique(slug, text)
            for name, text in COMPARISONS.items():
                site.comparison(name, text)
        for rel, text in (files or {}).items():
            site.write(rel, text)
        return site

    return make


@pytest.fixture
def site(site_factory: Callable[..., Site]) -> Site:
    return site_factory()


def internal_links(public: Path, base_path: str = "/") -> dict[str, set[str]]:
    """Every internal href/src of every HTML page, by the page it appears on."""
    found: dict[str, set[str]] = {}
    for page in sorted(public.rglob("*.html")):
        doc = BeautifulSoup(page.read_text("utf-8"), "html.parser")
        links = set()
        for tag in doc.find_all(["a", "link", "script", "img"]):
            url = tag.get("href") or tag.get("src")
            if not url or urlsplit(url).scheme or url.startswith("#"):
                continue
            links.add(url)
        found[page.relative_to(public).as_posix()] = links
    return found


def broken_links(public: Path, base_path: str = "/") -> list[str]:
    """Internal links that do not resolve to a file the way a static host would serve them."""
    broken = []
    for page, links in internal_links(public).items():
        for url in links:
            path = unquote(urlsplit(url).path)
            if not path.startswith(base_path):
                broken.append(f"{page}: {url} (outside {base_path})")
                continue
            rel = path[len(base_path) :]
            target = public / rel
            if rel == "" or rel.endswith("/"):
                target = target / "index.html"
            if not target.is_file():
                broken.append(f"{page}: {url}")
    return sorted(broken)
