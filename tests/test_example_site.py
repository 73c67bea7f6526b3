"""The repository's own site: builds cleanly, and has what the README promises."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner
from conftest import REPO, broken_links, soup

from nicepick.cli import main


def build_example(tmp_path: Path) -> Path:
    site = tmp_path / "example"
    shutil.copytree(REPO / "comparisons", site / "comparisons")
    shutil.copy(REPO / "nicepick.yaml", site / "nicepick.yaml")
    result = CliRunner().invoke(main, ["build", "--source", str(site), "-q"])
    assert result.exit_code == 0, result.output
    return site / "public"


def test_example_site_builds_with_every_promised_page(tmp_path: Path) -> None:
    public = build_example(tmp_path)
    techniques = json.loads((public / "api/techniques.json").read_text())
    comparisons = json.loads((public / "api/comparisons.json").read_text())
    assert len(techniques) >= 12
    assert len({t["category"] for t in techniques}) >= 2
    assert len(comparisons) >= 15
    pairs = {tuple(c["compare"]) for c in comparisons}
    assert ("batch-normalization", "instance-normalization") in pairs
    assert ("batch-normalization", "gradient-normalization") in pairs
    assert any(c["editorial"] for c in comparisons)
    kinds = {t["slug"]: t["kind"] for t in techniques}
    assert any(kinds[a] != kinds[b] for a, b in pairs)
    editorial = soup(public, "compare/layer-normalization-vs-batch-normalization/")
    assert len(editorial.find(class_="editorial-body").find_all("h3")) >= 3
    assert broken_links(public) == []


def test_repository_root_builds_into_public(tmp_path: Path) -> None:
    output = tmp_path / "public"
    result = CliRunner().invoke(
        main, ["build", "--source", str(REPO), "--output", str(output), "-q"]
    )
    assert result.exit_code == 0, result.output
    assert (output / "index.html").is_file()
    assert len(list((output / "assets/hashed").glob("style.*.css"))) == 1


def test_no_example_comparison_repeats_a_sentence(tmp_path: Path) -> None:
    import re
    from collections import Counter

    public = build_example(tmp_path)
    pages = sorted((public / "compare").glob("*/index.html"))
    checked = 0
    for page in pages:
        doc = soup(public, page.parent.relative_to(public).as_posix() + "/")
        if doc.find("meta", attrs={"http-equiv": "refresh"}):
            continue
        main = doc.find("main")
        for nav in main.find_all("nav"):
            nav.decompose()
        text = " ".join(main.get_text(" ").split())
        counts = Counter(s for s in re.split(r"(?<=[.!?])\s+", text) if len(s) > 25)
        assert [s for s, n in counts.items() if n > 1] == [], page
        checked += 1
    assert checked >= 15


def test_every_example_technique_has_declared_facts(tmp_path: Path) -> None:
    """Each comparison answers "which is newer, which license, which runs as a server" in
    its facts table, with nicepick.yaml's labels."""
    import yaml

    declared = yaml.safe_load((REPO / "nicepick.yaml").read_text())["facts"]
    public = build_example(tmp_path)
    for technique in json.loads((public / "api/techniques.json").read_text()):
        assert technique["facts"], technique["slug"]
        assert set(technique["facts"]) <= set(declared), technique["slug"]
    facts = soup(public, "compare/postgresql-vs-sqlite/").find(class_="facts")
    assert [th.get_text() for th in facts.thead.find_all("th")] == ["PostgreSQL", "SQLite"]
    rows = {
        tr.th.get_text(): [td.get_text() for td in tr.find_all("td")]
        for tr in facts.tbody.find_all("tr")
    }
    assert rows["First release"] == ["8 July 1996", "17 August 2000"]
    assert rows["License"] == ["PostgreSQL License (permissive)", "Public domain"]
    assert rows["Runs as a server"] == ["Yes", "No"]
