"""Large sites render in this process and forked workers at once, all taking chunks of pages.
The result must be the one a single process gives, byte for byte, whichever process rendered
a page; a template mistake on any page stops the build with its file and line, as it would
serially."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO, Site
from test_parallel_load import tree

from nicepick import processes, render
from nicepick.manifest import read_manifest

_real_render_pages = render.render_pages


def _noting_render_pages(*args: Any) -> render.RenderResult:
    """render_pages that also notes which process rendered the chunk (a forked worker runs
    the patched module it inherited)."""
    log = os.environ["NICEPICK_TEST_CHUNK_LOG"]
    with open(log, "a", encoding="utf-8") as handle:
        handle.write(f"{os.getpid()}\n")
    return _real_render_pages(*args)


def render_in_two_processes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Render every site from now on in two processes, in small chunks; returns the log of
    which process rendered each chunk."""
    log = tmp_path / "chunks.log"
    log.write_text("")
    monkeypatch.setenv("NICEPICK_TEST_CHUNK_LOG", str(log))
    monkeypatch.setitem(processes.FORK_FROM, "pages", 1)
    monkeypatch.setattr(processes, "CHUNKS_PER_PROCESS", 6)
    monkeypatch.setattr(render, "render_pages", _noting_render_pages)
    monkeypatch.setattr(processes.os, "cpu_count", lambda: 2)
    return log


@pytest.fixture
def chunk_log(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return render_in_two_processes(tmp_path, monkeypatch)


def test_parallel_render_builds_the_same_site(
    site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    serial, parallel = tmp_path / "serial", tmp_path / "parallel"
    site.build("--source", str(REPO), "--output", str(serial))
    log = render_in_two_processes(tmp_path, monkeypatch)
    site.build("--source", str(REPO), "--output", str(parallel))
    pids = log.read_text().split()
    assert len(pids) == 12  # two processes, six chunks each
    assert str(os.getpid()) in pids, "the building process renders its share"
    assert len(set(pids)) == 2, "and one forked worker renders the rest"
    assert tree(parallel) == tree(serial)
    serial_manifest, parallel_manifest = read_manifest(serial), read_manifest(parallel)
    assert serial_manifest is not None and parallel_manifest is not None
    assert parallel_manifest.files == serial_manifest.files


def test_parallel_rebuild_keeps_every_unchanged_page(site: Site, chunk_log: Path) -> None:
    site.build()
    before = {p: p.stat().st_mtime_ns for p in site.public.rglob("*") if p.is_file()}
    site.technique(
        "gamma",
        site.root.joinpath("comparisons/techniques/gamma.yaml")
        .read_text()
        .replace("branch coverage", "line and branch coverage"),
    )
    site.build()
    changed = {
        p for p in site.public.rglob("*") if p.is_file() and p.stat().st_mtime_ns != before.get(p)
    }
    assert "line and branch coverage" in site.page("tools/gamma/").get_text()
    names = {p.relative_to(site.public).as_posix() for p in changed}
    assert "tools/gamma/index.html" in names
    assert "compare/alpha-vs-beta/index.html" not in names, "Gamma's pros are not on it"


@pytest.mark.parametrize("failing", ["every comparison", "one comparison"])
def test_template_error_in_either_process_stops_the_build(
    site: Site, chunk_log: Path, failing: str
) -> None:
    for n in range(12):  # enough pages that both processes render comparisons
        site.technique(f"extra-{n}", f"name: Extra {n}\nsummary: Reach for it.\npopularity: {n}\n")
        site.comparison(f"alpha-vs-extra-{n}", f"compare: [alpha, extra-{n}]\n")
    site.build()
    before = {p: p.read_bytes() for p in site.public.rglob("*") if p.is_file()}
    condition = "true" if failing == "every comparison" else "'-extra-7/' in comparison.path"
    site.write(
        "templates/comparison.html",
        f"""
        {{% extends "default/comparison.html" %}}
        {{% block main %}}
        {{% if {condition} %}}{{{{ comparison.verdictt }}}}{{% endif %}}
        {{{{ super() }}}}
        {{% endblock %}}
    """,
    )
    result = site.build(expect=1)
    lines = result.output.strip().splitlines()
    assert lines[0].startswith("templates/comparison.html:3: template error: ")
    assert "has no attribute 'verdictt'" in lines[0]
    assert "while building /compare/" in lines[0]
    if failing == "one comparison":
        assert "while building /compare/alpha-vs-extra-7/" in lines[0]
    assert "Traceback" not in result.output
    assert {p: p.read_bytes() for p in site.public.rglob("*") if p.is_file()} == before
