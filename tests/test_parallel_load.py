"""Large sites parse and check comparison files in forked workers. The result must be the one a
single process gives: the same pages byte for byte, and the same problems, all at once."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import REPO, Site

from nicepick import processes


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.name.startswith(".")
    }


def force_parallel(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Make every build load techniques, then comparisons, in two forked workers; returns
    the file counts each saw."""
    calls: list[int] = []
    real = processes.Workers.map
    monkeypatch.setitem(processes.FORK_FROM, "techniques", 2)
    monkeypatch.setitem(processes.FORK_FROM, "comparisons", 2)
    monkeypatch.setattr(processes.os, "cpu_count", lambda: 2)

    def counting(self: processes.Workers, work: Any, items: list[Any]) -> list[Any]:
        calls.append(len(items))
        return real(self, work, items)

    monkeypatch.setattr(processes.Workers, "map", counting)
    return calls


def test_parallel_load_builds_the_same_site(
    site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    serial, parallel = tmp_path / "serial", tmp_path / "parallel"
    site.build("--source", str(REPO), "--output", str(serial))
    calls = force_parallel(monkeypatch)
    site.build("--source", str(REPO), "--output", str(parallel), "--clean")  # reads every file
    assert calls == [
        len(list((REPO / "comparisons/techniques").glob("*.yaml"))),
        len(list((REPO / "comparisons").glob("*.yaml"))),
    ]
    assert tree(parallel) == tree(serial)


def test_parallel_load_reports_every_problem_in_order(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    site.comparison("alpha-vs-nobody", "compare: [alpha, nobody]\n")
    site.comparison("beta-vs-beta", "compare: [beta, beta]\n")
    site.comparison("broken", "compare: [alpha\n")
    site.comparison("zz-alpha-vs-beta-again", "compare: [beta, alpha]\n")
    site.technique("zeta", "name: Zeta\nkind: tool\nsummary: Z.\naliases: [alpha]\n")
    serial = site.build(expect=1).output
    calls = force_parallel(monkeypatch)
    parallel = site.build("--clean", expect=1).output  # reads every file
    assert calls == [4, 6]  # technique files, then comparison files
    assert parallel == serial
    lines = serial.strip().splitlines()
    assert len(lines) == 6, lines  # five problems, then the summary
    assert lines[3] == (
        "comparisons/techniques/zeta.yaml:4: alias 'alpha' is the slug of "
        "comparisons/techniques/alpha.yaml (remove the alias)"
    )
    assert lines[0].startswith("comparisons/alpha-vs-nobody.yaml:1: unknown technique 'nobody'")
    assert lines[4].startswith(
        "comparisons/zz-alpha-vs-beta-again.yaml:1: beta and alpha are "
        "already compared in comparisons/alpha-vs-beta.yaml:1"
    )
