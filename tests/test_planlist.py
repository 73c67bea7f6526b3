"""The site's plans as one sequence (planlist.py): most of a large site's plans (a page, a
redirect and a card per comparison) are made when asked for, never held all at once. Whatever
is asked of the sequence must answer as the list of every plan would."""

from __future__ import annotations

import gc
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest
from conftest import REPO, Site
from hypothesis import given
from hypothesis import strategies as st

from nicepick import siteplan
from nicepick.build import CheckedSite, check_site
from nicepick.config import load_config
from nicepick.errors import Problems
from nicepick.feeds import sitemap_entries
from nicepick.pages import Plan
from nicepick.planlist import Made, PlanList, taken

TECHNIQUES = 24  # of one category and kind, all rivals: 276 dynamic pairs


def _rivals(site_factory: Callable[..., Site]) -> Site:
    site = site_factory(
        defaults=False,
        config="title: Rivals\nbase_url: https://example.org/\ndynamic_pairs: category\n",
    )
    for n in range(TECHNIQUES):
        site.technique(
            f"tool-{n:02}",
            f"name: Tool {n:02}\nkind: library\ncategory: testing\n"
            f"summary: Tool {n:02} runs the tests of a small project.\npopularity: {n + 1}\n",
        )
    return site


def _checked(root: Path) -> CheckedSite:
    return check_site(load_config(root, None, Problems()))


def _plans_alive() -> int:
    gc.collect()
    return sum(1 for thing in gc.get_objects() if isinstance(thing, Plan))


def test_a_comparisons_plans_are_made_when_asked_for(
    site_factory: Callable[..., Site],
) -> None:
    site = _rivals(site_factory)
    before = _plans_alive()
    checked = _checked(site.root)
    pairs = len(checked.catalog.comparisons)
    assert pairs == TECHNIQUES * (TECHNIQUES - 1) // 2
    kinds = [plan.kind for plan in checked.plans]
    for kind in ("comparison", "redirect", "comparison-card"):
        assert kinds.count(kind) == pairs
    # Planned, the site holds its few other plans (techniques, lists, feeds): none per pair.
    held = _plans_alive() - before
    assert 0 < held < len(kinds) - 3 * pairs + 10


def test_generated_pairs_share_what_they_have_none_of(
    site_factory: Callable[..., Site],
) -> None:
    """A dynamic pair has no clauses, extra keys or lines: one empty mapping for every pair,
    not three per pair."""
    comparisons = _checked(_rivals(site_factory).root).catalog.comparisons
    assert all(c.generated for c in comparisons)
    empties = {id(m) for c in comparisons for m in (c.choose_if, c.extra, c.lines)}
    assert len(empties) == 1
    assert not comparisons[0].lines


def test_the_sequence_answers_as_the_list_of_its_plans() -> None:
    plans = _checked(REPO).plans
    every = list(plans)
    assert len(every) == len(plans)
    assert [plans[k].path for k in range(len(plans))] == [p.path for p in every]
    assert [plans[-k].path for k in range(1, 6)] == [p.path for p in every[-1:-6:-1]]
    assert list(plans.paths()) == [p.path for p in every]
    assert plans.templates() == {p.template for p in every if p.template}
    assert [p.path for p in plans.in_sitemap()] == [p.path for p in every if p.in_sitemap]
    with pytest.raises(IndexError):
        plans[len(plans)]


def test_made_parts_say_of_their_plans_what_their_plans_say(
    site_factory: Callable[..., Site],
) -> None:
    """What a Made part declares (address, sitemap, template) is what its plans hold."""
    for root in (REPO, _rivals(site_factory).root):
        made = [part for part in _checked(root).plans.parts if isinstance(part, Made)]
        assert {part[0].kind for part in made} == {"comparison", "redirect", "comparison-card"}
        for part in made:
            for plan, path in zip(part, part.paths(), strict=True):
                assert plan.path == path
                assert plan.in_sitemap == part.in_sitemap
                assert plan.template == part.template
                assert plan.kind == part.kind


def test_the_sitemaps_list_every_pair_once(site_factory: Callable[..., Site]) -> None:
    site = _rivals(site_factory)
    site.build()
    listed = (site.public / "sitemap.xml").read_text()
    checked = _checked(site.root)
    for comparison in checked.catalog.comparisons:
        address = f"https://example.org/{checked.planned.derived.paths[comparison]}"
        assert listed.count(f"<loc>{address}</loc>") == 1


def test_colliding_paths_are_found_when_every_hash_matches(
    site_factory: Callable[..., Site], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The check first looks for repeated hashes of paths; a repeat that is no collision (two
    paths, one hash) must report nothing, and a real one its two sources."""
    monkeypatch.setattr(siteplan, "hash", lambda _: 0, raising=False)
    assert _checked(_rivals(site_factory).root).plans
    one = Plan("a/", "the file a", "home")
    two = Plan("b/", "the file b", "home")
    three = Plan("a/", "the file c", "home")
    assert siteplan.collisions(PlanList([[one, two]])) == []
    found = siteplan.collisions(PlanList([[one], [two, three]]))
    assert [(p.path, p.message) for p in found] == [
        ("the file c", "its page /a/ is also produced by the file a")
    ]


def test_collisions_with_the_kept_hashes_of_made_pages_are_found() -> None:
    """serve keeps the hashes of the paths of the pages made per comparison; a held page
    that lands on one of them, or on another held page, is still a collision."""
    made = Made(
        ["x", "y"], lambda s: Plan(f"{s}/", f"the pair {s}", "comparison"), "{}/".format, True
    )
    known = siteplan.hashes(PlanList([made]), True)
    assert known is not None
    apart = PlanList([made, [Plan("z/", "the file z", "home")]])
    assert siteplan.collisions(apart, known) == []
    onto = PlanList([made, [Plan("y/", "the file y", "home")]])
    assert [p.path for p in siteplan.collisions(onto, known)] == ["the file y"]
    twice = PlanList([made, [Plan("z/", "one", "home"), Plan("z/", "two", "home")]])
    assert [p.path for p in siteplan.collisions(twice, known)] == ["two"]


def _changed(n: int) -> date | None:
    return None if n % 5 == 0 else date(2024, 1, 1) + timedelta(days=n)


def _plan(n: int) -> Plan:
    return Plan(f"p{n}/", f"source {n}", "home", in_sitemap=n % 3 != 0, lastmod=_changed(n))


@given(
    st.lists(st.tuples(st.booleans(), st.integers(0, 5)), max_size=6),
    st.integers(-40, 40),
    st.integers(-40, 40),
    st.sampled_from([None, 1, 2, -1, 3]),
)
def test_slices_and_indices_match_a_list(
    shape: list[tuple[bool, int]], start: int, stop: int, step: int | None
) -> None:
    parts: list[list[Plan] | Made] = []
    flat: list[Plan] = []
    for made, size in shape:
        numbers = list(range(len(flat), len(flat) + size))
        if made:  # half of them know their subjects' changes, as the comparisons do
            known = _changed if len(parts) % 2 else None
            parts.append(Made(numbers, _plan, lambda n: f"p{n}/", True, lastmod=known))
        else:
            parts.append([_plan(n) for n in numbers])
        flat += [_plan(n) for n in numbers]
    plans = PlanList(parts)
    paths = [p.path for p in flat]
    assert len(plans) == len(flat)
    assert len(list(plans.paths(made=True))) == sum(size for made, size in shape if made)
    assert sorted([*plans.paths(made=True), *plans.paths(made=False)]) == sorted(paths)
    assert [p.path for p in plans[start:stop:step]] == paths[start:stop:step]
    window = plans[start:stop]
    assert [p.path for p in window[1:]] == paths[start:stop][1:]
    assert len(window) == len(paths[start:stop])
    # What a sitemap lists of a window, without making the plans of parts that know it.
    assert sitemap_entries(window) == [(p.path, p.lastmod) for p in flat[start:stop]]
    assert sitemap_entries(flat[start:stop]) == sitemap_entries(window)
    if step is not None and step > 0:  # a worker's share: every step-th plan of a range
        share = range(max(start, 0), max(stop, 0), step)
        inside = range(share.start, min(share.stop, len(flat)), step)
        assert [p.path for p in taken(plans, inside)] == [paths[k] for k in inside]
        assert [p.path for p in taken(flat, inside)] == [paths[k] for k in inside]
        beyond = range(share.start, share.stop + len(flat) + 1, step)
        if beyond and beyond[-1] >= len(flat):  # past the end: raises, as a list's index does
            with pytest.raises(IndexError):
                list(taken(plans, beyond))
    for index in (start, stop):
        if -len(flat) <= index < len(flat):
            assert plans[index].path == paths[index]
            if -len(window) <= index < len(window):
                assert window[index].path == paths[start:stop][index]
        else:
            with pytest.raises(IndexError):
                plans[index]


@given(
    st.lists(
        st.sampled_from(
            ["compare", "compare/x.txt", "compare/a-vs-b/index.html", "comparex", "compared/y",
             "assets/hashed/style.css", "favicon.ico", "tools/compare/z", "compare/"]
        ),
        max_size=4,
    )
)  # fmt: skip
def test_made_paths_near_static_files_are_all_asked_for_or_none_can_meet_them(
    static: list[str],
) -> None:
    """A part made per comparison, every path of which is in its folder, is passed over when
    no static file is in that folder or named like it: none of its paths can then be one of
    them, lie in one or need one's place for a folder. Else every path is given."""
    asked: list[str] = []

    def path(subject: str) -> str:
        asked.append(subject)
        return f"compare/{subject}/"

    def make(subject: str) -> Plan:
        raise AssertionError("no plan is made to list the paths")

    part = Made(["a-vs-b", "b-vs-c"], make, path, False, folder="compare/")
    listed = list(PlanList([part]).paths(made=True, near=static))
    meets = any(s == "compare" or s.startswith("compare/") for s in static)
    assert listed == (["compare/a-vs-b/", "compare/b-vs-c/"] if meets or not static else [])
    assert len(asked) == len(listed)
