"""What serve leaves out of a save's build: the pages made per comparison that no edit
reached (incremental/affected.py), and the checks of comparison files when none was edited
(load.CheckedComparisons). Only the edited technique's comparisons are digested, what the
checks said is said again, and the preview is byte for byte what a fresh one would be."""

from __future__ import annotations

import gc
import os
import weakref
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import Site

from nicepick import derived, feeds, pages
from nicepick.config import load_config
from nicepick.errors import Problems
from nicepick.incremental.fingerprints import Fingerprints
from nicepick.incremental.session import LoadCaches
from nicepick.load import load_catalog
from nicepick.models import Comparison, Technique
from nicepick.pages import Plan
from nicepick.serve.preview import Preview

TECHNIQUES = 10  # in one category: 45 pairs, 9 of them with any one technique


def _technique(n: int, summary: str = "runs the tests of a small project") -> str:
    return (
        f"name: Tool {n:02}\nkind: library\ncategory: testing\n"
        f"summary: Tool {n:02} {summary}.\npopularity: {n + 1}\n"
    )


@pytest.fixture
def rivals(site_factory: Callable[..., Site]) -> Site:
    site = site_factory(
        defaults=False,
        config="title: Rivals\nbase_url: https://example.org/\ndynamic_pairs: category\n",
    )
    for n in range(TECHNIQUES):
        site.technique(f"tool-{n:02}", _technique(n))
    site.write("static/notes.txt", "kept beside the pages\n")
    return site


def _preview(site: Site, output: Path) -> Preview:
    config = load_config(site.root, output, Problems())
    return Preview(replace(config, live_reload=True, base_url="http://127.0.0.1:1/"), log=False)


def _contents(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def digested(monkeypatch: pytest.MonkeyPatch) -> list[Plan]:
    """Every plan digested from now on."""
    seen: list[Plan] = []
    digest = Fingerprints._of

    def spy(self: Fingerprints, plan: Plan) -> bytes:
        seen.append(plan)
        return digest(self, plan)

    monkeypatch.setattr(Fingerprints, "_of", spy)
    return seen


def test_a_technique_edit_digests_only_its_own_comparisons_pages(
    rivals: Site, tmp_path: Path, digested: list[Plan]
) -> None:
    kept = _preview(rivals, tmp_path / "kept")
    assert kept.rebuild() is not None
    assert Counter(plan.kind for plan in digested)["comparison"] == 45
    digested.clear()
    edited = rivals.technique("tool-03", _technique(3, "checks the types of a large project"))
    report = kept.rebuild([str(edited)])
    assert report is not None, kept.errors
    pairs = {p.subject for p in digested if p.kind == "comparison"}
    assert all(isinstance(c, Comparison) for c in pairs)
    assert sorted((c.first, c.second) for c in pairs) == sorted(
        (min(a, b), max(a, b))
        for a, b in (("tool-03", f"tool-{n:02}") for n in range(TECHNIQUES) if n != 3)
    )
    assert _contents(tmp_path / "kept") == _contents(_fresh(rivals, tmp_path / "fresh-1"))
    page = (tmp_path / "kept" / "compare" / "tool-03-vs-tool-09" / "index.html").read_text()
    assert "checks the types of a large project" in page


@pytest.mark.parametrize("sitemap_limit", [0, 10])
def test_files_removed_beside_a_left_out_build_are_removed_from_the_preview(
    rivals: Site,
    tmp_path: Path,
    digested: list[Plan],
    sitemap_limit: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A static file and a tag page gone while the comparisons' pages are left out. With a
    sitemap of ten addresses, the sitemaps' runs of comparison pages are kept as digests
    while the run of other pages changes."""
    if sitemap_limit:
        monkeypatch.setattr(pages, "SITEMAP_LIMIT", sitemap_limit)
    rivals.technique("tool-05", _technique(5) + "related: [fast-feedback]\n")
    kept = _preview(rivals, tmp_path / "kept")
    assert kept.rebuild() is not None
    assert (tmp_path / "kept" / "notes.txt").exists()
    tags = {p for p in _contents(tmp_path / "kept") if "fast-feedback" in p}
    assert tags
    digested.clear()
    rivals.remove("static/notes.txt")
    rivals.technique("tool-05", _technique(5))
    assert kept.rebuild(None) is not None, kept.errors
    assert len([p for p in digested if p.kind == "comparison"]) == TECHNIQUES - 1
    got = _contents(tmp_path / "kept")
    assert "notes.txt" not in got
    assert not {p for p in got if "fast-feedback" in p}
    assert got == _contents(_fresh(rivals, tmp_path / "fresh"))


def test_a_left_out_save_takes_the_last_record_over(rivals: Site, tmp_path: Path) -> None:
    """The record of a save that leaves pages out is the last one, taken over rather than
    copied (0.15 s a save at 100,000 comparisons), and reads as a fresh preview's: the same
    files with the same records, and the removed ones counted."""
    rivals.technique("tool-05", _technique(5) + "related: [fast-feedback]\n")
    kept = _preview(rivals, tmp_path / "kept")
    assert kept.rebuild() is not None
    before = kept.session.manifest
    assert before is not None
    records = before.files
    tags = [p for p in records if "fast-feedback" in p]
    rivals.remove("static/notes.txt")
    rivals.technique("tool-05", _technique(5, "checks the types of a large project"))
    report = kept.rebuild(None)  # a file was removed: the watcher names none
    assert report is not None, kept.errors
    after = kept.session.manifest
    assert after is not None and after.files is records
    assert report.removed == len(tags) + 1 and report.written > 0
    fresh = _preview(rivals, tmp_path / "fresh")
    assert fresh.rebuild() is not None and fresh.session.manifest is not None
    assert after.files == fresh.session.manifest.files


def test_a_save_makes_again_only_the_cards_it_reaches(
    rivals: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each technique's card is the last build's while its file, its links and its label
    are; renaming a technique makes again the cards that link to it."""
    made: list[str] = []
    make = derived.card

    def spy(technique: Technique, *args: object) -> object:
        made.append(technique.slug)
        return make(technique, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(derived, "card", spy)
    rivals.technique("tool-05", _technique(5) + "related: [tool-03]\n")
    kept = _preview(rivals, tmp_path / "kept")
    assert kept.rebuild() is not None
    assert sorted(made) == [f"tool-{n:02}" for n in range(TECHNIQUES)]
    made.clear()
    edited = rivals.technique("tool-07", _technique(7, "checks the types of a large project"))
    assert kept.rebuild([str(edited)]) is not None, kept.errors
    assert made == ["tool-07"]
    made.clear()
    renamed = rivals.technique("tool-03", _technique(3).replace("Tool 03", "Tool Three"))
    assert kept.rebuild([str(renamed)]) is not None, kept.errors
    assert sorted(made) == ["tool-03", "tool-05"]
    page = (tmp_path / "kept" / "tools" / "tool-05" / "index.html").read_text()
    assert "Tool Three" in page
    assert _contents(tmp_path / "kept") == _contents(_fresh(rivals, tmp_path / "fresh"))


def test_a_save_encodes_again_only_the_edited_techniques_export_line(
    rivals: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    encoded: list[str] = []
    encode = feeds._line

    def spy(item: dict[str, object]) -> bytes:
        if "slug" in item:  # a technique's line, not a comparison's
            encoded.append(str(item["slug"]))
        return encode(item)

    monkeypatch.setattr(feeds, "_line", spy)
    kept = _preview(rivals, tmp_path / "kept")
    assert kept.rebuild() is not None
    assert len(encoded) == TECHNIQUES
    encoded.clear()
    edited = rivals.technique("tool-07", _technique(7, "checks the types of a large project"))
    assert kept.rebuild([str(edited)]) is not None, kept.errors
    assert encoded == ["tool-07"]
    export = (tmp_path / "kept" / "api" / "techniques.json").read_text()
    assert "checks the types of a large project" in export
    assert _contents(tmp_path / "kept") == _contents(_fresh(rivals, tmp_path / "fresh"))


def test_a_clash_with_a_left_out_page_is_still_found(rivals: Site, tmp_path: Path) -> None:
    """serve keeps what it checked of the pages made per comparison while the standings
    stand; a static file saved onto one of them is still refused."""
    kept = _preview(rivals, tmp_path / "kept")
    assert kept.rebuild() is not None
    edited = rivals.technique("tool-03", _technique(3, "checks the types of a large project"))
    assert kept.rebuild([str(edited)]) is not None
    rivals.write("static/compare/tool-01-vs-tool-02/index.html", "<p>mine</p>")
    assert kept.rebuild(None) is None
    assert any("would replace the generated page" in line for line in kept.errors)
    rivals.remove("static/compare/tool-01-vs-tool-02/index.html")
    assert kept.rebuild(None) is not None, kept.errors


def test_a_technique_save_says_again_what_was_wrong_with_a_comparison(rivals: Site) -> None:
    """The checks of comparison files are not run again when only a technique was saved:
    what they said is said again."""
    rivals.comparison("tool-01-vs-tooly", "compare: [tool-01, Tooly]\npick: tool-01\n")
    config = load_config(rivals.root, None, Problems())
    caches = LoadCaches()
    first = Problems()
    load_catalog(config, first, caches)
    assert any("Tooly" in p.message for p in first.items)
    edited = rivals.technique("tool-03", _technique(3, "checks the types of a large project"))
    caches.edited = frozenset({edited})
    again = Problems()
    catalog = load_catalog(config, again, caches)
    assert again.sorted() == first.sorted()
    assert "checks the types" in catalog.techniques["tool-03"].summary


def test_a_reference_that_resolves_elsewhere_after_a_technique_save_is_followed(
    rivals: Site, tmp_path: Path
) -> None:
    """A comparison names a technique by an alias; a save moves the alias to another
    technique, and the comparison's page moves with it."""
    rivals.comparison("tool-01-vs-tooly", "compare: [tool-01, Tooly]\npick: tool-01\n")
    rivals.technique("tool-04", _technique(4) + "aliases: [Tooly]\n")
    kept = _preview(rivals, tmp_path / "kept")
    assert kept.rebuild() is not None, kept.errors
    moved = [
        rivals.technique("tool-04", _technique(4)),
        rivals.technique("tool-05", _technique(5) + "aliases: [Tooly]\n"),
    ]
    assert kept.rebuild([str(path) for path in moved]) is not None, kept.errors
    assert _contents(tmp_path / "kept") == _contents(_fresh(rivals, tmp_path / "fresh"))
    page = (tmp_path / "kept" / "compare" / "tool-01-vs-tool-05" / "index.html").read_text()
    assert "/tools/tool-01/" in page


@pytest.mark.parametrize("sitemap_limit", [0, 10])
def test_a_technique_saved_on_a_later_day_dates_its_generated_pairs_again(
    rivals: Site, tmp_path: Path, sitemap_limit: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """serve keeps the last dates while no comparison changed and the techniques' dates are
    the same; a generated pair is as new as its newer technique, so a technique saved today
    (the site has no git history: modification times date it) dates its pairs today, in
    the sitemaps too."""
    if sitemap_limit:
        monkeypatch.setattr(pages, "SITEMAP_LIMIT", sitemap_limit)
    long_ago = 1_600_000_000  # 2020-09-13
    for path in (rivals.root / "comparisons" / "techniques").glob("*.yaml"):
        os.utime(path, (long_ago, long_ago))
    kept = _preview(rivals, tmp_path / "kept")
    assert kept.rebuild() is not None
    page = tmp_path / "kept" / "compare" / "tool-03-vs-tool-09" / "index.html"
    assert '"dateModified":"2020-09-13"' in page.read_text()
    edited = rivals.technique("tool-03", _technique(3, "checks the types of a large project"))
    assert kept.rebuild([str(edited)]) is not None, kept.errors
    assert '"dateModified":"2020-09-13"' not in page.read_text()
    assert _contents(tmp_path / "kept") == _contents(_fresh(rivals, tmp_path / "fresh"))


def test_a_popularity_saved_equal_leaves_a_written_pair_undecided(
    rivals: Site, tmp_path: Path
) -> None:
    """No comparison file is checked again on a technique save, but whether popularity still
    decides each written pair is: a tie is refused on the save that makes it."""
    rivals.comparison("tool-01-vs-tool-02", "compare: [tool-01, tool-02]\n")
    kept = _preview(rivals, tmp_path / "kept")
    assert kept.rebuild() is not None, kept.errors
    edited = rivals.technique("tool-03", _technique(3, "checks the types of a large project"))
    assert kept.rebuild([str(edited)]) is not None, kept.errors
    tie = rivals.technique("tool-01", _technique(1).replace("popularity: 2", "popularity: 3"))
    assert kept.rebuild([str(tie)]) is None
    assert any("nothing decides the pick between Tool 01 and Tool 02" in e for e in kept.errors)


def _fresh(site: Site, output: Path) -> Path:
    assert _preview(site, output).rebuild() is not None
    return output


class _Knot:
    """An object in a reference cycle: only the garbage collector frees it."""

    def __init__(self) -> None:
        self.me = self


def test_a_pause_collects_what_was_made_since_and_a_long_one_everything(
    rivals: Site, tmp_path: Path
) -> None:
    """serve's collection after a pause looks only at objects made since the last one (the
    rest is set aside: a whole collection took seconds on a large site); after a long pause
    it looks at everything, so garbage among what was set aside is freed too."""
    preview = _preview(rivals, tmp_path / "kept")
    try:
        assert preview.rebuild() is not None
        kept = _Knot()
        preview.tidy()
        assert gc.get_freeze_count() > 0
        dropped = weakref.ref(_Knot())
        edited = rivals.technique("tool-03", _technique(3, "checks the types of a large project"))
        assert preview.rebuild([str(edited)]) is not None
        preview.tidy()
        assert dropped() is None  # made since the last collection: freed
        set_aside = weakref.ref(kept)
        del kept
        preview.tidy()
        assert set_aside() is not None  # garbage now, but among what was set aside
        preview.tidy(whole=True)
        assert set_aside() is None
    finally:
        gc.unfreeze()


def test_a_replaced_template_environment_is_freed_after_the_next_pause(
    rivals: Site, tmp_path: Path
) -> None:
    """A settings save replaces serve's template environment, a reference cycle among
    objects set aside at the last pause: the next pause's collection frees it."""
    preview = _preview(rivals, tmp_path / "kept")
    try:
        assert preview.rebuild() is not None
        preview.tidy()
        assert preview.session.compiled is not None
        old = weakref.ref(preview.session.compiled[1])
        rivals.write(
            "nicepick.yaml",
            "title: Rivals, renamed\nbase_url: https://example.org/\ndynamic_pairs: category\n",
        )
        assert preview.rebuild(None) is not None, preview.errors
        preview.tidy()
        assert old() is None
    finally:
        gc.unfreeze()
