"""Faults during a build: killed processes, concurrent builds, failing disks.

The previous output must stay byte for byte as it was until a new build is completely in
place, and the next build must clean up whatever a killed one left.
"""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import REPO, Site

sys.path.insert(0, str(REPO / "bench"))
from generate import generate

from nicepick.folderswap import STAGING


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): (b"<dir>" if p.is_dir() else p.read_bytes())
        for p in sorted(folder.rglob("*"))
    }


def leftovers(site: Path) -> list[str]:
    """What a build left beside the output besides its record: staging, old site, lock."""
    return sorted(
        p.name
        for p in site.iterdir()
        if p.name.startswith(".public.nicepick") and p.name != ".public.nicepick-manifest.json"
    )


def built(site: Path, *extra: str) -> int:
    """Build `site` in its own process to the end; its exit code."""
    process = run_build(site, *extra)
    process.communicate()
    return process.returncode


def run_build(site: Path, *extra: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "nicepick", "build", "-q", "--source", str(site), *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def built_corpus(
    tmp_path_factory: pytest.TempPathFactory, techniques: int, comparisons: int
) -> Path:
    site = tmp_path_factory.mktemp("corpus") / "site"
    generate(site, techniques=techniques, comparisons=comparisons, seed=7)
    assert built(site) == 0
    return site


@pytest.fixture(scope="module")
def big_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Big enough that a build takes a second or more: room to kill it at several moments
    (700 pages to stage give each moment hundreds of 2 ms polls on any machine)."""
    return built_corpus(tmp_path_factory, 100, 700)


@pytest.fixture(scope="module")
def small_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built_corpus(tmp_path_factory, 30, 150)


def children_of(pid: int) -> set[int]:
    """The processes whose parent is `pid`, read from /proc."""
    found = set()
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as handle:
                fields = handle.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid and fields[0] != b"Z":
            found.add(int(entry))
    return found


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            return handle.read().rsplit(b")", 1)[1].split()[0] != b"Z"
    except OSError:
        return False


def wait_until(predicate, seconds: float = 60.0) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.002)
    return False


def staging_of(site: Path) -> Path | None:
    """The staging folder of the build running into site/public, once it has made one."""
    return next((p for p in site.iterdir() if ".nicepick-staging-" in p.name), None)


def staged_pages(site: Path) -> int:
    staging = staging_of(site)
    return pages_in(staging) if staging else 0


def pages_in(staging: Path) -> int:
    try:
        return sum(1 for _ in os.scandir(staging / "compare"))
    except OSError:
        return 0


def swapping(site: Path, pages: int) -> bool:
    """Every comparison page staged and the staging folder no longer marked partial: the
    build is committing, and the swap comes next (or has just been made)."""
    staging = staging_of(site)
    return (
        staging is not None
        and staged_pages(site) >= pages
        and not (staging / ".nicepick-partial").exists()
    )


def stopped_at(process: subprocess.Popen[bytes], moment: Callable[[], bool]) -> None:
    """Wait until `moment` has come, seen from outside the build; it must not have ended."""
    assert wait_until(lambda: moment() or process.poll() is not None)
    assert process.poll() is None, "the build ended before the moment came"


def prepare(corpus: Path, tmp_path: Path) -> tuple[Path, dict[str, bytes]]:
    """A copy of a built corpus with host files added to its output; then its content edited.

    The output's files are hard links to the corpus's, made in a third of the time of copies
    on a slow disk. Builds never write into an output file, they replace it, so the corpus
    stays as it was built (and a build that did would show as a changed `before`)."""
    import shutil

    site = tmp_path / "site"
    output = str(corpus / "public") + os.sep

    def copy(source: str, target: str) -> None:
        if source.startswith(output):
            os.link(source, target)
        else:
            shutil.copy2(source, target)

    shutil.copytree(corpus, site, symlinks=True, copy_function=copy)
    (site / "public/CNAME").write_text("picks.example.org\n")
    (site / "public/.git").mkdir()
    (site / "public/.git/HEAD").write_text("ref: refs/heads/gh-pages\n")
    before = snapshot(site / "public")
    config = site / "nicepick.yaml"
    config.write_text(config.read_text().replace("Generated Picks", "Renamed Picks"))
    return site, before


def test_sigkill_at_many_moments_never_damages_the_output(big_site: Path, tmp_path: Path) -> None:
    """Killed at each moment of a build, seen from outside it: the output is the old site,
    or (once the swap is done) the complete new one; never a mix."""
    site, before = prepare(big_site, tmp_path)
    pages = sum(1 for _ in os.scandir(site / "public/compare"))
    moments = {
        "the staging folder made": lambda: staging_of(site) is not None,
        "a tenth of the pages staged": lambda: staged_pages(site) >= pages // 10,
        "half the pages staged": lambda: staged_pages(site) >= pages // 2,
        "nine tenths of the pages staged": lambda: staged_pages(site) >= pages * 9 // 10,
        "committing, the swap next": lambda: swapping(site, pages),
    }
    interrupted = 0
    for moment in moments.values():
        process = run_build(site)
        stopped_at(process, moment)
        process.send_signal(signal.SIGKILL)
        process.communicate()
        after = snapshot(site / "public")
        if after == before:
            interrupted += 1
        else:
            # The kill came after the swap: the new site must then be complete.
            assert b"Renamed Picks" in after["index.html"]
            assert after["CNAME"] == before["CNAME"] and after[".git/HEAD"] == before[".git/HEAD"]
            before = after
    assert interrupted >= 4  # every kill before the last landed mid-build
    assert built(site) == 0
    final = snapshot(site / "public")
    assert b"Renamed Picks" in final["index.html"]
    assert final["CNAME"] == b"picks.example.org\n"
    assert leftovers(site) == []


KILL_POINTS = {
    "mid-render": """
        original = writer.StagedOutput.write
        calls = []
        def write(self, path, data, *rest):
            calls.append(path)
            if len(calls) == 100:
                os._exit(9)
            original(self, path, data, *rest)
        writer.StagedOutput.write = write
    """,
    "before-exchange": """
        def exchange(a, b):
            os._exit(9)
        folderswap.exchange_folders = exchange
    """,
    "after-exchange": """
        original = folderswap.exchange_folders
        def exchange(a, b):
            original(a, b)
            os._exit(9)
        folderswap.exchange_folders = exchange
    """,
    "between-fallback-renames": """
        folderswap.exchange_folders = lambda a, b: False
        from pathlib import Path
        original = Path.rename
        def rename(self, target):
            result = original(self, target)
            if ".nicepick-old-" in str(target):
                os._exit(9)
            return result
        Path.rename = rename
    """,
}


@pytest.mark.parametrize("point", sorted(KILL_POINTS))
def test_kill_at_each_critical_point(small_site: Path, tmp_path: Path, point: str) -> None:
    site, before = prepare(small_site, tmp_path)
    script = "import os, sys\nfrom nicepick import folderswap, writer\n"
    script += textwrap.dedent(KILL_POINTS[point])
    script += "from nicepick.cli import main\nsys.argv = ['nicepick', 'build', '-q', '--source', "
    script += f"{str(site)!r}]\nmain()\n"
    assert subprocess.run([sys.executable, "-c", script], check=False).returncode == 9
    if point == "after-exchange":
        after = snapshot(site / "public")  # the new site is complete, host files included
        assert b"Renamed Picks" in after["index.html"]
        assert after["CNAME"] == before["CNAME"] and after[".git/HEAD"] == before[".git/HEAD"]
    elif point == "between-fallback-renames":
        assert not (site / "public").exists()  # the one window the fallback cannot close
    else:
        assert snapshot(site / "public") == before
    assert built(site) == 0  # the next build repairs and completes
    final = snapshot(site / "public")
    assert b"Renamed Picks" in final["index.html"] and final["CNAME"] == b"picks.example.org\n"
    assert final[".git/HEAD"] == before[".git/HEAD"]
    assert leftovers(site) == []


@pytest.mark.parametrize(
    "writer_class, kept_in",
    [("writer.StagedOutput", ".nicepick-staging-"), ("journal.JournalOutput", ".nicepick-journal")],
)
def test_pages_of_a_killed_build_never_become_user_files(
    tmp_path: Path, writer_class: str, kept_in: str
) -> None:
    """A killed build's half-written pages must not be mistaken for files the user added.

    The old site has no tag pages; the killed build has written the first one (a new top-level
    folder). The tag is then removed before the next build: its page must not come back.
    """
    site = tmp_path / "site"
    techniques = site / "comparisons/techniques"
    techniques.mkdir(parents=True)
    (techniques / "alpha.yaml").write_text("name: Alpha\nsummary: A.\n")
    (techniques / "beta.yaml").write_text("name: Beta\nsummary: B.\n")
    (site / "comparisons/alpha-vs-beta.yaml").write_text("compare: [alpha, beta]\npick: alpha\n")
    assert built(site) == 0
    assert not (site / "public/tags").exists()
    (techniques / "alpha.yaml").write_text("name: Alpha\nsummary: A.\nrelated: [fresh]\n")
    extra = [] if writer_class.startswith("journal") else ["--clean"]
    script = f"""import os, sys
from nicepick import journal, writer
original_write, original_keep = {writer_class}.write, {writer_class}.keep
def write(self, path, data, *rest):
    if str(path).startswith("assets/"):  # every page is written; static files come last
        os._exit(9)
    return original_write(self, path, data, *rest)
def keep(self, path, *rest):
    if str(path).startswith("assets/"):
        os._exit(9)
    return original_keep(self, path, *rest)
{writer_class}.write, {writer_class}.keep = write, keep
from nicepick.cli import main
sys.argv = ['nicepick', 'build', '-q', '--source', {str(site)!r}, *{extra!r}]
main()
"""
    assert subprocess.run([sys.executable, "-c", script], check=False).returncode == 9
    (staged,) = [p for p in site.iterdir() if kept_in in p.name]
    assert next(staged.rglob("tags/fresh/index.html")).is_file()
    (techniques / "alpha.yaml").write_text("name: Alpha\nsummary: A.\n")
    assert built(site) == 0
    assert not (site / "public/tags").exists()
    assert leftovers(site) == []


def test_ctrl_c_discards_the_staging_folder(big_site: Path, tmp_path: Path) -> None:
    site, before = prepare(big_site, tmp_path)
    process = run_build(site)
    stopped_at(process, lambda: staged_pages(site) >= 300)  # mid-render
    process.send_signal(signal.SIGINT)
    _, err = process.communicate()
    assert process.returncode != 0 and b"Traceback" not in err
    assert snapshot(site / "public") == before
    assert leftovers(site) == []


def test_a_second_concurrent_build_refuses(big_site: Path, tmp_path: Path) -> None:
    """The first build is held still (SIGSTOP) once it has its lock, the moment its staging
    folder appears; the second runs meanwhile, refuses, and the first then completes."""
    site, _ = prepare(big_site, tmp_path)
    first = run_build(site)
    stopped_at(first, lambda: staging_of(site) is not None)
    first.send_signal(signal.SIGSTOP)
    try:
        second = run_build(site)
        _, err = second.communicate(timeout=60)
    finally:
        first.send_signal(signal.SIGCONT)
    first.communicate()
    assert first.returncode == 0
    assert second.returncode == 1
    assert b"another nicepick build is writing to" in err
    assert b"Renamed Picks" in (site / "public/index.html").read_bytes()


@pytest.mark.parametrize("clean", [False, True], ids=["journal", "staged"])
def test_disk_full_leaves_the_old_site(
    site: Site, monkeypatch: pytest.MonkeyPatch, clean: bool
) -> None:
    """Either way of writing: a few changes in place through the journal, or a new tree."""
    from nicepick import journal, writer

    site.build()
    before = snapshot(site.public)
    site.technique("beta", "name: Beta Two\nsummary: x\n")
    created = []
    create = writer.create_file

    def full(target: str, data: bytes) -> None:
        created.append(target)
        if len(created) > 2:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        create(target, data)

    monkeypatch.setattr(writer, "create_file", full)
    monkeypatch.setattr(journal, "create_file", full)
    result = site.build(*(["--clean"] if clean else []), expect=1)
    assert "No space left on device" in result.output
    assert "the previous site in" in result.output and "is unchanged" in result.output
    assert "Traceback" not in result.output
    monkeypatch.undo()
    assert snapshot(site.public) == before


def test_disk_full_while_linking_unchanged_pages_leaves_the_old_site(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The disk fills while an incremental build makes the folders of the pages it keeps (not
    while it writes one): one clear message too, never a traceback."""
    from nicepick import writer

    site.build()
    # A page edited by hand: the output is not as the last build left it, so the build makes
    # a whole new tree (linking what it keeps) rather than writing through the journal.
    (site.public / "404.html").write_text("edited by hand\n")
    before = snapshot(site.public)
    site.technique("zeta", "name: Zeta\nsummary: Compared with nothing yet.\n")
    mkdir = os.mkdir

    def full(path: str, *args: object, **kwargs: object) -> None:
        if ".nicepick-staging-" in str(path) and "/compare" in str(path):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        mkdir(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(writer.os, "mkdir", full)
    result = site.build(expect=1)
    monkeypatch.undo()
    assert "No space left on device" in result.output and "is unchanged" in result.output
    assert "Traceback" not in result.output
    assert snapshot(site.public) == before


def test_read_only_parent_is_one_clear_message(
    site: Site, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from pathlib import Path as P

    original = P.mkdir

    def read_only(self: P, *args: object, **kwargs: object) -> None:
        if ".nicepick-staging-" in self.name:
            raise OSError(errno.EROFS, os.strerror(errno.EROFS))
        original(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(P, "mkdir", read_only)
    result = site.build("--output", str(tmp_path / "out"), expect=1)
    assert result.output.strip() == (
        f"Error: cannot prepare the output folder {tmp_path / 'out'}: Read-only file system"
    )


@pytest.fixture(scope="module")
def parallel_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Large enough that techniques and comparisons are read, and pages rendered, by forked
    workers (processes.FORK_FROM)."""
    return built_corpus(tmp_path_factory, 520, 2100)


def own_staging(site: Path, pid: int) -> Path:
    """The staging folder of the build whose process is `pid` (a killed one may leave its own)."""
    return site / f".public{STAGING}{pid}"


# Moments of a `build --clean`, each an event seen from outside the process. Each is told the
# build's children at that instant, the site folder and the build's process id.
MOMENTS: dict[str, Callable[[set[int], Path, int], bool]] = {
    "loading in workers": lambda workers, site, pid: (
        bool(workers) and not own_staging(site, pid).exists()
    ),
    "staging folder created": lambda workers, site, pid: own_staging(site, pid).exists(),
    "rendering in workers": lambda workers, site, pid: (
        bool(workers) and pages_in(own_staging(site, pid)) >= 300
    ),
}

# Each moment is met by a signal the build catches and by one it cannot. SIGTERM and SIGHUP
# go to the same handler (processes._HELD), so they take turns. The caught ones come first:
# each such build cleans up after itself, so the next starts from a tidy folder. Each SIGKILL
# leaves its lock file and staging folder to the builds after it.
KILLS = [
    ("loading in workers", signal.SIGHUP),
    ("staging folder created", signal.SIGTERM),
    ("rendering in workers", signal.SIGHUP),
    ("loading in workers", signal.SIGKILL),
    ("staging folder created", signal.SIGKILL),
    ("rendering in workers", signal.SIGKILL),
]


def killed_at(site: Path, moment: str, signum: int) -> None:
    """Start a `build --clean`, send its process `signum` at `moment`, and see its workers go
    with it; a build that could catch the signal must have cleaned up after itself."""
    what = f"{signal.Signals(signum).name} while {moment}"
    process = run_build(site, "--clean")
    seen: set[int] = set()

    def reached() -> bool:
        workers = children_of(process.pid)
        seen.update(workers)
        return MOMENTS[moment](workers, site, process.pid) or process.poll() is not None

    assert wait_until(reached), what
    assert process.poll() is None, f"the build ended before {moment}"
    os.kill(process.pid, signum)
    # A worker left alive would hold the pipes open: wait for their end, not for ever.
    _, err = process.communicate(timeout=30)
    assert b"Traceback" not in err, what
    if moment != "staging folder created":
        assert seen, f"the build had forked workers: {what}"
    assert wait_until(lambda: not any(alive(pid) for pid in seen), 10), what
    if signum != signal.SIGKILL:
        assert leftovers(site) == [], what  # stopped like Ctrl-C: it cleaned up


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_a_killed_build_never_blocks_the_next(parallel_site: Path, tmp_path: Path) -> None:
    """Builds killed one after another, each at one moment. Only the build's own process is
    killed, never its group: its workers must go with it. The output must stay the old site,
    and the next build must go through without anyone cleaning up: each killed build reaches
    its moment after the one before, and the last build, left alone, completes.

    The killed builds change every page (the site's title), so any page of theirs that
    reached the output would show."""
    site, before = prepare(parallel_site, tmp_path)
    for moment, signum in KILLS:
        killed_at(site, moment, signum)
        assert snapshot(site / "public") == before, f"{signum!r} while {moment}"
    following = run_build(site)
    _, err = following.communicate(timeout=120)
    assert following.returncode == 0, err.decode()
    assert leftovers(site) == []
    after = snapshot(site / "public")
    assert b"Renamed Picks" in after["index.html"]
    assert after["CNAME"] == before["CNAME"] and after[".git/HEAD"] == before[".git/HEAD"]


def test_a_lock_file_left_by_a_dead_build_does_not_block(site: Site) -> None:
    site.build()
    lock = site.root / ".public.nicepick-lock"
    lock.write_text("999999999\n")  # a process that no longer exists
    site.technique("beta", "name: Beta Two\nsummary: x\n")
    site.build()
    assert "Beta Two" in site.text("tools/beta/")
    assert not lock.exists()


def test_a_live_build_is_named_in_the_refusal(site: Site) -> None:
    """A lock held by a running process still refuses, and says which process holds it."""
    import fcntl

    site.build()
    lock = site.root / ".public.nicepick-lock"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(f"""
        import fcntl, os, sys, time
        handle = open({str(lock)!r}, "a+b")
        fcntl.lockf(handle, fcntl.LOCK_EX)
        handle.write(str(os.getpid()).encode() + b"\\n"); handle.flush()
        print("locked", flush=True)
        time.sleep(60)
    """),
        ],
        stdout=subprocess.PIPE,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == b"locked\n"
        before = snapshot(site.public)
        site.technique("beta", "name: Beta Two\nsummary: x\n")
        result = site.build(expect=1)
        assert result.output.strip() == (
            f"Error: another nicepick build is writing to {site.public} (process "
            f"{holder.pid}); wait for it to finish and try again"
        )
        assert snapshot(site.public) == before
    finally:
        holder.kill()
        holder.communicate()
    assert fcntl  # the lock above is a POSIX record lock, as nicepick's own
    site.build()
    assert "Beta Two" in site.text("tools/beta/")


JOURNAL_KILL_POINTS = {
    # Every page rendered, nothing committed: the old site stays.
    "before-commit": """
        original = journal.JournalOutput.commit
        def commit(self, *args):
            os._exit(9)
        journal.JournalOutput.commit = commit
    """,
    # Committed, nothing moved in yet.
    "after-commit": """
        def apply(*args):
            os._exit(9)
        journal.apply = apply
    """,
    # Committed, the first new file moved in, the rest not.
    "mid-apply": """
        original = journal._clear_way
        calls = []
        def clear_way(*args):
            calls.append(args)
            if len(calls) == 2:
                os._exit(9)
            original(*args)
        journal._clear_way = clear_way
    """,
    # Every file moved in, the record of the build not written.
    "before-record": """
        def write_manifest(*args):
            os._exit(9)
        journal.write_manifest = write_manifest
    """,
}


@pytest.mark.parametrize("point", sorted(JOURNAL_KILL_POINTS))
def test_kill_at_each_moment_of_a_journal_build(tmp_path: Path, point: str) -> None:
    """A build that changes a few pages of an intact output writes them in place through a
    journal. Killed at each step, the output is the old site until the journal commits; the
    next build then finishes it, and the site is exactly what a clean build writes."""
    site = tmp_path / "site"
    techniques = site / "comparisons/techniques"
    techniques.mkdir(parents=True)
    for slug in ("alpha", "beta", "gamma"):
        (techniques / f"{slug}.yaml").write_text(f"name: {slug.title()}\nsummary: S.\n")
    (site / "comparisons/alpha-vs-beta.yaml").write_text("compare: [alpha, beta]\npick: alpha\n")
    (site / "comparisons/beta-vs-gamma.yaml").write_text("compare: [beta, gamma]\npick: beta\n")
    assert built(site) == 0
    (site / "public/CNAME").write_text("picks.example.org\n")
    before = snapshot(site / "public")
    # A changed summary (pages rewritten) and a comparison gone (pages removed).
    (techniques / "alpha.yaml").write_text("name: Alpha\nsummary: Changed in place.\n")
    (site / "comparisons/beta-vs-gamma.yaml").unlink()
    script = "import os, sys\nfrom nicepick import journal\n"
    script += textwrap.dedent(JOURNAL_KILL_POINTS[point])
    script += "from nicepick.cli import main\nsys.argv = ['nicepick', 'build', '-q', '--source', "
    script += f"{str(site)!r}]\nmain()\n"
    assert subprocess.run([sys.executable, "-c", script], check=False).returncode == 9
    assert (tmp_path / "site/.public.nicepick-journal").is_dir()
    if point in ("before-commit", "after-commit"):
        assert snapshot(site / "public") == before
    assert built(site) == 0  # the next build completes or drops the journal, then builds
    clean = tmp_path / "clean"
    assert built(site, "--clean", "--output", str(clean)) == 0
    final = snapshot(site / "public")
    assert final.pop("CNAME") == b"picks.example.org\n"  # the host's file, untouched
    assert final == snapshot(clean)
    assert b"Changed in place." in final["tools/alpha/index.html"]
    assert not (site / "public/compare/beta-vs-gamma").exists()
    assert leftovers(site) == []
