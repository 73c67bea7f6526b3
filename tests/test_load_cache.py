"""`build` keeps checked comparisons and techniques between runs and reads only files that
changed. Whatever
it takes from the cache, the site must be the one a build without it gives, and every mistake
must still be reported, with its line."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import pytest
from conftest import Site
from test_parallel_load import tree

from nicepick import cachefolder, processes, sources
from nicepick.incremental import kept as kept_comparisons


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The comparison files each build parses, in order."""
    seen: list[str] = []
    real = sources.load_file

    def counting(path: Path, shown: str, *rest: object, **options: bool) -> sources.Document | None:
        if "/techniques/" not in shown and shown.startswith("comparisons/"):
            seen.append(shown)
        return real(path, shown, *rest, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(sources, "load_file", counting)
    return seen


@pytest.fixture
def parsed_techniques(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The technique files each build parses (in this process), in order."""
    seen: list[str] = []
    real = sources.load_file

    def counting(path: Path, shown: str, *rest: object, **options: bool) -> sources.Document | None:
        if shown.startswith("comparisons/techniques/"):
            seen.append(shown)
        return real(path, shown, *rest, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(sources, "load_file", counting)
    return seen


@pytest.fixture
def in_workers(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The names of the files each `Workers.map` was given, on two cores."""
    monkeypatch.setattr(processes.os, "cpu_count", lambda: 2)
    given: list[list[str]] = []
    real = processes.Workers.map

    def noting(self: processes.Workers, work: Any, items: list[Path]) -> list[Any]:
        given.append(sorted(p.name for p in items))
        return real(self, work, items)

    monkeypatch.setattr(processes.Workers, "map", noting)
    return given


def touch(path: Path, text: str) -> None:
    """Rewrite a file so its mtime moves even on coarse clocks."""
    stat = path.stat()
    path.write_text(text)
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10_000_000_000))


def test_a_rebuild_reads_only_the_changed_comparison(
    site: Site, tmp_path: Path, parsed: list[str]
) -> None:
    site.build()
    assert sorted(parsed) == ["comparisons/alpha-vs-beta.yaml", "comparisons/beta-vs-gamma.yaml"]
    assert cachefolder.cache_folder().is_relative_to(tmp_path), "each test keeps its own"
    parsed.clear()
    edited = site.root / "comparisons/alpha-vs-beta.yaml"
    touch(edited, edited.read_text() + "verdict: Alpha, for its plain fixtures.\n")
    site.build()
    assert parsed == ["comparisons/alpha-vs-beta.yaml"]
    assert "Alpha, for its plain fixtures." in site.text("compare/alpha-vs-beta/")
    assert "Editorial" in site.text("compare/alpha-vs-beta/")
    clean = tmp_path / "clean"
    parsed.clear()
    site.build("--clean", "--output", str(clean))
    assert len(parsed) == 2, "--clean reads every file"
    assert tree(clean) == tree(site.public)


def test_a_technique_change_that_moves_references_reads_every_comparison(
    site: Site, parsed: list[str]
) -> None:
    site.comparison("beta-vs-gamma", "compare: [beta, gamma]\npick: gamma\n")
    site.comparison("alpha-vs-gamma", "compare: [alpha-classic, gamma]\n")  # by alias
    site.build()
    parsed.clear()
    alpha = site.root / "comparisons/techniques/alpha.yaml"
    touch(alpha, alpha.read_text().replace("aliases: [alpha-classic]\n", ""))
    result = site.build(expect=1)
    assert len(parsed) == 3
    assert result.output.startswith(
        "comparisons/alpha-vs-gamma.yaml:1: unknown technique 'alpha-classic'"
    )


def test_a_technique_text_edit_reads_no_comparison(site: Site, parsed: list[str]) -> None:
    site.build()
    parsed.clear()
    beta = site.root / "comparisons/techniques/beta.yaml"
    touch(beta, beta.read_text().replace("verbose", "long-winded"))
    site.build()
    assert parsed == []
    assert "long-winded" in site.text("compare/alpha-vs-beta/")


def test_a_rebuild_reads_only_the_changed_technique(
    site: Site, tmp_path: Path, parsed_techniques: list[str]
) -> None:
    site.build()
    every = sorted(parsed_techniques)
    assert len(every) == 3
    parsed_techniques.clear()
    beta = site.root / "comparisons/techniques/beta.yaml"
    touch(beta, beta.read_text().replace("verbose", "long-winded"))
    site.build()
    assert parsed_techniques == ["comparisons/techniques/beta.yaml"]
    assert "long-winded" in site.text("tools/beta/")
    assert "long-winded" in site.text("compare/alpha-vs-beta/")
    parsed_techniques.clear()
    clean = tmp_path / "clean"
    site.build("--clean", "--output", str(clean))
    assert sorted(parsed_techniques) == every, "--clean reads every file"
    assert tree(clean) == tree(site.public)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (  # a problem that still leaves a technique for the rest of the site to refer to
            "name: Delta\nsummary: Reach for Delta when …\n",
            "comparisons/techniques/delta.yaml:2: 'summary' still holds the placeholder",
        ),
        (
            "name: Delta\nsumary: Reach for Delta.\n",
            "comparisons/techniques/delta.yaml:2: unknown key 'sumary' in a technique file",
        ),
    ],
    ids=["placeholder", "unknown field"],
)
def test_a_technique_with_a_problem_is_reported_on_every_build(
    site: Site, parsed_techniques: list[str], text: str, problem: str
) -> None:
    site.build()
    site.technique("delta", text)
    for _ in range(2):
        parsed_techniques.clear()
        result = site.build(expect=1)
        assert parsed_techniques == ["comparisons/techniques/delta.yaml"]
        assert result.output.startswith(problem), result.output


def test_techniques_kept_for_other_model_fields_are_not_reused(
    site: Site, parsed_techniques: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    site.build()
    before = tree(site.public)
    monkeypatch.setattr(
        kept_comparisons,
        "_TECHNIQUE_FORMAT",
        kept_comparisons._TECHNIQUE_FORMAT + ",a_field_of_another_day",
    )
    beta = site.root / "comparisons/techniques/beta.yaml"
    touch(beta, beta.read_text())
    parsed_techniques.clear()
    site.build()
    assert len(parsed_techniques) == 3
    assert tree(site.public) == before


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (
            "compare: [alpha, gamma]\npick: beta\n",
            "comparisons/alpha-vs-gamma.yaml:2: pick 'beta' is not one of the two compared",
        ),
        ("compare: [alpha, gamma\n", "comparisons/alpha-vs-gamma.yaml:1:10: YAML syntax error"),
    ],
)
def test_a_file_with_a_problem_is_reported_on_every_build(
    site: Site, parsed: list[str], text: str, problem: str
) -> None:
    site.build()
    site.comparison("alpha-vs-gamma", text)
    for _ in range(2):
        parsed.clear()
        result = site.build(expect=1)
        assert parsed == ["comparisons/alpha-vs-gamma.yaml"]
        assert result.output.startswith(problem), result.output
        assert "Traceback" not in result.output


def test_a_pair_written_twice_is_caught_from_the_cache(site: Site) -> None:
    site.build()
    site.comparison("zz-again", "compare: [beta, alpha]\n")
    result = site.build(expect=1)
    assert result.output.startswith(
        "comparisons/zz-again.yaml:1: beta and alpha are already "
        "compared in comparisons/alpha-vs-beta.yaml:1"
    )


def test_a_removed_comparison_is_gone(site: Site) -> None:
    site.build()
    site.remove("comparisons/beta-vs-gamma.yaml")
    site.build()
    assert not (site.public / "compare/beta-vs-gamma").exists()
    assert "Gamma" not in site.text("compare/alpha-vs-beta/")


@pytest.mark.parametrize("damage", ["garbage", "empty", "a folder in its place"])
def test_a_broken_cache_only_costs_time(site: Site, parsed: list[str], damage: str) -> None:
    site.build()
    before = tree(site.public)
    (cache_file,) = cachefolder.cache_folder().glob("comparisons-*.pickle")
    if damage == "garbage":
        cache_file.write_bytes(b"\x80\x05not a pickle at all")
    elif damage == "empty":
        cache_file.write_bytes(b"")
    else:  # neither readable nor replaceable
        cache_file.unlink()
        (cache_file / "inside").mkdir(parents=True)
    both = ["comparisons/alpha-vs-beta.yaml", "comparisons/beta-vs-gamma.yaml"]
    edited = site.root / "comparisons/alpha-vs-beta.yaml"
    unusable = damage == "a folder in its place"
    for expected in (both, both if unusable else both[:1]):
        touch(edited, edited.read_text())  # so that no build stops at the up-to-date check
        parsed.clear()
        site.build()
        # First the damaged cache is passed over; then it was written anew, where it could
        # be, and only the touched file is read.
        assert sorted(parsed) == expected
        assert tree(site.public) == before


def test_large_sites_parse_only_the_missing_files_in_workers(
    site: Site, monkeypatch: pytest.MonkeyPatch, in_workers: list[list[str]]
) -> None:
    monkeypatch.setitem(processes.FORK_FROM, "comparisons", 2)
    for n in range(4):
        site.technique(f"extra-{n}", f"name: Extra {n}\nsummary: Reach for it.\npopularity: {n}\n")
        site.comparison(f"alpha-vs-extra-{n}", f"compare: [alpha, extra-{n}]\n")
    site.build()
    first = tree(site.public)
    for n in (1, 3):
        path = site.root / f"comparisons/alpha-vs-extra-{n}.yaml"
        touch(path, path.read_text() + f"pick: extra-{n}\n")
    site.build()
    assert len(in_workers[0]) == 6
    assert in_workers[1] == ["alpha-vs-extra-1.yaml", "alpha-vs-extra-3.yaml"]
    after = tree(site.public)
    assert after != first
    assert site.page("compare/alpha-vs-extra-1/").find(class_="pick-name").text == "Extra 1"


def test_a_cache_written_for_other_model_fields_is_not_reused(
    site: Site, parsed: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Kept comparisons are stored field by field: a cache written when the model had other
    fields (a nicepick of another day) must be read as no cache, never put into the wrong
    fields (an 'updated' that was a boolean broke the feed that way)."""
    site.build()
    before = tree(site.public)
    monkeypatch.setattr(
        kept_comparisons, "_FORMAT", kept_comparisons._FORMAT + ",a_field_of_another_day"
    )
    parsed.clear()
    touch(
        site.root / "comparisons/alpha-vs-beta.yaml",
        (site.root / "comparisons/alpha-vs-beta.yaml").read_text(),
    )
    site.build()
    assert sorted(parsed) == ["comparisons/alpha-vs-beta.yaml", "comparisons/beta-vs-gamma.yaml"]
    assert tree(site.public) == before
    assert "a_field_of_another_day" not in kept_comparisons._FORMAT.split(",")[0]
    assert all(f in kept_comparisons._FORMAT for f in ("updated", "relation", "generated"))


def test_a_comparison_crosses_processes_and_builds_whole() -> None:
    """Comparisons come back from forked workers and out of the kept cache pickled (their
    own __reduce__): every field survives, whichever is set."""
    import datetime
    import pickle
    from dataclasses import fields

    from nicepick.models import COMPLEMENTS, Comparison

    values = {
        "first": "a",
        "second": "b",
        "pick": "b",
        "reason": "Because.",
        "relation": COMPLEMENTS,
        "relation_given": True,
        "generated": True,
        "verdict": "V",
        "choose_if": {"a": ("when it rains",)},
        "bottom_line": "B",
        "intro": "I",
        "body": "Body",
        "updated": datetime.date(2026, 12, 6),
        "draft": True,
        "extra": {"x": 1},
        "source": "comparisons/a-vs-b.yaml",
        "line": 3,
        "lines": {"compare": 1},
    }
    assert set(values) == {f.name for f in fields(Comparison)}, "a field this test misses"
    original = Comparison(**values)  # type: ignore[arg-type]
    copy = pickle.loads(pickle.dumps(original, protocol=pickle.HIGHEST_PROTOCOL))
    assert {f.name: getattr(copy, f.name) for f in fields(Comparison)} == values


def test_large_sites_check_only_the_changed_techniques_in_workers(
    site: Site, monkeypatch: pytest.MonkeyPatch, in_workers: list[list[str]]
) -> None:
    monkeypatch.setitem(processes.FORK_FROM, "techniques", 2)
    site.build()
    assert in_workers == [["alpha.yaml", "beta.yaml", "gamma.yaml"]]
    for slug in ("alpha", "gamma"):
        path = site.root / f"comparisons/techniques/{slug}.yaml"
        touch(path, path.read_text().replace("Reach for", "Pick"))
    site.build()
    assert in_workers[1:] == [["alpha.yaml", "gamma.yaml"]]
    assert "Pick Gamma when" in site.text("compare/beta-vs-gamma/")
    assert "Reach for Beta" in site.text("compare/beta-vs-gamma/")


def test_kept_files_take_their_stamps_from_the_up_to_date_check(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The up-to-date check has just stat-ed every content file: loading asks it, and stats
    none of them again (100,000 calls at 100,000 comparisons)."""
    site.build()
    stat_again: list[Path] = []
    real = kept_comparisons._stamp

    def counting(path: Path) -> tuple[int, int] | None:
        stat_again.append(path)
        return real(path)

    monkeypatch.setattr(kept_comparisons, "_stamp", counting)
    beta = site.root / "comparisons/techniques/beta.yaml"
    touch(beta, beta.read_text().replace("verbose", "long-winded"))
    site.build()
    assert stat_again == []
    assert "long-winded" in site.text("compare/alpha-vs-beta/")


def test_a_large_kept_file_is_written_aside_and_whole_when_the_build_ends(
    site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parsed: list[str]
) -> None:
    """From WRITTEN_ASIDE_FROM entries the kept comparisons are written by a forked process
    while the build goes on; the build waits for it (and collects it) before it renders, so
    the next build finds the file whole."""
    monkeypatch.setattr(processes.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(kept_comparisons, "WRITTEN_ASIDE_FROM", 2)
    writers = tmp_path / "writers"
    real = kept_comparisons._Kept._write

    def noting(self: Any, entries: Any) -> None:
        real(self, entries)
        with open(writers, "a") as handle:  # the writer may be another process
            handle.write(f"{os.getpid()} {len(entries)} {self.file.name.split('-')[0]}\n")

    monkeypatch.setattr(kept_comparisons._Kept, "_write", noting)
    site.build()
    lines = [line.split() for line in writers.read_text().splitlines()]
    comparisons = [line for line in lines if line[2] == "comparisons"]
    assert [int(count) for _, count, _ in comparisons] == [2]
    pid = int(comparisons[0][0])
    assert pid != os.getpid(), "written by a forked process"
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # collected by the build, not left a zombie
    parsed.clear()
    edited = site.root / "comparisons/alpha-vs-beta.yaml"
    touch(edited, edited.read_text() + "verdict: Alpha, for its plain fixtures.\n")
    site.build()
    assert parsed == ["comparisons/alpha-vs-beta.yaml"], "the other file was kept, whole"
    assert "Alpha, for its plain fixtures." in site.text("compare/alpha-vs-beta/")


def test_work_set_aside_runs_elsewhere_and_gives_its_result(tmp_path: Path) -> None:
    done = tmp_path / "done"

    def counting() -> int:
        done.write_text(str(os.getpid()))
        return 70_265

    aside = processes.aside(counting)
    assert aside.result() == 70_265
    assert int(done.read_text()) != os.getpid()
    assert aside.result() == 70_265  # waited for once; the same answer again

    def failing() -> int:
        raise RuntimeError("a bug there")

    assert processes.aside(failing).result() is None  # the caller counts for itself

    def endless() -> int:
        while True:
            time.sleep(0.05)

    stopped = processes.aside(endless)
    started = time.monotonic()
    stopped.stop()  # killed, not waited for: its signals are held, SIGKILL is not
    assert time.monotonic() - started < 5
    with pytest.raises(ChildProcessError):
        os.waitpid(stopped.pid, os.WNOHANG)  # type: ignore[attr-defined]
