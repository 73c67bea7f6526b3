"""What `check` warns about in a site that builds, but probably not as its editor meant: one
category or tag spelt several ways, a date in the future, a misspelt template override, a
content file with the wrong suffix. Warnings never stop a build; `check --strict` fails on
them. (Techniques readers cannot tell apart are errors: test_errors.py.)"""

from __future__ import annotations

import json

import pytest
from conftest import Site
from hypothesis import given
from hypothesis import strategies as st

from nicepick.cli import main


def warnings(site: Site, *args: str) -> list[str]:
    result = site.runner.invoke(
        main, ["check", "--source", str(site.root), "--format", "json", *args]
    )
    findings = json.loads(result.output)
    assert all(f["severity"] == "warning" for f in findings), findings
    return [f"{f['path']}:{f['line']}: {f['message']} ({f['hint']})" for f in findings]


def new_warnings(site: Site, change: object) -> list[str]:
    before = set(warnings(site))
    assert callable(change)
    change()
    site.build()  # a warning never stops a build
    return sorted(set(warnings(site)) - before)


def test_a_category_or_tag_written_two_ways(site: Site) -> None:
    def add() -> None:
        site.technique("zeta", "name: Zeta\nsummary: Z.\ncategory: Testing\nrelated: [Python]\n")

    found = new_warnings(site, add)
    assert (
        "comparisons/techniques/zeta.yaml:3: category 'Testing' is written 'testing' in "
        "comparisons/techniques/alpha.yaml; they share one page (write it the same way "
        "everywhere: 'testing')"
    ) in found
    assert (
        "comparisons/techniques/zeta.yaml:4: tag 'Python' is written 'python' in "
        "comparisons/techniques/alpha.yaml; they share one page (write it the same way "
        "everywhere: 'python')"
    ) in found


def test_a_technique_named_in_related_by_name_or_slug_is_no_tag_spelling(site: Site) -> None:
    """Alpha lists `beta`; Zeta lists `Beta` and `Alpha Classic` (an alias): each links to
    the technique's page, as the README says, and no spelling is wrong."""

    def add() -> None:
        site.technique(
            "zeta", "name: Zeta\nsummary: Z.\nrelated: [Beta, Alpha Classic, Unit testing]\n"
        )

    found = new_warnings(site, add)
    assert [w for w in found if "'Beta'" in w or "'Alpha Classic'" in w] == []
    assert any("tag 'Unit testing' is written 'Unit Testing'" in w for w in found), found


def test_a_related_entry_a_letter_from_a_technique_is_named(site: Site) -> None:
    """'postgresq' meant PostgreSQL's page and made a tag page of its own, without a word;
    a tag several techniques share is one on purpose."""
    site.technique("postgresql", "name: PostgreSQL\nsummary: P.\n")

    def add() -> None:
        site.technique("zeta", "name: Zeta\nsummary: Z.\nrelated: [postgresq, fast]\n")

    found = [w for w in new_warnings(site, add) if "related" in w]
    assert found == [
        "comparisons/techniques/zeta.yaml:3: related 'postgresq' is no technique, so it makes "
        "a tag page of its own (did you mean 'postgresql'?)"
    ]


def test_a_choose_if_naming_a_fact_the_other_side_wins_on(site: Site) -> None:
    site.write(
        "nicepick.yaml",
        "title: T\nbase_url: https://example.org/\n"
        "facts:\n  price: {label: Price, unit: USD, better: lower}\n",
    )
    site.technique("alpha", "name: Alpha\nsummary: A.\nfacts: {price: 40}\npopularity: 90\n")
    site.technique("beta", "name: Beta\nsummary: B.\nfacts: {price: 30}\npopularity: 60\n")

    def slip() -> None:
        site.comparison(
            "alpha-vs-beta",
            "compare: [alpha, beta]\npick: alpha\nchoose_if:\n  alpha: when the price matters\n",
        )

    assert new_warnings(site, slip) == [
        "comparisons/alpha-vs-beta.yaml:3: choose_if for alpha names 'Price', on which Beta is "
        "better (30 USD against 40 USD) (check the two values or the clause: the page shows "
        "both under it)"
    ]
    # Said the other way round, or about the side that is better, it is what the editor meant.
    for clause in ("alpha: when the price does not matter", "beta: when the price matters"):
        site.comparison("alpha-vs-beta", f"compare: [alpha, beta]\nchoose_if:\n  {clause}\n")
        assert [w for w in warnings(site) if "names 'Price'" in w] == [], clause


def test_a_pick_whose_choose_if_says_only(site: Site) -> None:
    def only() -> None:
        site.comparison(
            "alpha-vs-beta",
            "compare: [alpha, beta]\npick: alpha\nchoose_if:\n"
            "  alpha: only when safety must be proven\n  beta: only when you must\n",
        )

    assert new_warnings(site, only) == [
        "comparisons/alpha-vs-beta.yaml:3: the choose_if of Alpha, the pick, says 'only…': the "
        "page then reads as if Alpha were the exception (say when it is the better choice, or "
        "give 'only…' to the other side)"
    ]


def test_a_language_the_theme_has_no_words_for(site: Site) -> None:
    def typo() -> None:
        site.write("nicepick.yaml", "title: T\nbase_url: https://example.org/\nlanguage: xx\n")

    found = new_warnings(site, typo)
    assert found == [
        "nicepick.yaml:3: language 'xx' has no theme words: pages show English words and ISO "
        "dates, marked as that language (check the code (the theme speaks de, en, es, fr, it, "
        "nl, pt), or add templates/strings/xx.yaml with the keys of the theme's en.yaml)"
    ]
    for spoken in ("fr", "pt-BR", "en-GB"):
        site.write(
            "nicepick.yaml", f"title: T\nbase_url: https://example.org/\nlanguage: {spoken}\n"
        )
        assert [w for w in warnings(site) if "theme words" in w] == [], spoken
    site.write("templates/strings/xx.yaml", "nice_pick: Xx pick\n")
    site.write("nicepick.yaml", "title: T\nbase_url: https://example.org/\nlanguage: xx\n")
    assert [w for w in warnings(site) if "theme words" in w] == []


def test_an_updated_date_in_the_future(site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01
    found = new_warnings(
        site,
        lambda: site.comparison("alpha-vs-beta", "compare: [alpha, beta]\nupdated: 2062-01-10\n"),
    )
    assert found == [
        "comparisons/alpha-vs-beta.yaml:2: 'updated' is 2062-01-10, in the future "
        "(a typo? the feed lists it first until then)"
    ]
    site.comparison("alpha-vs-beta", "compare: [alpha, beta]\nupdated: 2026-01-02\n")
    assert not any("in the future" in w for w in warnings(site))  # tomorrow: a time zone away


def test_a_misspelt_template_override(site: Site) -> None:
    found = new_warnings(
        site,
        lambda: site.write(
            "templates/comparision.html", '{% extends "default/comparison.html" %}\n'
        ),
    )
    assert found == [
        "templates/comparision.html:0: no page uses this template, so it changes "
        "nothing (did you mean 'comparison.html'?)"
    ]


def test_templates_reached_from_others_are_used(site: Site) -> None:
    site.write("templates/_notice.html", "<p>Notice</p>\n")
    site.write("templates/_unused_but_imported.html", "{% macro m() %}m{% endmacro %}\n")
    site.write(
        "templates/tag.html",
        '{% extends "default/tag.html" %}\n{% import '
        '"_unused_but_imported.html" as x %}\n{% block main %}'
        '{% include "_notice.html" %}{{ super() }}{% endblock %}\n',
    )
    assert not any(w.startswith("templates/") for w in warnings(site))


def test_a_content_file_with_the_wrong_suffix(site: Site) -> None:
    def add() -> None:
        site.write("comparisons/alpha-vs-gamma.ymal", "compare: [alpha, gamma]\n")
        site.write("comparisons/techniques/zeta.yaml.txt", "name: Zeta\nsummary: Z.\n")
        site.write("comparisons/notes.md", "# notes\n")
        site.write("comparisons/alpha-vs-beta.yaml~", "an editor's backup\n")

    found = new_warnings(site, add)
    assert found == [
        "comparisons/alpha-vs-gamma.ymal:0: not read: only files ending in .yaml or .yml are "
        "content (rename it to alpha-vs-gamma.yaml)",
        "comparisons/techniques/zeta.yaml.txt:0: not read: only files ending in .yaml or .yml "
        "are content (rename it to zeta.yaml)",
    ]


def test_strict_fails_on_them(site: Site) -> None:
    site.write("templates/comparision.html", "x\n")
    result = site.runner.invoke(main, ["check", "--source", str(site.root), "--strict"])
    assert result.exit_code == 1
    assert "templates/comparision.html: warning: no page uses this template" in result.output


@given(
    st.dictionaries(
        st.sampled_from("abcdefgh"), st.sets(st.sampled_from("abcdefgh"), max_size=4), min_size=2
    )
)
def test_a_pick_cycle_named_is_a_cycle_of_picks(edges: dict[str, set[str]]) -> None:
    """Every cycle check names goes from winner to winner along real picks, back to its
    start (a walk that met a dead end inside the set once named one that was not)."""
    from nicepick.check import _cycle, _strong_components

    graph = {node: set() for node in "abcdefgh"}
    for node, beaten in edges.items():
        graph[node] |= beaten - {node}
    for members in _strong_components(graph):
        if len(members) < 2:
            continue
        cycle = _cycle(graph, members)
        assert len(cycle) >= 2 and set(cycle) <= members
        assert all(b in graph[a] for a, b in zip(cycle, [*cycle[1:], cycle[0]], strict=True))
