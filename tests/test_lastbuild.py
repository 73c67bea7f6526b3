"""A one-off build after an edit digests (and renders) only the pages made per comparison that
the edit can reach, from what the last build left beside its record (incremental/lastbuild.py),
and trusts that only while the record it was left with is still there."""

from __future__ import annotations

import itertools
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import Site
from test_incremental import clean_build, files, summary

from nicepick.incremental import lastbuild
from nicepick.incremental.fingerprints import Fingerprints
from nicepick.models import Comparison

SLUGS = ["ant", "bee", "cat", "dog", "eel", "fox"]


@pytest.fixture
def site(site_factory: Callable[..., Site]) -> Site:
    """Six techniques of one category, every pair of them compared: 15 comparisons."""
    made = site_factory(defaults=False)
    for number, slug in enumerate(SLUGS):
        made.technique(
            slug,
            f"""
            name: {slug.title()}
            kind: tool
            category: testing
            summary: Reach for {slug.title()} when the job is number {number}.
            pros:
              - It does job {number} well.
            cons:
              - It is slow at the others.
            popularity: {90 - number * 10}
            """,
        )
    for first, second in itertools.combinations(SLUGS, 2):
        made.comparison(
            f"{first}-vs-{second}",
            f"compare: [{first}, {second}]\npick: {first}\nverdict: {first.title()} is the pick.\n",
        )
    return made


@pytest.fixture
def digested(monkeypatch: pytest.MonkeyPatch) -> set[str]:
    """The sources of the comparisons whose page each build digested (in this process: the
    site is too small to fork for)."""
    found: set[str] = set()
    real = Fingerprints._of

    def counting(self: Fingerprints, plan):  # type: ignore[no-untyped-def]
        if plan.kind == "comparison":
            found.add(plan.subject.source)
        return real(self, plan)

    monkeypatch.setattr(Fingerprints, "_of", counting)
    return found


def sources_of(*pairs: tuple[str, str]) -> set[str]:
    return {f"comparisons/{a}-vs-{b}.yaml" for a, b in pairs}


def with_one(slug: str) -> set[str]:
    return sources_of(*((a, b) for a, b in itertools.combinations(SLUGS, 2) if slug in (a, b)))


def edit(site: Site, rel: str, old: str, new: str) -> None:
    path = site.root / rel
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def published(site: Site) -> dict[str, bytes]:
    return {p: v[2] for p, v in files(site.public).items() if not p.startswith(".nicepick")}


def test_an_edit_to_one_technique_digests_only_the_pages_of_its_comparisons(
    site: Site, digested: set[str], tmp_path: Path
) -> None:
    site.build()
    assert len(digested) == 15
    digested.clear()
    edit(site, "comparisons/techniques/cat.yaml", "It does job 2 well.", "It does job 2 best.")
    line = summary(site)
    assert digested == with_one("cat")  # 5 of 15; before: every one
    assert " 0 removed" in line
    assert published(site) == clean_build(site, tmp_path / "clean")
    assert "It does job 2 best." in site.text("compare/cat-vs-fox/")


def test_an_edited_verdict_digests_only_its_own_comparison(
    site: Site, digested: set[str], tmp_path: Path
) -> None:
    site.build()
    digested.clear()
    edit(site, "comparisons/bee-vs-dog.yaml", "Bee is the pick.", "Bee is the clear pick.")
    summary(site)
    assert digested == sources_of(("bee", "dog"))
    assert published(site) == clean_build(site, tmp_path / "clean")


def test_a_changed_pick_digests_every_comparison(
    site: Site, digested: set[str], tmp_path: Path
) -> None:
    """Who wins is in every list and every technique's record: nothing is taken as it was."""
    site.build()
    digested.clear()
    edit(site, "comparisons/bee-vs-dog.yaml", "pick: bee", "pick: dog")
    summary(site)
    assert len(digested) == 15
    assert published(site) == clean_build(site, tmp_path / "clean")


def test_the_build_after_an_edit_is_a_no_op(site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    """The files carried over keep their stamps in the record: the output is still known
    intact, so the next build with nothing changed reads nothing."""
    from nicepick import build

    site.build()
    edit(site, "comparisons/techniques/cat.yaml", "It does job 2 well.", "It does job 2 best.")
    summary(site)

    def no_reading(*args: object, **kwargs: object) -> None:
        raise AssertionError("an unchanged site was read again")

    monkeypatch.setattr(build, "check_site", no_reading)
    assert " 0 written, " in summary(site)


def test_a_summary_left_with_another_record_is_not_trusted(
    site: Site, digested: set[str], tmp_path: Path
) -> None:
    """A build killed between its commit and saving its summary leaves the summary of the
    build before. Trusted, it would take an edit undone since then for no change at all."""
    site.build()
    (summary_file,) = (tmp_path / "nicepick-cache").glob("lastbuild-*.pickle")
    shutil.copy(summary_file, tmp_path / "before.pickle")
    edit(site, "comparisons/techniques/cat.yaml", "It does job 2 well.", "It does job 2 best.")
    summary(site)
    shutil.copy(tmp_path / "before.pickle", summary_file)  # as if this build never saved it
    edit(site, "comparisons/techniques/cat.yaml", "It does job 2 best.", "It does job 2 well.")
    digested.clear()
    summary(site)
    assert len(digested) == 15
    assert "It does job 2 well." in site.text("compare/cat-vs-fox/")
    assert published(site) == clean_build(site, tmp_path / "clean")


def test_kept_comparisons_bring_their_digests(site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    """A comparison taken from the kept files is not digested again from its repr: only the
    one whose file changed is."""
    site.build()
    made: list[str] = []
    real = lastbuild.digest

    def counting(text: str) -> bytes:
        made.append(text)
        return real(text)

    monkeypatch.setattr(lastbuild, "digest", counting)
    monkeypatch.setattr("nicepick.incremental.kept.digest", counting)
    edit(site, "comparisons/bee-vs-dog.yaml", "Bee is the pick.", "Bee is the clear pick.")
    summary(site)
    reprs = [text for text in made if text.startswith(f"{Comparison.__name__}(")]
    assert len(reprs) == 1 and "comparisons/bee-vs-dog.yaml" in reprs[0]


@pytest.mark.parametrize("stored", [b"", b"not a pickle", b"\x80\x05N."])
def test_an_unreadable_summary_costs_only_time(
    site: Site, digested: set[str], tmp_path: Path, stored: bytes
) -> None:
    site.build()
    (summary_file,) = (tmp_path / "nicepick-cache").glob("lastbuild-*.pickle")
    summary_file.write_bytes(stored)
    edit(site, "comparisons/techniques/cat.yaml", "It does job 2 well.", "It does job 2 best.")
    digested.clear()
    summary(site)
    assert len(digested) == 15
    assert published(site) == clean_build(site, tmp_path / "clean")


def test_lists_the_standings_alone_make_are_carried_over(
    site: Site, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """With the same standings, no technique's or group's list of comparisons is digested
    again; with other standings, every one is."""
    from nicepick.incremental import fingerprints

    site.build()
    made: list[str] = []
    real = fingerprints.matchups_text

    def counting(matchups):  # type: ignore[no-untyped-def]
        made.append("list")
        return real(matchups)

    monkeypatch.setattr(fingerprints, "matchups_text", counting)
    edit(site, "comparisons/techniques/cat.yaml", "It does job 2 well.", "It does job 2 best.")
    summary(site)
    assert made == []
    edit(site, "comparisons/bee-vs-dog.yaml", "pick: bee", "pick: dog")
    summary(site)
    assert len(made) >= len(SLUGS)
    assert published(site) == clean_build(site, tmp_path / "clean")


def test_a_verdict_saved_in_serve_digests_only_its_own_comparison(
    site: Site, digested: set[str], tmp_path: Path
) -> None:
    """A saved comparison makes new standings in serve; while they read the same pairs,
    picks and names, only that comparison's pages are looked at again, and the preview is
    what a fresh one would be."""
    from dataclasses import replace

    from nicepick.config import load_config
    from nicepick.errors import Problems
    from nicepick.serve.preview import Preview

    def preview(output: Path) -> Preview:
        config = load_config(site.root, output, Problems())
        return Preview(replace(config, live_reload=True, base_url="http://127.0.0.1:1/"), log=False)

    kept = preview(tmp_path / "kept")
    assert kept.rebuild() is not None
    for number, (old, new) in enumerate([("Bee is the pick.", "Bee, clearly."), ("Bee,", "Bee")]):
        edit(site, "comparisons/bee-vs-dog.yaml", old, new)
        digested.clear()
        assert kept.rebuild([str(site.root / "comparisons/bee-vs-dog.yaml")]) is not None
        assert digested == sources_of(("bee", "dog")), number
        fresh = preview(tmp_path / f"fresh-{number}")
        assert fresh.rebuild() is not None
        assert published_in(tmp_path / "kept") == published_in(tmp_path / f"fresh-{number}")
    edit(site, "comparisons/techniques/cat.yaml", "It does job 2 well.", "It does job 2 best.")
    digested.clear()
    assert kept.rebuild([str(site.root / "comparisons/techniques/cat.yaml")]) is not None
    assert digested == with_one("cat")


def published_in(folder: Path) -> dict[str, bytes]:
    return {p: v[2] for p, v in files(folder).items() if not p.startswith(".")}
