"""The prose check over every composed comparison page of two real sites.

`tests/sites/stress/` is a site written the way real editors write (64 techniques from ten
fields, 73 comparison files, dynamic pairs on); `tests/sites/second/` another, written later
by someone who had not seen the composer (36 techniques, 41 files, five other fields); the
repository's own example site is the third. Neither may publish a sentence an editor would have
to fix: see support/prose_check.py.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import REPO
from support.prose_check import findings, read_pages

from nicepick.cli import main

SITES = {
    "stress corpus": REPO / "tests" / "sites" / "stress",
    "second corpus": REPO / "tests" / "sites" / "second",
    "example site": REPO,
}


def build(source: Path, output: Path) -> None:
    result = CliRunner().invoke(
        main, ["build", "--source", str(source), "--output", str(output), "--clean", "-q"]
    )
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("name", sorted(SITES))
def test_composed_pages_read_as_an_editor_would_publish_them(name: str, tmp_path: Path) -> None:
    build(SITES[name], tmp_path / "public")
    pages = read_pages(SITES[name], tmp_path / "public")
    assert len(pages) >= {"stress corpus": 90, "second corpus": 50}.get(name, 15)
    assert findings(SITES[name], tmp_path / "public") == []


def test_the_stress_corpus_covers_what_editors_write() -> None:
    site = SITES["stress corpus"]
    techniques = list((site / "comparisons/techniques").glob("*.yaml"))
    comparisons = [p for p in (site / "comparisons").glob("*.yaml")]
    assert len(techniques) >= 40 and len(comparisons) >= 60
    text = "\n".join(p.read_text() for p in [*techniques, *comparisons])
    for needle in (
        "name: npm",
        "name: 7-Zip",
        "name: gRPC",
        "name: HTTP/2",
        "name: Node.js",
        "name: ASP.NET Core",
        "relation: complements",
        "reason:",
        "e.g.",
        "vs.",
        "!\n",
        "dynamic_pairs" if False else "choose_if:",
    ):
        assert needle in text, needle
    assert "dynamic_pairs: category" in (site / "nicepick.yaml").read_text()


def test_the_check_catches_what_it_is_for(tmp_path: Path) -> None:
    """Tampered pages: each planted slip must be reported."""
    site = tmp_path / "site"
    shutil.copytree(REPO / "comparisons", site / "comparisons")
    shutil.copy(REPO / "nicepick.yaml", site / "nicepick.yaml")
    build(site, tmp_path / "public")
    assert findings(site, tmp_path / "public") == []
    page = tmp_path / "public/compare/postgresql-vs-mysql/index.html"
    html = page.read_text()
    winner = html.index("</h3>", html.index('<section class="bottom-line"')) + len("</h3>")
    planted = (
        "<p>Start with PostgreSQL, tools, etc.. None listed yet. MySQL wins! "
        "we like postgreSQL.</p>"
    )
    page.write_text(html[:winner] + planted + html[winner:])
    sibling = tmp_path / "public/compare/docker-vs-kubernetes/index.html"
    text = sibling.read_text()
    sibling.write_text(text.replace("</h1>", '</h1><p class="decided">Docker wins.</p>', 1))
    found = "\n".join(findings(site, tmp_path / "public"))
    assert "postgresql-vs-mysql: doubled punctuation '..'" in found
    assert "postgresql-vs-mysql: placeholder or seam 'None listed yet'" in found
    assert "postgresql-vs-mysql: lowered name 'postgreSQL'" in found
    assert "docker-vs-kubernetes: says they are not rivals and names a winner" in found
