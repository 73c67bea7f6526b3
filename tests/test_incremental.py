"""Incremental builds: nothing changed means nothing written; one edit rewrites exactly the pages
whose bytes change; deleted content disappears."""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import Site

from nicepick.cli import main
from nicepick.config import load_config
from nicepick.errors import Problems
from nicepick.incremental import uptodate
from nicepick.serve.preview import Preview


def files(public: Path) -> dict[str, tuple[int, int, bytes]]:
    """Every file with its inode, mtime and bytes."""
    found = {}
    for path in sorted(public.rglob("*")):
        if path.is_file():
            stat = path.stat()
            found[path.relative_to(public).as_posix()] = (
                stat.st_ino,
                stat.st_mtime_ns,
                path.read_bytes(),
            )
    return found


def clean_build(site: Site, output: Path) -> dict[str, bytes]:
    """What a real `build --clean` writes to `output`: every file read, every page rendered,
    with a cache folder of its own, so nothing an incremental build kept can leak into the
    answer it is compared with."""
    result = CliRunner().invoke(
        main,
        ["build", "--source", str(site.root), "-q", "--clean", "--output", str(output)],
        env={"NICEPICK_CACHE_DIR": str(output.with_name(output.name + "-cache"))},
    )
    assert result.exit_code == 0, result.output
    return {p: v[2] for p, v in files(output).items() if not p.startswith(".nicepick")}


def summary(site: Site, *args: str) -> str:
    result = site.runner.invoke(main, ["build", "--source", str(site.root), *args])
    assert result.exit_code == 0, result.output
    # The summary line; a line counting check's warnings may follow it.
    return [line for line in result.output.splitlines() if line.startswith("Built ")][-1]


@pytest.fixture
def rendered(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The pages each build renders (in this process), in order."""
    from nicepick import render

    paths: list[str] = []
    real = render.render_body

    def counting(plan, env, roots):  # type: ignore[no-untyped-def]
        paths.append(plan.path)
        return real(plan, env, roots)

    monkeypatch.setattr(render, "render_body", counting)
    return paths


def test_nothing_changed_writes_nothing(site: Site) -> None:
    first = summary(site)
    assert " 0 unchanged, 0 removed" in first
    before = files(site.public)
    second = summary(site)
    assert " 0 written, " in second and " 0 removed " in second
    assert files(site.public) == before  # same inodes, same mtimes, same bytes


def test_one_edit_rewrites_exactly_the_pages_whose_bytes_change(site: Site, tmp_path: Path) -> None:
    site.build()
    before = files(site.public)
    site.technique(
        "gamma",
        """
        name: Gamma
        kind: tool
        category: testing
        summary: Reach for Gamma when you measure coverage.
        pros:
          - It reports branch coverage, even for generated code.
        related: [coverage]
    """,
    )
    line = summary(site)
    after = files(site.public)
    changed = {p for p in after if p in before and after[p][2] != before[p][2]}
    rewritten = {p for p in after if p in before and after[p][:2] != before[p][:2]}
    assert changed and rewritten == changed
    assert f" {len(changed - {'.nicepick-manifest.json'})} written, " in line
    assert "compare/beta-vs-gamma/index.html" in changed
    assert "tools/gamma/index.html" in changed
    assert "compare/alpha-vs-beta/index.html" not in changed
    # The result is the same as a real clean build's.
    assert {p: v[2] for p, v in after.items() if not p.startswith(".nicepick")} == clean_build(
        site, tmp_path / "clean"
    )


def test_deleting_a_comparison_removes_its_pages(site: Site) -> None:
    site.build()
    site.remove("comparisons/beta-vs-gamma.yaml")
    line = summary(site)
    # The page, its share card, its reverse-order redirect, and the finder's list of Gamma's
    # opponents (Gamma is in no other comparison).
    assert " 4 removed " in line
    assert not (site.public / "compare/beta-vs-gamma").exists()
    assert not (site.public / "compare/gamma-vs-beta").exists()
    assert not (site.public / "api/pairs/gamma.json").exists()


def test_a_template_change_keeps_files_whose_bytes_did_not_change(site: Site) -> None:
    site.build()
    before = files(site.public)
    site.write(
        "templates/tag.html",
        """
        {% extends "default/tag.html" %}
        {% block main %}<p>Tag!</p>{{ super() }}{% endblock %}
    """,
    )
    summary(site)
    after = files(site.public)
    assert after["tags/python/index.html"][2] != before["tags/python/index.html"][2]
    assert after["compare/alpha-vs-beta/index.html"] == before["compare/alpha-vs-beta/index.html"]


def test_clean_writes_everything_again(site: Site) -> None:
    site.build()
    line = summary(site, "--clean")
    assert " 0 unchanged, 0 removed" in line


def test_the_build_after_a_clean_one_is_incremental(
    site: Site, monkeypatch: pytest.MonkeyPatch, rendered: list[str]
) -> None:
    """`--clean` reuses nothing, but records what the next build needs: with nothing changed,
    that build reads nothing; after one edit, it renders only the pages the edit touches."""
    from nicepick import build

    site.build()
    summary(site, "--clean")
    pages = len(list(site.public.rglob("*.html")))
    real_check = build.check_site

    def no_reading(*args: object, **kwargs: object) -> None:
        raise AssertionError("an unchanged site was read again")

    monkeypatch.setattr(build, "check_site", no_reading)
    assert " 0 written, " in summary(site)
    monkeypatch.setattr(build, "check_site", real_check)
    rendered.clear()
    gamma = site.root / "comparisons/techniques/gamma.yaml"
    gamma.write_text(gamma.read_text().replace("summary: ", "summary: Cleaned. ", 1))
    summary(site)
    assert 0 < len(rendered) < pages / 2


def test_a_page_deleted_by_hand_comes_back(site: Site) -> None:
    site.build()
    (site.public / "tools/alpha/index.html").unlink()
    line = summary(site)
    assert line.startswith(f"Built {site.public}: 1 written, ")
    assert (site.public / "tools/alpha/index.html").is_file()


def test_same_second_edits_are_still_seen(site: Site) -> None:
    """mtimes can tie within a second on some filesystems; size and nanoseconds still move."""
    site.build()
    path = site.root / "comparisons/techniques/alpha.yaml"
    stat = path.stat()
    path.write_text(path.read_text().replace("Alpha", "Alfa"))
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same mtime, new size
    summary(site)
    assert "Alfa vs Beta" in (site.public / "compare/alpha-vs-beta/index.html").read_text()


_EDITS: list[tuple[str, str, str | None]] = [
    # (what, file, new text or None to delete)
    (
        "a date set back, behind the newest of its category page, which shows it",
        "comparisons/alpha-vs-beta.yaml",
        "compare: [alpha, beta]\npick: alpha\nupdated: 2020-05-01\n",
    ),
    (
        "a name, shown in titles and lists",
        "comparisons/techniques/beta.yaml",
        "name: Beta Prime\nkind: library\ncategory: testing\nsummary: B.\npopularity: 60\n",
    ),
    (
        "popularity that flips a pick",
        "comparisons/techniques/beta.yaml",
        "name: Beta Prime\nkind: library\ncategory: testing\nsummary: B.\npopularity: 99\n",
    ),
    (
        "a category, which regroups pairs",
        "comparisons/techniques/gamma.yaml",
        "name: Gamma\nkind: tool\ncategory: quality\nsummary: G.\n",
    ),
    (
        "a dated editorial verdict, for the feed and sitemap",
        "comparisons/alpha-vs-beta.yaml",
        "compare: [alpha, beta]\npick: alpha\nverdict: Alpha, for speed.\nupdated: 2026-01-02\n",
    ),
    ("a new pair", "comparisons/alpha-vs-gamma.yaml", "compare: [alpha, gamma]\npick: gamma\n"),
    (
        "a bottom line alone, the same day: on its page and in the export",
        "comparisons/beta-vs-gamma.yaml",
        "compare: [beta, gamma]\npick: gamma\nbottom_line: Gamma, unless Beta's plugins matter.\n",
    ),
    ("a pair removed", "comparisons/beta-vs-gamma.yaml", None),
    (
        "pros only",
        "comparisons/techniques/alpha.yaml",
        (
            "name: Alpha\nkind: library\ncategory: testing\nsummary: A.\npopularity: 90\n"
            "pros:\n  - A pro that only cards and exports show.\n"
        ),
    ),
    (
        "a kind, which moves a technique to another ranking",
        "comparisons/techniques/alpha.yaml",
        (
            "name: Alpha\nkind: framework\ncategory: testing\nsummary: A.\npopularity: 90\n"
            "pros:\n  - A pro that only cards and exports show.\n"
        ),
    ),
    (
        "facts, shown on its page, its pairs' pages and in JSON-LD; back to Beta's ranking",
        "comparisons/techniques/alpha.yaml",
        (
            "name: Alpha\nkind: library\ncategory: testing\nsummary: A.\npopularity: 90\n"
            "facts:\n  license: MIT\n  github_stars: 31000\n  first_release: 2020-03-01\n"
        ),
    ),
    (
        "facts on the other side of a pair",
        "comparisons/techniques/beta.yaml",
        (
            "name: Beta Prime\nkind: library\ncategory: testing\nsummary: B.\npopularity: 99\n"
            "facts:\n  github_stars: 43000\n  license: BSD\n"
        ),
    ),
    (
        "fact declarations: labels, a better value, a ranking column",
        "nicepick.yaml",
        (
            "title: Test Picks\nbase_url: https://example.org/\nranking_fact: github_stars\n"
            "facts:\n  github_stars: {label: GitHub stars, better: higher}\n"
            "  license: {label: License}\n"
        ),
    ),
    (
        "the site's own stylesheet, in place of the theme's: every page links its new name",
        "static/assets/style.css",
        "body { color: #111; }\n",
    ),
    ("that stylesheet edited again", "static/assets/style.css", "body { color: #222; }\n"),
    (
        "a declared direction turned round",
        "nicepick.yaml",
        (
            "title: Test Picks\nbase_url: https://example.org/\nranking_fact: github_stars\n"
            "facts:\n  github_stars: {label: GitHub stars, better: lower}\n"
            "  license: {label: License}\n"
        ),
    ),
    # Settings that templates pass to filters as constants, which Jinja works out when it
    # compiles them: the compiled templates kept between builds must not keep the old ones.
    (
        "the site's address: robots.txt, the feed, every canonical link",
        "nicepick.yaml",
        (
            "title: Test Picks\nbase_url: https://picks.example.com/sub/\n"
            "ranking_fact: github_stars\n"
            "facts:\n  github_stars: {label: GitHub stars, better: lower}\n"
            "  license: {label: License}\n"
        ),
    ),
    (
        "the site's title and language",
        "nicepick.yaml",
        (
            "title: Autres Choix\nbase_url: https://picks.example.com/sub/\nlanguage: fr\n"
            "ranking_fact: github_stars\n"
            "facts:\n  github_stars: {label: GitHub stars, better: lower}\n"
            "  license: {label: License}\n"
        ),
    ),
]


def test_every_kind_of_edit_builds_what_a_clean_build_would(site: Site, tmp_path: Path) -> None:
    """Each page's fingerprint must cover everything it shows: after each edit in turn, the
    incremental output equals a clean build's, byte for byte."""
    site.build()
    for number, (what, rel, text) in enumerate(_EDITS):
        if text is None:
            site.remove(rel)
        else:
            site.write(rel, text)
        summary(site)
        want = clean_build(site, tmp_path / f"clean-{number}")
        got = {p: v[2] for p, v in files(site.public).items() if not p.startswith(".nicepick")}
        assert got.keys() == want.keys(), what
        assert [p for p in want if got[p] != want[p]] == [], what


def test_a_file_dated_again_changes_what_shows_its_date(site: Site, tmp_path: Path) -> None:
    """Outside git a file's date is its modification time, which can move while its text
    stays: the comparison's page, the sitemap, the feed and the JSON export follow it, as a
    clean build's would."""
    site.build()
    path = site.root / "comparisons/beta-vs-gamma.yaml"  # no `updated:` of its own
    earlier = 1_750_000_000 * 10**9  # June 2025: a day no file of the site was written on
    os.utime(path, ns=(earlier, earlier))
    assert summary(site).startswith(f"Built {site.public}: ")
    want = clean_build(site, tmp_path / "clean")
    got = {p: v[2] for p, v in files(site.public).items() if not p.startswith(".nicepick")}
    assert (
        b'"updated": "2025-06-15", "url": "https://example.org/compare/beta-vs-gamma/"'
        in (want["api/comparisons.json"])
    )
    assert [p for p in want if got[p] != want[p]] == []


def test_every_kind_of_edit_in_serve_shows_what_a_fresh_preview_would(
    site: Site, tmp_path: Path
) -> None:
    """serve keeps parsed files, resolved comparisons, digests and derived lists between
    saves, and is told which files were written: after each edit, as its watcher would
    report it, the preview equals a fresh one byte for byte."""

    def preview(output: Path) -> Preview:
        config = load_config(site.root, output, Problems())
        return Preview(replace(config, live_reload=True, base_url="http://127.0.0.1:1/"), log=False)

    kept = preview(tmp_path / "kept")
    assert kept.rebuild() is not None
    wording = (
        "a verdict's wording, and nothing else",
        "comparisons/alpha-vs-beta.yaml",
        (
            "compare: [alpha, beta]\npick: alpha\nverdict: Alpha, for its speed.\n"
            "updated: 2026-01-02\n"
        ),
    )
    for number, (what, rel, text) in enumerate([*_EDITS, wording, _EDITS[0]]):
        if text is None:
            site.remove(rel)
            written = None  # the watcher saw a file removed: everything is listed again
        else:
            existed = (site.root / rel).exists()
            site.write(rel, text)
            written = [str(site.root / rel)] if existed else None
        assert kept.rebuild(written) is not None, (what, kept.errors)
        fresh = preview(tmp_path / f"fresh-{number}")
        assert fresh.rebuild() is not None
        got = {p: v[2] for p, v in files(tmp_path / "kept").items() if not p.startswith(".")}
        want = {
            p: v[2] for p, v in files(tmp_path / f"fresh-{number}").items() if not p.startswith(".")
        }
        assert got.keys() == want.keys(), what
        assert [p for p in want if got[p] != want[p]] == [], what


def test_a_pros_edit_leaves_the_listings_alone(site: Site) -> None:
    site.build()
    before = files(site.public)
    site.technique(
        "gamma",
        "name: Gamma\nkind: tool\ncategory: testing\nsummary: Reach for "
        "Gamma when you measure coverage.\npros:\n  - A new pro.\n"
        "related: [coverage]\n",
    )
    summary(site)
    after = files(site.public)
    rewritten = {p for p in after if p in before and after[p][:2] != before[p][:2]}
    assert "tools/gamma/index.html" in rewritten and "api/techniques.json" in rewritten
    listings = {
        "index.html",
        "categories/testing/index.html",
        "feed.xml",
        "sitemap.xml",
        "api/comparisons.json",
    }
    assert listings <= after.keys() and not rewritten & listings


def test_facts_and_their_declarations_rewrite_only_the_pages_that_show_them(site: Site) -> None:
    site.write(
        "nicepick.yaml",
        "title: Test Picks\nbase_url: https://example.org/\nfacts:\n  license: {label: License}\n",
    )
    site.build()
    before = files(site.public)

    def rewritten() -> set[str]:
        summary(site)
        after = files(site.public)
        return {
            p
            for p in after
            if p in before and after[p][:2] != before[p][:2] and not p.startswith(".nicepick")
        }

    site.technique(
        "gamma",
        "name: Gamma\nkind: tool\ncategory: testing\nsummary: Reach for "
        "Gamma when you measure coverage.\npros:\n  - It reports branch "
        "coverage.\nrelated: [coverage]\nfacts:\n  license: MIT\n",
    )
    assert rewritten() == {
        "tools/gamma/index.html",
        "compare/beta-vs-gamma/index.html",
        "api/techniques.json",
    }
    before = files(site.public)
    site.write(
        "nicepick.yaml",
        "title: Test Picks\nbase_url: https://example.org/\n"
        "facts:\n  license: {label: Licence}\n  stars: {label: Stars}\n",
    )
    # Only Gamma has a license: its pages, and no other, show the new label.
    assert rewritten() == {"tools/gamma/index.html", "compare/beta-vs-gamma/index.html"}


def _damage_by_writing(public: Path, rel: str) -> None:
    (public / rel).write_text("HACKED\n")


def _damage_same_size(public: Path, rel: str) -> None:
    """The same number of bytes, one changed: only the modification time tells."""
    data = bytearray((public / rel).read_bytes())
    data[-2] = ord("X") if data[-2] != ord("X") else ord("Y")
    (public / rel).write_bytes(bytes(data))


def _damage_by_a_folder(public: Path, rel: str) -> None:
    (public / rel).unlink()
    (public / rel).mkdir()
    (public / rel / "inside.txt").write_text("not a feed\n")


def _damage_by_a_link(public: Path, rel: str) -> None:
    (public / rel).unlink()
    (public / rel).symlink_to("/etc/hostname")


def _damage_by_a_copy(public: Path, rel: str) -> None:
    """An editor's save: a new file renamed over the old, with the old bytes and mtime."""
    target = public / rel
    stat = target.stat()
    copy = target.with_name("copy.tmp")
    copy.write_bytes(target.read_bytes().replace(b"</body>", b"<script>x()</script></body>"))
    os.utime(copy, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    copy.rename(target)


def _damage_by_replacing_a_folder(public: Path, rel: str) -> None:
    import shutil

    folder = public / rel.split("/")[0]
    shutil.rmtree(folder)
    folder.write_text("a file where a folder was\n")


DAMAGE = {
    "written over": (_damage_by_writing, "tools/alpha/index.html"),
    "same size, one byte changed": (_damage_same_size, "compare/alpha-vs-beta/index.html"),
    "replaced by a folder": (_damage_by_a_folder, "feed.xml"),
    "replaced by a symbolic link": (_damage_by_a_link, "sitemap.xml"),
    "replaced by another file": (_damage_by_a_copy, "tools/beta/index.html"),
    "its folder replaced by a file": (_damage_by_replacing_a_folder, "tags/python/index.html"),
}


@pytest.mark.parametrize("shared", [False, True], ids=["", "one file a number"])
@pytest.mark.parametrize("edit_too", [False, True], ids=["no-op", "after an edit"])
@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_a_damaged_output_file_is_repaired(
    site: Site, tmp_path: Path, damage: str, edit_too: bool, shared: bool, monkeypatch
) -> None:
    """A generated file changed, removed or replaced by hand is written again by the next
    build, with or without a content edit; nothing else is rewritten. `shared`: each file
    is a number of its own for the forked process and this one to share (Parallel.all_of),
    as the files of a large site are, wherever the damaged one falls between them."""
    if shared:
        monkeypatch.setattr(uptodate, "CHECKED_AT_ONCE", 1)
    site.build()
    clean = files(site.public)
    hurt, rel = DAMAGE[damage]
    hurt(site.public, rel)
    now = files(site.public)
    damaged = {
        p
        for p in clean
        if p not in now or now[p][1:] != clean[p][1:] or (site.public / p).is_symlink()
    }
    if edit_too:
        site.technique(
            "gamma",
            (site.root / "comparisons/techniques/gamma.yaml")
            .read_text()
            .replace("branch coverage", "line coverage"),
        )
    line = summary(site)
    after = files(site.public)
    assert after[rel][2] == clean[rel][2] or edit_too and b"line coverage" in after[rel][2]
    assert (site.public / rel).is_file() and not (site.public / rel).is_symlink()
    if not edit_too:
        assert rel in damaged
        assert line.startswith(f"Built {site.public}: {len(damaged)} written, "), line
        assert after.keys() == clean.keys()
        assert {p: v[2] for p, v in after.items() if not p.startswith(".nicepick")} == {
            p: v[2] for p, v in clean.items() if not p.startswith(".nicepick")
        }
        kept = {p for p in clean if after[p][:2] == clean[p][:2]}
        assert kept == set(clean) - damaged - {".nicepick-manifest.json"}, (
            "every other file kept its inode and mtime"
        )
    assert summary(site).startswith(f"Built {site.public}: 0 written, ")  # and then a no-op


def test_a_touched_but_unchanged_file_is_not_rewritten(site: Site) -> None:
    site.build()
    page = site.public / "tools/alpha/index.html"
    os.utime(page, ns=(1, 1))
    before = files(site.public)
    assert summary(site).startswith(f"Built {site.public}: 0 written, ")  # its bytes are ours
    assert files(site.public)["tools/alpha/index.html"] == before["tools/alpha/index.html"]
    assert summary(site).startswith(f"Built {site.public}: 0 written, ")


def test_lost_stamps_cost_one_build_that_compares_bytes(site: Site) -> None:
    """Stamps live in the cache folder, which may be emptied: the next build compares files
    by their bytes, rewrites only the damaged one, and records stamps again."""
    site.build()
    for kept in Path(os.environ["NICEPICK_CACHE_DIR"]).glob("stamps-*"):
        kept.unlink()
    _damage_by_writing(site.public, "tools/gamma/index.html")
    before = files(site.public)
    assert summary(site).startswith(f"Built {site.public}: 1 written, ")
    after = files(site.public)
    assert b"HACKED" not in after["tools/gamma/index.html"][2]
    assert after["tools/alpha/index.html"] == before["tools/alpha/index.html"]
    assert summary(site).startswith(f"Built {site.public}: 0 written, ")


def test_the_published_manifest_holds_no_stamps(site: Site, tmp_path: Path) -> None:
    """Inodes and mtimes differ on every machine: the output stays byte for byte the same."""
    site.build("--output", str(tmp_path / "one"))
    site.build("--output", str(tmp_path / "two"))
    one, two = (files(tmp_path / name) for name in ("one", "two"))
    assert {p: v[2] for p, v in one.items()} == {p: v[2] for p, v in two.items()}


def test_naming_the_site_folder_another_way_keeps_every_digest(
    site: Site, monkeypatch: pytest.MonkeyPatch, rendered: list[str]
) -> None:
    """`nicepick build` in the site's folder after `nicepick build -s /abs/site` (or the other
    way round) is the same site: one edit renders the pages it touches, not every page."""

    def edit_and_count(source: str, word: str) -> int:
        site.technique(
            "gamma",
            "name: Gamma\nkind: tool\ncategory: testing\nsummary: Reach for "
            f"Gamma when you measure {word} coverage.\nrelated: [coverage]\n",
        )
        rendered.clear()
        result = site.runner.invoke(main, ["build", "-q", "--source", source])
        assert result.exit_code == 0, result.output
        return len(rendered)

    monkeypatch.chdir(site.root)
    summary(site)  # an absolute --source
    same_way = edit_and_count(str(site.root), "branch")
    other_way = edit_and_count(".", "line")
    back_again = edit_and_count(str(site.root), "path")
    assert 0 < same_way < len(list(site.public.rglob("*.html")))
    assert other_way == same_way and back_again == same_way


def test_a_site_moved_to_another_folder_renders_only_what_an_edit_touches(
    site: Site, tmp_path: Path, rendered: list[str]
) -> None:
    """A site folder renamed, or moved elsewhere with its output, is the same site: the
    folder's path reaches no page, so an edit there re-renders what it touches."""
    summary(site)
    pages = len(list(site.public.rglob("*.html")))
    moved = tmp_path / "moved-site"
    site.root.rename(moved)  # the same files, the same inodes: the output is intact
    rendered.clear()
    gamma = moved / "comparisons/techniques/gamma.yaml"
    gamma.write_text(gamma.read_text().replace("summary: ", "summary: Moved. ", 1))
    result = site.runner.invoke(main, ["build", "-q", "--source", str(moved)])
    assert result.exit_code == 0, result.output
    assert 0 < len(rendered) < pages / 2
    assert "Moved. " in (moved / "public/tools/gamma/index.html").read_text()


def test_naming_the_site_folder_another_way_is_still_a_no_op(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The up-to-date check sees the same files and settings whether the site's folder is
    given as `.` or as an absolute path: nothing is read again."""
    from nicepick import build

    summary(site)
    monkeypatch.chdir(site.root)

    def no_reading(*args: object, **kwargs: object) -> None:
        raise AssertionError("an unchanged site was read again")

    monkeypatch.setattr(build, "check_site", no_reading)
    for source, output in ((".", "public"), (str(site.root), str(site.public))):
        result = site.runner.invoke(main, ["build", "--source", source, "--output", output])
        assert result.exit_code == 0, result.output
        assert " 0 written, " in result.output


def test_a_no_op_build_reads_only_the_first_line_of_the_record(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The list of files comes from the kept stamps when the record's first line agrees
    with them: a no-op build never parses the per-file digests (30 MB at 100,000)."""
    from nicepick.incremental import uptodate

    summary(site)

    def whole_record(*args: object, **kwargs: object) -> None:
        raise AssertionError("the whole record was read")

    monkeypatch.setattr(uptodate, "read_manifest", whole_record)
    assert " 0 written, " in summary(site)
    site.technique("gamma", "name: Gamma\nkind: tool\ncategory: testing\nsummary: Changed.\n")
    result = site.runner.invoke(main, ["build", "--source", str(site.root)])
    assert isinstance(result.exception, AssertionError)  # an edit needs the digests: read


def test_stamps_that_disagree_with_the_record_mean_the_record_is_read(site: Site) -> None:
    """A record whose first line names another list of files than the kept stamps (an
    older nicepick's, or one edited by hand) is read whole, and the build stays correct."""
    summary(site)
    record = site.root / ".public.nicepick-manifest.json"
    first, rest = record.read_text().split("\n", 1)
    record.write_text(first.replace('"listing": "', '"listing": "0') + "\n" + rest)
    assert " 0 written, " in summary(site)
    # As the nicepick before this one wrote it: sorted keys, no first line of settings.
    record.write_text(json.dumps(json.loads(record.read_text()), indent=0, sort_keys=True))
    assert " 0 written, " in summary(site)


def test_a_large_file_written_in_pieces_that_comes_out_the_same_is_left_alone(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The JSON exports are written a piece at a time and hashed on the way (never whole in
    memory). An edit the comparisons export does not show (a comparison's body) renders it
    again; its bytes come out the same, so the output's file stays as it was: same inode,
    same time, and the journal keeps no copy of it."""
    from nicepick import feeds

    monkeypatch.setattr(feeds, "_PIECE", 64)  # many pieces, even for a small site
    summary(site)
    export = site.public / "api/comparisons.json"
    before, status = export.read_bytes(), export.stat()
    text = (site.root / "comparisons/alpha-vs-beta.yaml").read_text()
    site.comparison("alpha-vs-beta", text + "body: A body the export does not show.\n")
    assert " 0 removed " in summary(site)
    after = export.stat()
    assert (after.st_ino, after.st_mtime_ns) == (status.st_ino, status.st_mtime_ns)
    assert export.read_bytes() == before and len(json.loads(before)) == 2
    site.comparison("alpha-vs-beta", text + "verdict: Alpha, for its parallel runs.\n")
    summary(site)
    assert export.read_bytes() != before
    verdicts = {tuple(c["compare"]): c["verdict"] for c in json.loads(export.read_bytes())}
    assert verdicts[("alpha", "beta")] == "Alpha, for its parallel runs."


@pytest.mark.parametrize("folder", ["static", "templates"])
def test_a_linked_theme_folder_still_allows_a_no_op(site: Site, folder: str) -> None:
    """A site's `static` or `templates` folder that is a link to a folder beside it is
    followed by the up-to-date check: a second build does nothing, and a file changed in
    the linked folder is noticed."""
    shared = site.root / f"theme-{folder}"
    shared.mkdir()
    name = "extra.txt" if folder == "static" else "unused-partial.html"
    (shared / name).write_text("first\n")
    if (site.root / folder).exists():
        shutil.rmtree(site.root / folder)
    (site.root / folder).symlink_to(shared.name)
    summary(site)
    assert up_to_date(site)
    assert summary(site).startswith(f"Built {site.public}: 0 written, ")
    (shared / name).write_text("second, longer\n")
    assert not up_to_date(site)
    line = summary(site)
    if folder == "static":
        assert line.startswith(f"Built {site.public}: 1 written, "), line
        assert (site.public / name).read_text() == "second, longer\n"


def up_to_date(site: Site) -> bool:
    """Whether the up-to-date check finds nothing to do (a build would be a no-op)."""
    from nicepick.incremental.uptodate import assess

    return assess(load_config(site.root, site.public, Problems())).report is not None
