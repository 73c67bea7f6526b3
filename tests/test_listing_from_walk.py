"""A one-off build lists the content files from the walk its up-to-date check made
(sitefiles.from_walk): for any tree of files, the same listing as find_site_files, or none
where find_site_files has something to say."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from conftest import Site
from hypothesis import example, given, settings
from hypothesis import strategies as st
from test_incremental import summary

from nicepick import sitefiles
from nicepick.config import SiteConfig
from nicepick.errors import Problems
from nicepick.incremental.kept import OnDisk
from nicepick.incremental.signature import input_signature
from nicepick.sitefiles import find_site_files

NAMES = st.sampled_from(
    ["a", "b", "B", "techniques", ".hidden", "x.yaml", "y.YML", "z.yml", "notes.txt",
     ".dot.yaml", "two words.yaml", "tab\there.yaml", "ü.yaml", "a.yaml.bak",
     "a.yaml", "a-b.yaml"]
)  # fmt: skip
TREES = st.lists(st.lists(NAMES, min_size=1, max_size=4), max_size=12)


def _from_walk(site: Path) -> sitefiles.SiteFiles | None:
    """The listing a one-off build takes from its up-to-date check's walk (OnDisk.listing)."""
    walked: list[str] = []
    assert input_signature(SiteConfig(source=site, output=site / "public"), walked)
    return OnDisk(walked).listing(site)


def _make(site: Path, tree: list[list[str]]) -> None:
    (site / "comparisons").mkdir(parents=True)
    for parts in tree:
        folder = site / "comparisons" / Path(*parts[:-1]) if parts[:-1] else site / "comparisons"
        target = folder / parts[-1]
        try:
            folder.mkdir(parents=True, exist_ok=True)
            if not target.exists():
                target.write_text("compare: [a, b]\n")
        except (FileExistsError, NotADirectoryError):
            continue  # a file where this tree wants a folder, or the other way round


@settings(max_examples=60)
@given(TREES)
# Plain string order puts a.yaml and a-b.yaml before a/x.yaml; part order, after.
@example([["a", "x.yaml"], ["a.yaml"], ["a-b.yaml"]])
def test_the_walk_lists_what_a_listing_would(tree: list[list[str]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "site"
        _make(site, tree)
        problems = Problems()
        listed = find_site_files(site, problems)
        found = _from_walk(site)
        if found is None:  # the files are listed again: slower, never wrong
            odd = any(not name.isprintable() for parts in tree for name in parts)
            assert problems.items or odd, "gave up where a listing finds nothing wrong"
        else:
            assert not problems.items
            assert found == listed


def test_a_bad_name_is_still_reported(site: Site) -> None:
    """The walk does not judge names: a control character in one means the files are listed
    again, and the build says what is wrong."""
    site.build()
    site.comparison("alpha-vs-gamma\x01", "compare: [alpha, gamma]\n")
    result = site.build(expect=1)
    assert "control character" in result.output


def test_a_build_after_an_edit_does_not_list_the_files_again(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    site.build()
    gamma = site.root / "comparisons/techniques/gamma.yaml"
    gamma.write_text(gamma.read_text().replace("summary: ", "summary: Again. ", 1))

    def no_listing(*args: object) -> None:
        raise AssertionError("the content files were listed again")

    monkeypatch.setattr(sitefiles, "find_site_files", no_listing)
    monkeypatch.setattr("nicepick.sources.find_site_files", no_listing)
    assert " 0 removed" in summary(site)
    assert "Again." in site.text("tools/gamma/")


def test_a_comparisons_folder_that_is_a_link_is_listed(site: Site, tmp_path: Path) -> None:
    """A link as comparisons/ itself may lead out of the site; find_site_files judges it."""
    site.build()
    elsewhere = tmp_path / "elsewhere"
    shutil.move(site.root / "comparisons", elsewhere)
    (site.root / "comparisons").symlink_to(elsewhere)
    result = site.build(expect=1)
    assert "outside the site" in result.output


def test_dates_take_their_times_from_the_walk(site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    """A build after an edit stats no content file to date it: the up-to-date check's walk
    saw every file's time moments before. (The walk itself stats each name relative to its
    open folder, with dir_fd: those calls are the walk's, not the dating's.)"""
    import os

    site.build()
    gamma = site.root / "comparisons/techniques/gamma.yaml"
    gamma.write_text(gamma.read_text().replace("summary: ", "summary: Again. ", 1))
    looked: list[str] = []
    real = os.lstat

    def counting(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        if str(path).endswith(".yaml") and kwargs.get("dir_fd") is None:
            looked.append(str(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os, "lstat", counting)
    assert " 0 removed" in summary(site)
    assert looked == []
