"""Content dates: the git history when the site has one, else the files' modification times."""

from __future__ import annotations

import calendar
import os
import shutil
import subprocess
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from conftest import Site
from hypothesis import given
from hypothesis import strategies as st

from nicepick import dates

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def git(repo: Path, *args: str, when: str = "") -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Ed",
        "GIT_AUTHOR_EMAIL": "ed@example.org",
        "GIT_COMMITTER_NAME": "Ed",
        "GIT_COMMITTER_EMAIL": "ed@example.org",
    }
    if when:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = when
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def at(path: Path, day: str) -> None:
    stamp = calendar.timegm(date.fromisoformat(day).timetuple()) + 12 * 3600
    os.utime(path, (stamp, stamp))


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    (root / "comparisons").mkdir(parents=True)
    git(root, "init", "-q", "-b", "main")
    return root


def read(root: Path) -> dict[str, dates.FileDates]:
    folder = root / "comparisons"
    head = dates.git_head(folder)
    history = dates.read_history(folder, head) if head else None
    found = dates.file_dates(sorted(folder.rglob("*.yaml")), history)
    return {path.name: value for path, value in found.items()}


def test_files_committed_together_share_their_dates(repo: Path) -> None:
    """One FileDates per pair of commit days, not one per file: a large site has a handful."""
    for n in range(5):
        (repo / "comparisons" / f"f{n}.yaml").write_text(f"{n}\n")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "all", when="2024-03-01T10:00:00Z")
    found = read(repo)
    assert set(found.values()) == {dates.FileDates(date(2024, 3, 1), date(2024, 3, 1))}
    assert len({id(value) for value in found.values()}) == 1


def test_generated_pairs_of_equally_dated_techniques_share_one_date() -> None:
    """A dynamic pair is as new as the newer of its techniques: pairs whose dates agree hold
    one FileDates between them (300,000 pairs, a few distinct dates)."""

    class Pair:
        def __init__(self, first: str, second: str) -> None:
            self.first, self.second = first, second

    slugs = ["a", "b", "c", "d"]
    pairs = [Pair(x, y) for x in slugs for y in slugs if x < y]
    found, _ = dates.content_dates(
        Path("/nowhere"),
        [(slug, "") for slug in slugs],
        [(pair, "", None) for pair in pairs],
        None,
        {"": dates.FileDates(date(2025, 1, 1), date(2025, 6, 1))},
    )
    assert len({id(found.comparisons[pair]) for pair in pairs}) == 1
    assert found.comparisons[pairs[0]] == dates.FileDates(date(2025, 1, 1), date(2025, 6, 1))


def test_committed_files_take_their_first_and_last_commits(repo: Path) -> None:
    a = repo / "comparisons" / "a.yaml"
    a.write_text("one\n")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "first", when="2024-03-01T10:00:00Z")
    a.write_text("two\n")
    git(repo, "commit", "-qam", "second", when="2025-07-15T23:30:00Z")
    at(a, "2020-01-01")  # a fresh clone's times say nothing
    assert read(repo) == {"a.yaml": dates.FileDates(date(2024, 3, 1), date(2025, 7, 15))}


def test_files_edited_or_unknown_since_the_last_commit_take_their_own_time(repo: Path) -> None:
    """Changed as of the file's time; an edited file is still published when it was first
    committed, a new one when it was written."""
    a, b = repo / "comparisons" / "a.yaml", repo / "comparisons" / "b.yaml"
    a.write_text("one\n")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "first", when="2024-03-01T10:00:00Z")
    a.write_text("edited\n")
    b.write_text("new\n")
    at(a, "2026-02-02")
    at(b, "2026-03-03")
    assert read(repo) == {
        "a.yaml": dates.FileDates(date(2024, 3, 1), date(2026, 2, 2)),
        "b.yaml": dates.FileDates(date(2026, 3, 3), date(2026, 3, 3)),
    }
    at(a, "2023-06-01")  # a time from before the file was committed: it is not older
    assert read(repo)["a.yaml"] == dates.FileDates(date(2024, 3, 1), date(2024, 3, 1))


def test_a_rebase_that_reorders_commits_keeps_the_authors_dates(repo: Path) -> None:
    a = repo / "comparisons" / "a.yaml"
    a.write_text("one\n")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "later", when="2025-05-05T10:00:00Z")
    a.write_text("two\n")
    git(repo, "commit", "-qam", "earlier", when="2023-03-03T10:00:00Z")
    assert read(repo)["a.yaml"] == dates.FileDates(date(2023, 3, 3), date(2025, 5, 5))


def test_without_git_every_file_takes_its_modification_time(tmp_path: Path) -> None:
    folder = tmp_path / "comparisons"
    folder.mkdir()
    (folder / "a.yaml").write_text("x\n")
    at(folder / "a.yaml", "2022-08-09")
    assert dates.git_head(folder) is None
    assert dates.file_dates([folder / "a.yaml"], None) == {
        folder / "a.yaml": dates.FileDates(date(2022, 8, 9), date(2022, 8, 9))
    }


def test_a_repository_without_commits_is_no_history(repo: Path) -> None:
    (repo / "comparisons" / "a.yaml").write_text("x\n")
    at(repo / "comparisons" / "a.yaml", "2021-01-02")
    assert dates.git_head(repo / "comparisons") is None
    assert read(repo)["a.yaml"].changed == date(2021, 1, 2)


def test_a_history_read_at_the_same_commit_is_reused(repo: Path) -> None:
    a = repo / "comparisons" / "a.yaml"
    a.write_text("one\n")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "first", when="2024-03-01T10:00:00Z")
    folder = repo / "comparisons"
    head = dates.git_head(folder)
    assert head is not None
    first = dates.read_history(folder, head)
    again = dates.read_history(folder, head, first)
    assert again is not None and first is not None
    assert again.dates is first.dates


def test_links_take_the_history_of_what_they_lead_to(repo: Path) -> None:
    """A linked file or folder inside the content is dated by the file git knows."""
    shared = repo / "shared"
    shared.mkdir()
    (shared / "a.yaml").write_text("one\n")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "first", when="2024-03-01T10:00:00Z")
    (repo / "comparisons" / "linked.yaml").symlink_to(shared / "a.yaml")
    (repo / "comparisons" / "folder").symlink_to(shared)
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "links", when="2025-01-01T10:00:00Z")
    folder = repo / "comparisons"
    head = dates.git_head(folder)
    assert head is not None
    history = dates.read_history(repo, head)
    found = dates.file_dates([folder / "linked.yaml", folder / "folder" / "a.yaml"], history)
    committed = dates.FileDates(date(2024, 3, 1), date(2024, 3, 1))
    assert found == {folder / "linked.yaml": committed, folder / "folder" / "a.yaml": committed}


def test_a_file_gone_since_it_was_listed_has_no_date(tmp_path: Path) -> None:
    assert dates.file_dates([tmp_path / "gone.yaml"], None) == {}


@given(st.integers(min_value=0, max_value=4_102_444_800 * 10**9))
def test_a_modification_time_is_dated_by_its_day_in_utc(mtime: int) -> None:
    expected = datetime.fromtimestamp(mtime // 10**9, UTC).date()
    found = dates._dates_of("", ["/nonexistent"], None, {"/nonexistent": (0, mtime)})
    assert found["/nonexistent"] == dates.FileDates(expected, expected)


def test_a_commit_alone_dates_the_pages_again(site: Site, tmp_path: Path) -> None:
    """A commit changes no file, yet it gives an edited file its commit's date: the build
    after it is not a no-op, and equals a clean one (it kept the file's time before)."""
    from test_incremental import clean_build, files

    git(site.root, "init", "-q", "-b", "main")
    git(site.root, "add", ".")
    git(site.root, "commit", "-qm", "first", when="2024-01-10T10:00:00Z")
    site.build()
    edited = site.root / "comparisons/beta-vs-gamma.yaml"
    edited.write_text(edited.read_text() + "# edited\n")
    at(edited, "2024-07-01")
    site.build()
    git(site.root, "commit", "-qam", "second", when="2024-07-15T12:00:00Z")
    site.build()
    want = clean_build(site, tmp_path / "clean")
    got = {p: v[2] for p, v in files(site.public).items() if not p.startswith(".nicepick")}
    assert [p for p in want if got.get(p) != want[p]] == []
    assert "2024-07-15" in site.page("compare/beta-vs-gamma/").find("time")["datetime"]


def test_check_warns_when_the_history_is_a_shallow_clone(site: Site, tmp_path: Path) -> None:
    """A shallow clone (what a CI checkout makes by default) has only its last commit: every
    page would be published that day. check says so, and how to fetch the rest."""
    from click.testing import CliRunner

    from nicepick.cli import main

    git(site.root, "init", "-q", "-b", "main")
    git(site.root, "add", ".")
    git(site.root, "commit", "-qm", "first", when="2024-01-10T10:00:00Z")
    (site.root / "comparisons/beta-vs-gamma.yaml").write_text("compare: [beta, gamma]\n")
    git(site.root, "commit", "-qam", "second", when="2024-07-15T12:00:00Z")

    def history_warnings(folder: Path) -> list[str]:
        result = CliRunner().invoke(main, ["check", "--source", str(folder)])
        return [line for line in result.output.splitlines() if "git history" in line]

    assert history_warnings(site.root) == []
    fresh = tmp_path / "fresh"  # a repository with no commit yet: nothing to warn about
    shutil.copytree(site.root, fresh, ignore=shutil.ignore_patterns(".git"))
    git(fresh, "init", "-q", "-b", "main")
    assert history_warnings(fresh) == []
    shallow = tmp_path / "shallow"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{site.root}", str(shallow)], check=True
    )
    assert history_warnings(shallow) == [
        "nicepick.yaml: warning: pages are dated without their git history: the repository is "
        "a shallow clone, with only its last commits (fetch it whole ('git fetch "
        "--unshallow'; in GitHub Actions, 'fetch-depth: 0' under actions/checkout))"
    ]
