"""Facts: every shape of value, the declarations in nicepick.yaml, each mistake in them (one
line, file and line, nothing written), the warning for a near-miss key, and what the composer
may call decisive."""

from __future__ import annotations

import textwrap
from datetime import date
from decimal import Decimal

import jsonschema
from conftest import Site
from test_editing import check_site
from test_errors import problems

from nicepick import facts, localize, schema
from nicepick.errors import Problems
from nicepick.factfields import read_facts
from nicepick.facts import FactSpec, decisive
from nicepick.sources import parse_yaml

CONFIG = "title: Test Picks\nbase_url: https://example.org/\n"


def block(text: str) -> str:
    """A YAML block written in a test, indented under its key."""
    return textwrap.indent(textwrap.dedent(text).strip("\n"), "  ") + "\n"


def facts_site(site: Site, alpha: str, beta: str = "", declarations: str = "") -> Site:
    """The default site, with `facts:` blocks for Alpha and Beta (their first fact on line 7)
    and declarations in nicepick.yaml (the first on line 4)."""
    site.technique(
        "alpha",
        "name: Alpha\nkind: library\ncategory: testing\n"
        "summary: Reach for Alpha.\npopularity: 90\nfacts:\n" + block(alpha),
    )
    site.technique(
        "beta",
        "name: Beta\nkind: library\ncategory: testing\n"
        "summary: Reach for Beta.\npopularity: 60\n" + ("facts:\n" + block(beta) if beta else ""),
    )
    site.write("nicepick.yaml", CONFIG + ("facts:\n" + block(declarations) if declarations else ""))
    return site


def test_localized_numbers_dates_and_yes_no() -> None:
    assert localize.number(31000, "en") == "31,000"
    assert localize.number(1234567, "en-GB") == "1,234,567"
    assert localize.number(31000, "fr") == "31\u202f000"
    assert localize.number(31000, "de") == "31.000"
    assert localize.number(Decimal("-12345.50"), "es") == "-12.345,50"
    assert localize.number(Decimal("9.90"), "en") == "9.90"  # decimals as written
    assert localize.number(2019, "en") == "2019"  # four digits stay together: years read right
    assert localize.number(4500, "de") == "4500"
    assert localize.number(31000, "ja") == "31\u202f000"  # neutral: the SI's narrow space
    day = date(2020, 3, 1)
    assert localize.day(day, "en") == "1 March 2020"
    assert localize.day(day, "fr-CA") == "1er mars 2020"
    assert localize.day(date(2020, 3, 14), "fr") == "14 mars 2020"
    assert localize.day(day, "de") == "1. März 2020"
    assert localize.day(day, "es") == "1 de marzo de 2020"
    assert localize.day(day, "ja") == "2020-03-01"
    assert (localize.boolean(True, "en"), localize.boolean(False, "de")) == ("Yes", "Nein")
    assert localize.boolean(True, "ja") == "Yes"
    assert localize.with_unit("45", "%", "en") == "45%"
    assert localize.with_unit("45", "%", "fr") == "45\u00a0%"
    assert localize.with_unit("12", "MB", "en") == "12\u00a0MB"
    # A degree sign alone is written against its number, in any language; "°C" is a unit.
    assert localize.with_unit("20", "°", "en") == localize.with_unit("20", "°", "fr") == "20°"
    assert localize.with_unit("230", "°C", "en") == "230\u00a0°C"
    assert facts.in_text("20", "°") == "20°" and facts.in_text("45", "%") == "45%"


STARS = FactSpec("github_stars", "GitHub stars", better="higher", position=0)
SIZE = FactSpec("size", "Binary size", unit="MB", better="lower", position=1)
RELEASE = FactSpec("first_release", "First release", better="lower", position=2)
LICENSE = FactSpec("license", "License", position=3)
DECLARED = {spec.key: spec for spec in (STARS, SIZE, RELEASE, LICENSE)}


def test_decisive_facts_for_the_composer_in_both_directions() -> None:
    pick = {
        "github_stars": 31000,
        "size": Decimal("28.5"),
        "first_release": date(2020, 3, 1),
        "license": "MIT",
        "written_in": "Rust",
    }
    other = {
        "github_stars": 43000,
        "size": 40,
        "first_release": date(2008, 1, 11),
        "license": "BSD-3-Clause",
        "written_in": "Python",
    }
    found = decisive(pick, other, DECLARED)
    assert [(d.key, d.pick_is_better) for d in found] == [
        ("github_stars", False),
        ("size", True),
        ("first_release", False),
    ]
    stars, size, release = found
    assert (stars.label, stars.pick_value, stars.other_value, stars.better, stars.kind) == (
        "GitHub stars",
        "31,000",
        "43,000",
        "higher",
        "number",
    )
    assert (size.pick_value, size.other_value, size.unit) == ("28.5", "40", "MB")
    assert (release.pick_value, release.other_value, release.kind) == (
        "1 March 2020",
        "11 January 2008",
        "date",
    )
    assert decisive(pick, other, DECLARED, "de")[0].pick_value == "31.000"


def test_nothing_is_decisive_without_a_direction_or_a_comparable_pair() -> None:
    undeclared = {"github_stars": 5, "license": "MIT"}
    assert decisive({"github_stars": 10, "license": "MIT"}, undeclared, {}) == []
    assert decisive({"license": "MIT"}, {"license": "GPL"}, DECLARED) == []  # no `better`
    assert decisive({"github_stars": 10}, {}, DECLARED) == []  # one side missing
    assert decisive({"github_stars": 10}, {"github_stars": 10}, DECLARED) == []  # a tie
    # A date against a number cannot be compared (the build refuses it anyway).
    assert decisive({"first_release": 2020}, {"first_release": date(2020, 1, 1)}, DECLARED) == []


def test_wrong_shapes_are_reported_with_their_lines(site: Site) -> None:
    facts_site(
        site,
        """
          license: {name: MIT}
          platforms:
            - Linux
            - [macOS, Windows]
          ratio: .nan
          seen: 2020-02-30
    """,
    )
    site.technique("gamma", "name: Gamma\nsummary: G.\nfacts: [license, MIT]\n")
    assert problems(site) == [
        (
            "comparisons/techniques/alpha.yaml:7: fact 'license' is a mapping (a fact is text, a "
            "number, true/false, a date (YYYY-MM-DD) or a list of texts)"
        ),
        (
            "comparisons/techniques/alpha.yaml:10: fact 'platforms' item 2 is a list (a fact's "
            "list "
            "holds texts only, one '- item' per line)"
        ),
        "comparisons/techniques/alpha.yaml:11: fact 'ratio' should be a finite number",
        (
            "comparisons/techniques/alpha.yaml:12: fact 'seen' is not a valid date: '2020-02-30' "
            "(write dates as YYYY-MM-DD)"
        ),
        (
            "comparisons/techniques/gamma.yaml:3: 'facts' should be a mapping of fact to value, "
            "not "
            "a list (write 'license: MIT' on its own line under it)"
        ),
    ]
    assert not site.public.exists()


def test_declaration_mistakes_are_reported_with_their_lines(site: Site) -> None:
    site.build()
    before = {p: p.read_bytes() for p in site.public.rglob("*") if p.is_file()}
    facts_site(
        site,
        "github_stars: 31000\n",
        declarations="""
          github_stars: {label: GitHub stars, better: more}
          license: {lable: License}
          first_release:
          written_in: Written in
          size: {label: Size, order: first}
          stars: {better: higher}
          forks: {label: , better: higher}
          self_hosted: Self-Hosted
    """,
    )
    site.write(
        "nicepick.yaml", (site.root / "nicepick.yaml").read_text() + "ranking_fact: githubstars\n"
    )
    assert problems(site) == [
        (
            "nicepick.yaml:4: 'better' of fact 'github_stars' should be higher or lower, not "
            "'more' "
            "(leave it out when neither value is better)"
        ),
        (
            "nicepick.yaml:5: unknown key 'lable' in the declaration of fact 'license' "
            "(did you mean 'label'?)"
        ),
        (
            "nicepick.yaml:6: the declaration of fact 'first_release' should be a mapping, not "
            "empty "
            "(write 'first_release: {label: First release}')"
        ),
        (
            "nicepick.yaml:7: the declaration of fact 'written_in' should be a mapping, not text "
            "(write 'written_in: {label: Written in}')"
        ),
        (
            "nicepick.yaml:8: 'facts.size.order' should be a number, not text "
            "(write a number, e.g. 85)"
        ),
        (
            "nicepick.yaml:9: fact 'stars' is declared without a 'label' (add 'label: …', the "
            "name readers see)"
        ),
        "nicepick.yaml:10: the label of fact 'forks' is empty (write the name readers see)",
        (
            "nicepick.yaml:11: the declaration of fact 'self_hosted' should be a mapping, not text "
            "(write 'self_hosted: {label: Self-Hosted}')"
        ),
        (
            "nicepick.yaml:12: 'ranking_fact' names 'githubstars', which is not declared under "
            "'facts' (did you mean 'github_stars'?)"
        ),
    ]
    after = {p: p.read_bytes() for p in site.public.rglob("*") if p.is_file()}
    assert after == before  # the previous output is untouched


def test_a_ranking_fact_declared_with_a_mistake_is_not_called_undeclared(site: Site) -> None:
    """One mistake in the facts' declarations is one line: the ranking fact, declared right
    beside it (or with a mistake of its own), is not reported missing too."""
    for ranked in ("license", "github_stars"):
        facts_site(
            site,
            "github_stars: 31000\nlicense: MIT\n",
            declarations="""
              github_stars: {label: GitHub stars, better: earlier}
              license: {label: License}
        """,
        )
        site.write(
            "nicepick.yaml",
            (site.root / "nicepick.yaml").read_text() + f"ranking_fact: {ranked}\n",
        )
        assert problems(site) == [
            "nicepick.yaml:4: 'better' of fact 'github_stars' should be higher or lower, not "
            "'earlier' (leave it out when neither value is better)"
        ], ranked


def test_a_misspelt_declaration_key_is_one_problem(site: Site) -> None:
    """`lable:` is one mistake: not also a missing label, and no hint rewriting the
    declaration without its other keys or in other words than the editor's."""
    facts_site(
        site,
        "github_stars: 31000\n",
        declarations="github_stars: {lable: GitHub stars, better: higher}\n",
    )
    assert problems(site) == [
        (
            "nicepick.yaml:4: unknown key 'lable' in the declaration of fact 'github_stars' "
            "(did you mean 'label'?)"
        )
    ]


def test_values_that_do_not_fit_better_are_reported(site: Site) -> None:
    facts_site(
        site,
        """
          github_stars: 31k
          first_release: 2020-03-01
    """,
        """
          github_stars: 43000
          first_release: 2008
    """,
        """
          github_stars: {label: GitHub stars, better: higher}
          first_release: {label: First release, better: lower}
    """,
    )
    site.technique(
        "gamma",
        "name: Gamma\nsummary: G.\nfacts:\n  github_stars: true\n  first_release: 2019-05-01\n",
    )
    assert problems(site) == [
        (
            "comparisons/techniques/alpha.yaml:7: fact 'github_stars' should be a number, not text "
            "'31k': nicepick.yaml:4 says better: higher (write a number without quotes, e.g. 31000)"
        ),
        (
            "comparisons/techniques/beta.yaml:8: fact 'first_release' is a number here but a date "
            "in comparisons/techniques/alpha.yaml:8 and 1 more; nicepick.yaml:5 says better: "
            "lower, "
            "which compares values of one kind (write a full date like 2008-01-01)"
        ),
        (
            "comparisons/techniques/gamma.yaml:4: fact 'github_stars' should be a number, not "
            "true/false: nicepick.yaml:4 says better: higher (write a number without quotes, "
            "e.g. 31000)"
        ),
    ]


def test_a_year_against_a_date_blames_the_year(site: Site) -> None:
    """One year, one date: the year is the odd one out, whichever file comes first (a date
    beats a bare year on a tie), and the hint keeps the date the editor wrote as it is."""
    release = "first_release: {label: First release, better: lower}\n"
    facts_site(site, "first_release: 1996\n", "first_release: 1995-05-23\n", release)
    assert problems(site) == [
        (
            "comparisons/techniques/alpha.yaml:7: fact 'first_release' is a number here but a date "
            "in comparisons/techniques/beta.yaml:7; nicepick.yaml:4 says better: lower, which "
            "compares values of one kind (write a full date like 1996-01-01)"
        )
    ]
    facts_site(site, "first_release: 1996-07-08\n", "first_release: 1995\n", release)
    assert problems(site) == [
        (
            "comparisons/techniques/beta.yaml:7: fact 'first_release' is a number here but a date "
            "in comparisons/techniques/alpha.yaml:7; nicepick.yaml:4 says better: lower, which "
            "compares values of one kind (write a full date like 1995-01-01)"
        )
    ]


def test_the_shape_most_values_have_is_the_expected_one(site: Site) -> None:
    """Two years and one date: the date is the odd one out, and the hint says which year to
    write. A number that is no year against a date: nothing says which was meant, so one line
    names both."""
    facts_site(
        site,
        "first_release: 1996\n",
        "first_release: 1995-05-23\n",
        "first_release: {label: First release, better: lower}\n",
    )
    site.technique("gamma", "name: Gamma\nsummary: G.\nfacts:\n  first_release: 2001\n")
    assert problems(site) == [
        (
            "comparisons/techniques/beta.yaml:7: fact 'first_release' is a date here but a number "
            "in comparisons/techniques/alpha.yaml:7 and 1 more; nicepick.yaml:4 says better: "
            "lower, "
            "which compares values of one kind (write the year alone, like the others: 1995)"
        )
    ]
    site.technique("gamma", "name: Gamma\nsummary: G.\n")
    facts_site(
        site, "stars: 31000\n", "stars: 2020-01-01\n", "stars: {label: Stars, better: higher}\n"
    )
    assert problems(site) == [
        (
            "comparisons/techniques/alpha.yaml:7: fact 'stars' is a number here but a date in "
            "comparisons/techniques/beta.yaml:7; nicepick.yaml:4 says better: higher, which "
            "compares values of one kind (write them all as numbers, or all as dates)"
        )
    ]


def test_check_warns_about_a_key_one_technique_misspells(site: Site) -> None:
    facts_site(
        site, "licence: MIT\nwritten_in: Rust\n", "license: BSD\n", "license: {label: License}\n"
    )
    site.technique("gamma", "name: Gamma\nsummary: G.\nfacts:\n  written_in: Python\n")
    code, lines = check_site(site)
    assert code == 0
    assert (
        "comparisons/techniques/alpha.yaml:7: warning: fact 'licence' is used by Alpha only "
        "and is not declared in nicepick.yaml (did you mean 'license'?)"
    ) in lines
    # Used by two techniques, or near no declared key: a fact of its own, not a typo.
    assert not any("written_in" in line for line in lines)


def test_schemas_describe_facts_and_their_declarations() -> None:
    technique, config = schema.json_schema("technique"), schema.json_schema("config")
    good = {
        "name": "x",
        "summary": "y",
        "facts": {
            "license": "MIT",
            "stars": 31000,
            "self_hosted": True,
            "first_release": "2020-03-01",
            "platforms": ["Linux", "macOS"],
            "notes": None,
        },
    }
    jsonschema.validate(good, technique)
    for wrong in ({"license": {"name": "MIT"}}, {"platforms": [["Linux"]]}):
        try:
            jsonschema.validate({"name": "x", "summary": "y", "facts": wrong}, technique)
        except jsonschema.ValidationError:
            pass
        else:
            raise AssertionError(f"accepted {wrong}")
    jsonschema.validate(
        {
            "ranking_fact": "stars",
            "facts": {"stars": {"label": "Stars", "unit": "k", "better": "higher", "order": 1}},
        },
        config,
    )
    for wrong_declaration in (
        {"label": "Stars", "better": "more"},
        {"unit": "k"},
        {"label": "Stars", "lable": "x"},
    ):
        try:
            jsonschema.validate({"facts": {"stars": wrong_declaration}}, config)
        except jsonschema.ValidationError:
            pass
        else:
            raise AssertionError(f"accepted {wrong_declaration}")


def test_yaml_tags_decide_the_kind_of_a_value() -> None:
    """A quoted number or date stays text; YAML's yes/no are booleans, as YAML means them."""
    found = Problems()
    node = parse_yaml(
        'a: "31000"\nb: 31_000\nc: yes\nd: "2020-03-01"\ne: 1.10\nf: 1.5e+3\ng: 1e3\n',
        "x.yaml",
        found,
    )
    assert node is not None
    assert read_facts(node, "x.yaml", "facts", found) == {
        "a": "31000",
        "b": 31000,
        "c": True,
        "d": "2020-03-01",
        "e": Decimal("1.10"),
        "f": Decimal(1500),
        "g": "1e3",
    }  # YAML 1.1: a float has a dot, a signed exponent
    assert not found
