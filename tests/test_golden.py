"""Golden sites: tiny sites whose every output byte is checked against files in the repo.

Each `tests/sites/golden-*/` is a site; its `expected/` folder is what a clean build of it
writes (the manifest aside). A change that alters any byte of any page fails here, on
purpose: look at the diff, and if it is what you meant, regenerate with

    pytest tests/test_golden.py --regen-goldens

and commit the new expected files with the change that explains them.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import REPO

from nicepick.cli import main

SITES = sorted(p for p in (REPO / "tests" / "sites").glob("golden-*") if p.is_dir())
SKIPPED = {".nicepick-manifest.json"}


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file() and p.name not in SKIPPED}


def build(site: Path, output: Path, *flags: str) -> dict[str, bytes]:
    result = CliRunner().invoke(main, ["build", "--source", str(site), "--output", str(output),
                                       "-q", *flags])
    assert result.exit_code == 0, result.output
    return tree(output)


@pytest.mark.parametrize("site", SITES, ids=[p.name for p in SITES])
def test_a_clean_build_writes_exactly_the_expected_bytes(site: Path, tmp_path: Path,
                                                         request: pytest.FixtureRequest) -> None:
    built = build(site, tmp_path / "public", "--clean")
    expected_dir = site / "expected"
    if request.config.getoption("--regen-goldens"):
        shutil.rmtree(expected_dir, ignore_errors=True)
        shutil.copytree(tmp_path / "public", expected_dir,
                        ignore=shutil.ignore_patterns(*SKIPPED))
    expected = tree(expected_dir)
    assert sorted(built) == sorted(expected), "pages added or missing"
    changed = [path for path in built if built[path] != expected[path]]
    assert changed == [], f"{len(changed)} files differ, first: {changed[:5]}"
