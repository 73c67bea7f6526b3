"""Golden sites: tiny sites whose every output byte is checked against files in the repo.

Each `tests/sites/golden-*/` is a site; its `expected/` folder is what a clean build of it
writes. A change that alters any byte of any page fails here, on
purpose: look at the diff, and if it is what you meant, regenerate with

    pytest tests/test_golden.py --regen-goldens

and commit the new expected files with the change that explains them.

Each site is built from a copy outside the repository, every file dated 1 March 2026: pages
carry their files' dates, which inside a git checkout come from its history and would change
with every commit of a golden site. Share cards are checked for what they are (a 1200×630
PNG), not byte for byte: their pixels come from FreeType, which may draw a glyph's edge a shade
differently from one release to the next.
"""

from __future__ import annotations

import calendar
import os
import shutil
import struct
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import REPO

from nicepick import processes
from nicepick.cli import main

SITES = sorted(p for p in (REPO / "tests" / "sites").glob("golden-*") if p.is_dir())
DAY = calendar.timegm((2026, 3, 1, 12, 0, 0))


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def build(site: Path, output: Path, *flags: str) -> dict[str, bytes]:
    result = CliRunner().invoke(
        main, ["build", "--source", str(site), "--output", str(output), "-q", *flags]
    )
    assert result.exit_code == 0, result.output
    return tree(output)


def dated_copy(site: Path, into: Path) -> Path:
    shutil.copytree(site, into, ignore=shutil.ignore_patterns("expected"))
    for path in [into, *into.rglob("*")]:
        os.utime(path, (DAY, DAY))
    return into


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


@pytest.mark.parametrize("site", SITES, ids=[p.name for p in SITES])
def test_a_clean_build_writes_exactly_the_expected_bytes(
    site: Path, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    built = build(dated_copy(site, tmp_path / "site"), tmp_path / "public", "--clean")
    expected_dir = site / "expected"
    if request.config.getoption("--regen-goldens"):
        shutil.rmtree(expected_dir, ignore_errors=True)
        shutil.copytree(tmp_path / "public", expected_dir)
    expected = tree(expected_dir)
    assert sorted(built) == sorted(expected), "pages added or missing"
    cards = [path for path in built if path.endswith(".png")]
    assert cards and all(
        png_size(built[path]) == (1200, 630) for path in cards if path.endswith("card.png")
    )
    changed = [path for path in built if built[path] != expected[path] and path not in cards]
    assert changed == [], f"{len(changed)} files differ, first: {changed[:5]}"


@pytest.mark.parametrize("site", SITES, ids=[p.name for p in SITES])
def test_every_speed_up_on_writes_what_every_one_off_writes(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Off: `--clean`, a cache folder of its own, one process. On: kept comparisons, stamps,
    the up-to-date check, page fingerprints and forked workers for every loop, over a first
    build, a build after a comparison file was rewritten without changing a page, and a
    no-op build. The same bytes each time, share cards included (one machine, one FreeType)."""
    copy = dated_copy(site, tmp_path / "site")
    monkeypatch.setattr(processes.os, "cpu_count", lambda: 1)
    monkeypatch.setenv("NICEPICK_CACHE_DIR", str(tmp_path / "off-cache"))
    off = build(copy, tmp_path / "off", "--clean")
    monkeypatch.setattr(processes.os, "cpu_count", lambda: 2)
    for job in processes.FORK_FROM:
        monkeypatch.setitem(processes.FORK_FROM, job, 1)
    monkeypatch.setenv("NICEPICK_CACHE_DIR", str(tmp_path / "on-cache"))
    assert build(copy, tmp_path / "on") == off
    rewritten = sorted((copy / "comparisons").glob("*.yaml"))[0]
    rewritten.write_text(rewritten.read_text("utf-8") + "# read again, changes no page\n")
    os.utime(rewritten, (DAY, DAY))  # outside git, a file's date is its modification time
    assert build(copy, tmp_path / "on") == off
    assert build(copy, tmp_path / "on") == off


def test_every_kind_of_file_says_what_it_shows(tmp_path: Path) -> None:
    """An incremental build keeps a page whose fingerprint is unchanged; a kind of page with no
    entry in the one list of what pages show would be kept forever. Every kind the golden sites
    have is listed, and the list names no kind that no golden site has but the sitemap index
    (tests/test_output.py builds one)."""
    from nicepick.build import check_site
    from nicepick.config import load_config
    from nicepick.errors import Problems
    from nicepick.incremental.fingerprints import SHOWS

    kinds: set[str] = set()
    for site in SITES:
        copy = dated_copy(site, tmp_path / site.name)
        kinds |= {plan.kind for plan in check_site(load_config(copy, None, Problems())).plans}
    assert kinds <= set(SHOWS), kinds - set(SHOWS)
    assert set(SHOWS) - kinds == {"sitemap-index"}
