"""Large sites render in this process and forked workers at once, all taking chunks of pages.
The result must be the one a single process gives, byte for byte, whichever process rendered
a page; a template mistake on any page stops the build with its file and line, as it would
serially."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO, Site
from test_parallel_load import tree

from nicepick import cardplans, processes, recordfiles, render, sharecard
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


@pytest.mark.parametrize("before", ["no build", "a build whose output was removed"])
def test_a_full_parallel_build_draws_every_band_before_rendering(
    site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, before: str
) -> None:
    """The names and headlines on the cards are drawn once, shared out among the processes,
    before the pages are: no process draws one while rendering (each would draw nearly all of
    them), and the cards are those a single process draws. So too after `rm -rf public`:
    the last build's record beside it stays, but none of its cards is left to keep."""
    serial, parallel = tmp_path / "serial", tmp_path / "parallel"
    site.build("--output", str(serial))
    if before != "no build":
        site.build("--output", str(parallel))
        shutil.rmtree(parallel)
    render_in_two_processes(tmp_path, monkeypatch)
    monkeypatch.setitem(processes.FORK_FROM, "bands", 1)
    monkeypatch.setattr(cardplans, "_MAKER", None)  # none of the serial build's bands
    drawn_ahead = cardplans.draw_ahead
    shares: list[int] = []
    real_map = processes.Workers.map

    def noting_map(self: processes.Workers, work: Any, items: list[Any]) -> list[Any]:
        results = real_map(self, work, items)
        shares.append(len(results))
        return results

    def then_no_more(d: Any, workers: Any) -> None:
        drawn_ahead(d, workers)

        def refuse(*args: Any) -> None:
            raise AssertionError(f"a band drawn while rendering: {args[1]!r}")

        monkeypatch.setattr(sharecard.Band, "draw", staticmethod(refuse))

    monkeypatch.setattr(processes.Workers, "map", noting_map)
    monkeypatch.setattr(cardplans, "draw_ahead", then_no_more)
    site.build("--output", str(parallel))
    assert shares and shares[-1] > 1, "the bands were drawn in forked workers"
    assert tree(parallel) == tree(serial)
    assert any(p.suffix == ".png" for p in parallel.rglob("*"))


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


def test_records_are_set_aside_until_the_workers_are_done(
    site: Site, chunk_log: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each chunk's records go to a file, not into the building process, while the workers
    run; they are read back once, and the folder they were kept in is removed."""
    aside = Path(tempfile.gettempdir())  # conftest.own_cache_folder: this test's own
    seen: list[list[tuple[bool, int]]] = []
    real_merged = recordfiles.merged

    def merged(parts: list[recordfiles.RenderResult]) -> recordfiles.RenderResult:
        seen.append([(os.path.isfile(p.spilled), len(p.files)) for p in parts])
        return real_merged(parts)

    monkeypatch.setattr(recordfiles, "merged", merged)
    site.build()
    assert seen == [[(True, 0)] * 12], "every chunk's records were in a file, none held"
    assert list(aside.iterdir()) == []
    manifest = read_manifest(site.public)
    assert manifest is not None
    assert set(manifest.files) == {
        p.relative_to(site.public).as_posix() for p in site.public.rglob("*") if p.is_file()
    }


def test_records_are_held_where_no_file_can_take_them(
    site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No temporary folder, or a file in it that cannot be written: the records are held
    as before, and the site is the one a single process builds."""
    serial = tmp_path / "serial"
    site.build("--output", str(serial))
    render_in_two_processes(tmp_path, monkeypatch)
    temporary = tempfile.tempdir
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "no such folder"))
    site.build("--output", str(tmp_path / "no-folder"))
    monkeypatch.setattr(tempfile, "tempdir", temporary)

    def full_disk(*args: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(recordfiles.pickle, "dump", full_disk)
    site.build("--output", str(tmp_path / "full-disk"))
    for other in ("no-folder", "full-disk"):
        assert tree(tmp_path / other) == tree(serial)
        expected, built = read_manifest(serial), read_manifest(tmp_path / other)
        assert expected is not None and built is not None
        assert built.files == expected.files


def test_records_lost_while_building_stop_the_build_cleanly(
    site: Site, chunk_log: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site.build()
    before = {p: p.read_bytes() for p in site.public.rglob("*") if p.is_file()}
    site.technique("gamma", "name: Gamma\nsummary: Reach for Gamma to measure coverage.\n")
    real_merged = recordfiles.merged

    def cleaned_away(parts: list[recordfiles.RenderResult]) -> recordfiles.RenderResult:
        os.remove(parts[3].spilled)  # as a cleaner of old temporary files might
        return real_merged(parts)

    monkeypatch.setattr(recordfiles, "merged", cleaned_away)
    result = site.build(expect=1)
    assert "Traceback" not in result.output
    line, summary = result.output.strip().splitlines()
    assert "the records of rendered pages could not be read back (No such file" in line
    assert "build again" in line
    assert summary == "1 problem found; nothing was written."
    assert {p: p.read_bytes() for p in site.public.rglob("*") if p.is_file()} == before


def test_a_killed_builds_records_are_removed_by_the_next(site: Site, chunk_log: Path) -> None:
    """A build killed outright cannot remove its records folder; the next parallel build
    removes every such folder whose process is gone, and no other."""
    temporary = Path(tempfile.gettempdir())  # conftest.own_cache_folder: this test's own
    gone = temporary / f"{recordfiles.FOLDER_PREFIX}{2**22 + 1}-abc"  # past any pid_max
    running = temporary / f"{recordfiles.FOLDER_PREFIX}{os.getpid()}-def"
    unrelated = temporary / "nicepick-records-of-mine"
    for folder in (gone, running, unrelated):
        folder.mkdir()
        (folder / "0-12").write_bytes(b"records")
    site.build()
    assert sorted(p.name for p in temporary.iterdir()) == sorted([running.name, unrelated.name])


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="zombies show in /proc")
def test_the_records_of_a_killed_build_not_yet_reaped_are_removed(
    site: Site, chunk_log: Path
) -> None:
    """A process killed outright stays in the process table until its parent reaps it (a
    zombie); one whose parent is a container's init can stay a while. It holds nothing: its
    folder is removed as if it were gone."""
    temporary = Path(tempfile.gettempdir())  # conftest.own_cache_folder: this test's own
    ended = subprocess.Popen([sys.executable, "-c", "pass"])  # not reaped until the end
    try:
        stat = Path(f"/proc/{ended.pid}/stat")
        deadline = time.monotonic() + 10
        while stat.read_bytes().rsplit(b")", 1)[1].split()[0] != b"Z":
            assert time.monotonic() < deadline, "the child did not end"
            time.sleep(0.01)
        left = temporary / f"{recordfiles.FOLDER_PREFIX}{ended.pid}-abc"
        left.mkdir()
        site.build()
        assert not left.exists()
    finally:
        ended.wait()


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


def test_the_checked_site_is_set_aside_from_collections_before_rendering(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Once checked, the site lives to the end of the build: the objects made until then are
    frozen (processes.Workers.settle), so no collection of young objects looks at them again
    while pages render. Rendering must find them frozen, and the build must leave nothing
    frozen behind it: a process that goes on (tests build in-process) would keep its garbage."""
    import gc

    frozen: list[int] = []

    def noting(*args: Any) -> render.RenderResult:
        frozen.append(gc.get_freeze_count())
        return _real_render_pages(*args)

    monkeypatch.setattr(render, "render_pages", noting)
    monkeypatch.setattr(processes.os, "cpu_count", lambda: 1)  # rendered here: no pool
    gc.unfreeze()
    site.build()
    assert frozen and min(frozen) > 1000
    assert gc.get_freeze_count() == 0, "the build leaves nothing frozen behind it"


def _shared_check(log: Path, failing: int | None) -> Callable[[int], bool]:
    """A check for processes.all_of that notes which process checked each number, and holds
    each process until the other has noted one: each notes before it waits, so neither waits
    forever, and both surely take part, however late the fork starts."""

    def check(number: int) -> bool:
        with open(log, "a", encoding="utf-8") as handle:
            handle.write(f"{os.getpid()} {number}\n")
        for _ in range(2000):  # 20 s at most: the test then fails rather than hangs
            if any(line.split()[0] != str(os.getpid()) for line in log.read_text().splitlines()):
                break
            time.sleep(0.01)
        return number != failing

    return check


@pytest.mark.parametrize("failing", [None, 0, 1, 11, 22, 23])
def test_both_processes_share_a_check_and_skip_no_number(
    tmp_path: Path, failing: int | None
) -> None:
    """processes.all_of: the forked process takes numbers from the front and this one from
    the back; together they check every number, so a failure anywhere is found."""
    log = tmp_path / "checked.log"
    log.write_text("")
    answer = processes.all_of(_shared_check(log, failing), 24)()
    assert answer is (failing is None)
    checked = [line.split() for line in log.read_text().splitlines()]
    pids = {pid for pid, _ in checked}
    assert str(os.getpid()) in pids and len(pids) == 2, "both processes checked numbers"
    if failing is None:
        assert {int(n) for _, n in checked} == set(range(24))
        assert len(checked) <= 25, "each number checked once, but one where they met"


def test_an_error_in_this_process_stops_and_collects_the_other(tmp_path: Path) -> None:
    """An error of ours while this process checks its end is raised as it is, and the forked
    process is stopped and collected, not left behind."""
    log = tmp_path / "checked.log"
    log.write_text("")
    parent = os.getpid()
    noting = _shared_check(log, None)

    def check(number: int) -> bool:
        noting(number)
        if os.getpid() == parent:
            raise LookupError("a bug of ours")
        return True

    with pytest.raises(LookupError):
        processes.all_of(check, 24)()
    forked = {int(pid) for pid, _ in (line.split() for line in log.read_text().splitlines())}
    (child,) = forked - {parent}
    with pytest.raises(ProcessLookupError):
        os.kill(child, 0)  # collected: not even a zombie is left
