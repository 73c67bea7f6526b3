"""Composed intro, pick reason, verdict and bottom line, read off built pages.

Each test builds a small site through the CLI and reads the page as a reader would: the
sentences the data supports, quoted without changing a name's case or doubling punctuation,
and nothing composed from nothing.
"""

from __future__ import annotations

import html
import re
from collections import Counter

from conftest import Site
from hypothesis import example, given, settings
from hypothesis import strategies as st

from nicepick.compose import Composer
from nicepick.config import PopularityScale
from nicepick.markup import MarkdownRenderer
from nicepick.models import COMPLEMENTS, Comparison, Technique
from nicepick.prose import is_statement as prose_is_statement
from nicepick.verdict import EDITOR, POPULARITY, Outcome


def sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if len(s.strip()) > 25]


def text_of(site: Site, path: str, selector: str) -> str:
    found = site.page(path).select(selector)
    return (
        " ".join(" ".join(e.get_text(" ", strip=True) for e in found).split())
        .replace(" .", ".")
        .replace(" ,", ",")
        .replace(" :", ":")
    )


def test_no_sentence_appears_twice_on_a_comparison_page(site: Site) -> None:
    site.build()
    for path in ["compare/alpha-vs-beta/", "compare/beta-vs-gamma/"]:
        main = site.page(path).find("main")
        for nav in main.find_all("nav"):
            nav.decompose()
        counts = Counter(sentences(" ".join(main.get_text(" ").split())))
        assert [s for s, n in counts.items() if n > 1] == [], path


def test_summary_appears_once(site: Site) -> None:
    site.build()
    text = site.text("compare/alpha-vs-beta/")
    assert text.count("Reach for Alpha when you need fast unit tests.") == 1


def test_pros_and_cons_are_quoted_whole_with_names_and_acronyms_as_written(site: Site) -> None:
    site.technique(
        "alpha",
        """
        name: Alpha
        kind: library
        category: testing
        summary: Reach for Alpha.
        pros:
          - GANs and RNNs train faster with it, e.g. on GPUs.
        cons:
          - Simple Queue Service users need an adapter, etc.
        aliases: [Simple Queue Service]
        popularity: 90
    """,
    )
    site.technique(
        "beta",
        """
        name: Beta
        kind: library
        category: testing
        summary: Reach for Beta.
        pros:
          - A/B tests are built in.
        popularity: 60
    """,
    )
    site.comparison("alpha-vs-beta", "compare: [alpha, beta]\n")
    site.build()
    verdict = text_of(site, "compare/alpha-vs-beta/", ".decided, .verdict")
    bottom = text_of(site, "compare/alpha-vs-beta/", ".bottom-line p")
    assert "GANs and RNNs train faster with it, e.g. on GPUs." in verdict
    assert "A/B tests are built in." in verdict
    assert "Simple Queue Service users need an adapter, etc." in bottom  # no "etc.."
    assert ".." not in verdict + bottom


def test_the_bottom_line_is_the_picks_own_cost(site_factory) -> None:
    """'Pick X; it costs you Y': the pick's first con, on every pair, never the loser's
    drawback in its place (README: "the pick's main cost (its first con)")."""
    names = ["Alpha", "Beta", "Gamma", "Delta", "Epsilon", "Zeta", "Eta", "Theta"]
    costs = [
        "Upgrades break plugins.",
        "Memory use grows with queues.",
        "Its licence forbids resale.",
        "Windows support lags.",
        "Logs are verbose.",
        "Setup takes a day.",
        "Hosting costs rise quickly.",
        "Docs trail releases.",
    ]
    files = {}
    for rank, name in enumerate(names):
        files[f"comparisons/techniques/{name.lower()}.yaml"] = (
            f"name: {name}\nkind: library\nsummary: Reach for {name}.\n"
            f"pros: [It starts in {rank + 2} seconds.]\ncons: [{costs[rank]}]\n"
            f"popularity: {90 - rank * 5}\n"
        )
    pairs = [(a, b) for a in names for b in names if a < b]
    for a, b in pairs:
        files[f"comparisons/{a.lower()}-vs-{b.lower()}.yaml"] = (
            f"compare: [{a.lower()}, {b.lower()}]\n"
        )
    site = site_factory(files, defaults=False)
    site.build()
    for a, b in pairs:
        pick, other = sorted((a, b), key=names.index)
        bottom = text_of(site, f"compare/{a.lower()}-vs-{b.lower()}/", ".bottom-line p")
        assert costs[names.index(pick)].lower() in bottom.lower(), (a, b, bottom)
        assert costs[names.index(other)].lower()[:-1] not in bottom.lower(), (a, b, bottom)


def test_ordinary_first_words_are_lowered_the_same_way_after_every_colon(site: Site) -> None:
    site.technique(
        "alpha",
        """
        name: Alpha
        kind: library
        summary: Reach for Alpha.
        pros: [Eager execution makes debugging easy.]
        cons: [Its plugins vary in quality.]
        popularity: 90
    """,
    )
    site.technique(
        "beta",
        """
        name: Beta
        kind: library
        summary: Reach for Beta.
        pros: [The standard library ships it.]
        popularity: 60
    """,
    )
    site.comparison("alpha-vs-beta", "compare: [alpha, beta]\n")
    site.build()
    text = text_of(site, "compare/alpha-vs-beta/", ".decided, .verdict, .bottom-line p")
    assert ": eager execution makes debugging easy." in text
    assert ": the standard library ships it." in text
    assert ": its plugins vary in quality." in text


def test_questions_exclamations_and_colons_are_never_embedded(site: Site) -> None:
    site.technique(
        "alpha",
        """
        name: Alpha
        kind: library
        summary: Reach for Alpha.
        pros:
          - Need speed? It has it.
          - Wow, it is fast!
          - "Batteries: all included."
          - It compiles in seconds.
        popularity: 90
    """,
    )
    site.comparison("alpha-vs-beta", "compare: [alpha, beta]\n")
    site.build()
    verdict = text_of(site, "compare/alpha-vs-beta/", ".decided, .verdict")
    assert "Alpha compiles in seconds." in verdict  # after the numbers, named again
    assert "Need speed" not in verdict and "fast!" not in verdict and "Batteries" not in verdict


def test_choose_if_in_every_shape_editors_write(site: Site) -> None:
    shapes = {
        "when you write new tests": "when you write new tests.",
        "you cannot install packages": "if you cannot install packages.",
        "If the suite is small.": "if the suite is small.",
        "only when you must": "only when you must.",
        "need a managed queue": "if you need a managed queue.",
        "teams that ship weekly": "for teams that ship weekly.",
        "for embedded devices": "for embedded devices.",
        "building a CLI in Go": "for building a CLI in Go.",
        "performance is critical": "if performance is critical.",
        "the team already knows Go": "if the team already knows Go.",
        "as a fallback for old phones": "as a fallback for old phones.",
        "Everyone else.": "for everyone else.",
        "phishing is a real risk": "if phishing is a real risk.",
        "[when you need X, teams that ship weekly]": (
            "when you need X or for teams that ship weekly."
        ),
    }
    for number, (clause, expected) in enumerate(shapes.items()):
        site.comparison("alpha-vs-beta", f"compare: [alpha, beta]\nchoose_if:\n  beta: {clause}\n")
        site.build()
        verdict = text_of(site, "compare/alpha-vs-beta/", ".verdict")
        assert re.search(r"Beta " + r"(?:\w+ ){0,5}" + re.escape(expected), verdict), (
            number,
            clause,
            verdict,
        )


def test_a_choose_if_that_cannot_be_placed_is_reported(site: Site) -> None:
    site.build()
    before = {p: p.read_bytes() for p in site.public.rglob("*") if p.is_file()}
    site.comparison(
        "alpha-vs-beta",
        """
        compare: [alpha, beta]
        choose_if:
          alpha: Do you need speed? Then yes.
          beta: frobnicate
    """,
    )
    result = site.build(expect=1)
    assert (
        "comparisons/alpha-vs-beta.yaml:3: choose_if for alpha is a question, an "
        "exclamation or several sentences, not one clause: 'Do you need speed? Then "
        "yes.'"
    ) in result.output
    assert (
        "comparisons/alpha-vs-beta.yaml:4: choose_if for beta does not start in a way"
        in result.output
    )
    assert "Traceback" not in result.output
    assert {p: p.read_bytes() for p in site.public.rglob("*") if p.is_file()} == before


def test_the_editors_reason_is_the_pick_box(site: Site) -> None:
    site.comparison(
        "alpha-vs-beta",
        """
        compare: [alpha, beta]
        pick: beta
        reason: It needs **no install**, so every machine already has it.
    """,
    )
    site.build()
    page = site.page("compare/alpha-vs-beta/")
    assert page.find(class_="pick-name").get_text() == "Beta"
    assert page.find(class_="decided").find("strong").get_text() == "no install"
    decided = text_of(site, "compare/alpha-vs-beta/", ".decided")
    # Alpha is more popular, 90 against 60: the page does not hide it.
    assert decided == "It needs no install, so every machine already has it."


def test_an_editors_pick_without_a_reason_draws_one_from_the_data(site: Site) -> None:
    site.comparison("alpha-vs-beta", "compare: [alpha, beta]\npick: beta\n")
    site.build()
    decided = text_of(site, "compare/alpha-vs-beta/", ".decided")
    assert "it ships with the standard library." in decided
    assert "despite Alpha being more popular: 90 against 60" in decided
    assert "editors' choice" not in decided


def test_popularity_says_what_it_means_and_how_close_it_is(site: Site) -> None:
    site.comparison("alpha-vs-beta", "compare: [alpha, beta]\n")
    site.build()
    decided = text_of(site, "compare/alpha-vs-beta/", ".decided")
    assert "90" in decided and "60" in decided and "on this site's popularity scale" in decided
    site.write(
        "nicepick.yaml",
        "base_url: https://example.org/\npopularity:\n"
        "  means: GitHub stars, in thousands\n  close: 40\n",
    )
    site.build()
    decided = text_of(site, "compare/alpha-vs-beta/", ".decided")
    assert "(GitHub stars, in thousands)" in decided
    assert re.search(r"tie|edges|barely", decided), decided  # 30 apart, within 40: close
    assert "more documentation" not in site.text("compare/alpha-vs-beta/")


def test_a_pick_nothing_decides_is_refused(site: Site) -> None:
    site.technique("delta", "name: Delta\nkind: library\nsummary: D.\n")
    site.comparison("alpha-vs-delta", "compare: [delta, alpha]\n")
    site.technique("epsilon", "name: Epsilon\nkind: library\nsummary: E.\npopularity: 90\n")
    site.comparison("alpha-vs-epsilon", "# tied\ncompare: [epsilon, alpha]\n")
    result = site.build(expect=1)
    assert (
        "comparisons/alpha-vs-delta.yaml:1: nothing decides the pick between Delta and "
        "Alpha (Delta has no popularity) (add 'pick: delta' (or alpha) with a 'reason:', "
        "or give both techniques a different 'popularity'; if they are used together, add "
        "'relation: complements')"
    ) in result.output
    assert (
        "comparisons/alpha-vs-epsilon.yaml:2: nothing decides the pick between Epsilon "
        "and Alpha (both have popularity 90)"
    ) in result.output
    assert "Traceback" not in result.output


def test_complements_explain_how_they_fit_and_never_name_a_winner(site: Site) -> None:
    site.comparison(
        "beta-vs-gamma",
        """
        compare: [beta, gamma]
        relation: complements
        pick: beta
        choose_if:
          beta: when you write the tests
          gamma: once the suite runs in CI
    """,
    )
    site.build()
    page = site.page("compare/beta-vs-gamma/")
    main = page.find("main")
    for nav in main.find_all("nav"):
        nav.decompose()
    text = " ".join(main.get_text(" ", strip=True).split())
    assert page.find("h1").get_text() == "Beta and Gamma"
    assert not re.search(r"\bwins?\b", text) and "Nice Pick" not in text
    assert page.find(id="nice-pick").get_text(" ", strip=True) == "🧊 Where to start"
    assert page.find(class_="winner").get_text() == "Start with Beta"
    start = text_of(site, "compare/beta-vs-gamma/", ".decided")
    assert (
        start == "Start with Beta when you write the tests."
        or start == "Adopt Beta first when you write the tests."
        or start == "Beta comes first when you write the tests."
    )
    fit = text_of(site, "compare/beta-vs-gamma/", ".verdict")
    assert "Bring in Gamma once the suite runs in CI." in fit
    # The bottom line: a caveat about Beta, the one to start with (its first con), never
    # Gamma's, and never as a cost of the order.
    cost = text_of(site, "compare/beta-vs-gamma/", ".bottom-line p")
    assert cost in {
        "Before you start with Beta, know this: its assertions are verbose.",
        "A caveat to know before starting with Beta: its assertions are verbose.",
        "One caveat as you start with Beta: its assertions are verbose.",
        "Going in with Beta first, keep this in mind: its assertions are verbose.",
    }, cost
    assert page.find(id="verdict").get_text() == "How they fit together"
    # Neither a win nor a loss: Gamma's record is empty, Beta's holds only its Alpha loss.
    gamma = site.text("tools/gamma/")
    assert "Record: 0 wins, 0 losses; used together with 1 other technique" in gamma
    beta = site.page("tools/beta/")
    assert "Record: 0 wins, 1 loss; used together with 1 other technique" in beta.find(
        class_="record"
    ).get_text(" ", strip=True).replace("\xa0", " ")
    assert "Used together" in beta.find("table", class_="results").get_text()
    home = site.text("")
    assert "Beta and Gamma Used together" in home


def test_complements_without_an_order_do_not_invent_one(site: Site) -> None:
    site.comparison("beta-vs-gamma", "compare: [beta, gamma]\nrelation: complements\n")
    site.build()
    page = site.page("compare/beta-vs-gamma/")
    assert page.find(class_="nice-pick") is None
    assert page.find(class_="winner").get_text() == "Used together"
    # No first one to cost anything: the bottom line says what `relation` says, no order.
    bottom = text_of(site, "compare/beta-vs-gamma/", ".bottom-line p")
    assert bottom in (
        "Plan for both Beta and Gamma: neither has to come first.",
        "Use Beta and Gamma side by side, in either order.",
    ), bottom
    assert "first" not in text_of(site, "compare/beta-vs-gamma/", ".intro")
    # Nothing says how they fit: no section of pros dressed up as an answer.
    assert page.find(class_="verdict") is None
    assert "It ships with the standard library." not in text_of(
        site, "compare/beta-vs-gamma/", ".intro, .bottom-line"
    )


def test_a_first_one_without_cons_costs_nothing_said(site: Site) -> None:
    """Where the one to start with lists no con, the bottom line says no more than the
    order the editor gave: the other's drawbacks say nothing about where to start."""
    site.comparison("beta-vs-gamma", "compare: [beta, gamma]\nrelation: complements\npick: gamma\n")
    site.build()
    page = site.page("compare/beta-vs-gamma/")
    assert page.find(class_="winner").get_text() == "Start with Gamma"
    bottom = text_of(site, "compare/beta-vs-gamma/", ".bottom-line p")
    assert bottom in (
        "Start with Gamma, then bring in Beta.",
        "Adopt Gamma first; Beta comes after.",
    )


def test_placeholders_from_new_technique_are_never_published(site: Site) -> None:
    site.technique(
        "delta",
        """
        name: Delta
        summary: Reach for Delta when …
        pros: [What Delta does best.]
        cons: [It is slow., What Delta costs you.]
        popularity: 5
    """,
    )
    result = site.build(expect=1)
    # A required field cannot be removed; an optional one can.
    assert (
        "comparisons/techniques/delta.yaml:2: 'summary' still holds the placeholder "
        "'Reach for Delta when …' from 'nicepick new' (write your own)"
    ) in result.output
    assert (
        "comparisons/techniques/delta.yaml:3: 'pros' still holds the placeholder 'What "
        "Delta does best.' from 'nicepick new' (write your own, or remove it)"
    ) in result.output
    assert (
        "comparisons/techniques/delta.yaml:4: 'cons' still holds the placeholder "
        "'What Delta costs you.'" in result.output
    )


def test_labels_are_shown_as_written_or_named_by_the_site(site: Site) -> None:
    site.technique(
        "alpha",
        (site.root / "comparisons/techniques/alpha.yaml")
        .read_text()
        .replace("category: testing", "category: API design")
        .replace("related: [beta, python, Unit Testing]", "related: [beta, ci-cd, deep-learning]"),
    )
    site.technique(
        "beta",
        (site.root / "comparisons/techniques/beta.yaml")
        .read_text()
        .replace("category: testing", "category: API design"),
    )
    site.write(
        "nicepick.yaml",
        "base_url: https://example.org/\nlabels:\n  deep-learning: Deep Learning (DL)\n",
    )
    site.build()
    card = site.page("compare/alpha-vs-beta/").find(class_="card-pick")
    assert card.find(class_="meta").get_text() == "library · API design"
    tags = [a.get_text() for a in card.find(class_="tags").find_all("a")]
    assert tags == ["Beta", "CI/CD", "Deep Learning (DL)"]
    assert site.page("tags/ci-cd/").find("h1").get_text(" ", strip=True).endswith("CI/CD")
    category = site.page("categories/api-design/")
    description = category.find("meta", attrs={"name": "description"})["content"]
    assert "API design" in description and "api design" not in description


def test_check_warns_about_weak_picks_and_relations(site: Site) -> None:
    from nicepick.cli import main

    site.technique(
        "delta",
        "name: Delta\nkind: tool\nsummary: D.\npros: [Need it? Yes.]\ncons: [It is slow.]\n",
    )
    site.comparison("gamma-vs-delta", "compare: [gamma, delta]\npick: delta\n")
    site.technique(
        "epsilon",
        "name: Epsilon\nkind: tool\nsummary: E.\npopularity: 10\n"
        "pros: [It is small.]\ncons: [It is old.]\n",
    )
    site.comparison(
        "alpha-vs-epsilon",
        "compare: [alpha, epsilon]\nchoose_if:\n"
        "  alpha: when you test a library\n"
        "  epsilon: when you test a tool\n",
    )
    site.comparison("alpha-vs-gamma", "compare: [alpha, gamma]\nrelation: complements\n")
    result = site.runner.invoke(main, ["check", "--source", str(site.root)])
    out = result.output
    assert (
        "comparisons/gamma-vs-delta.yaml:2: warning: nothing on the page says why Delta "
        "is the pick (add a 'reason:' sentence, a 'choose_if' for it, or pros to its file)"
    ) in out
    assert (
        "comparisons/alpha-vs-gamma.yaml:1: warning: nothing on the page says how Alpha "
        "and Gamma fit together (add 'choose_if' for each (when it comes in), or a "
        "'verdict')"
    ) in out
    assert "adopt first" not in out  # complements with no order are honest as they are
    assert (
        "comparisons/beta-vs-gamma.yaml:1: warning: Beta is a library and Gamma a tool: "
        "are they rivals, or used together?"
    ) in out
    assert "alpha-vs-epsilon" not in out  # different kinds, but choose_if says they are rivals
    strict = site.runner.invoke(main, ["check", "--source", str(site.root), "--strict"])
    assert strict.exit_code == 1


# -- properties of the composer itself --------------------------------------------------------

WORD = st.text(
    alphabet=st.characters(whitelist_categories=("L", "N"), max_codepoint=0x2FF),
    min_size=1,
    max_size=10,
)
ENDING = st.sampled_from([".", "", " etc.", " e.g. this.", "?", "!", "..."])
SENTENCE = st.tuples(st.lists(WORD, min_size=1, max_size=10).map(" ".join), ENDING).map(
    lambda parts: parts[0] + parts[1]
)


@settings(max_examples=150, deadline=None)
# One quote ending as another begins: the check once took one's words for the other's.
@example(
    pros=[], cons=[], other_pros=["0000 0.", "0 0000 0."], relation="alternatives", by_editor=True
)
@given(
    pros=st.lists(SENTENCE, min_size=0, max_size=3),
    cons=st.lists(SENTENCE, min_size=0, max_size=2),
    other_pros=st.lists(SENTENCE, min_size=0, max_size=2),
    relation=st.sampled_from(["alternatives", COMPLEMENTS]),
    by_editor=st.booleans(),
)
def test_composed_text_quotes_whole_and_never_doubles_punctuation(
    pros: list[str], cons: list[str], other_pros: list[str], relation: str, by_editor: bool
) -> None:
    a = Technique(
        "a", "Alpha", "s", kind="library", pros=tuple(pros), cons=tuple(cons), popularity=80
    )
    b = Technique("b", "Beta", "s", kind="library", pros=tuple(other_pros), popularity=50)
    comparison = Comparison("a", "b", pick="a" if by_editor else "", relation=relation)
    outcome = Outcome("a", "b", EDITOR if by_editor else POPULARITY, relation == COMPLEMENTS)
    composed = Composer(MarkdownRenderer(), PopularityScale()).compose(comparison, outcome, a, b)
    text = html.unescape(
        re.sub(
            r"<[^>]+>",
            "",
            " ".join([composed.intro, composed.reason, composed.verdict, composed.bottom_line]),
        )
    )
    for doubled in ("..", "?.", "!.", ".:", ":.", ",."):
        allowed = text.count("...") if doubled == ".." else 0
        assert text.count(doubled) <= allowed * 2, (doubled, text)
    quotes = [*pros, *cons, *other_pros]
    for quoted in quotes:
        body = quoted.rstrip(".")
        others = [other for other in quotes if other != quoted]
        if len(body) < 8 or any(
            body[1:].strip() in other or other.rstrip(".").strip() in body for other in others
        ):
            continue  # too short to tell from our own words, or overlapping another quote
        if quoted.endswith(("?", "!")) or not prose_is_statement(quoted):
            if body[1:] in text:  # only ever whole, as written, as a sentence of its own
                assert re.search(r"(^|[.!?]\s)" + re.escape(quoted.strip()), text), text
        elif body[1:] in text:
            assert (body[0] + body[1:]) in text or (body[0].lower() + body[1:]) in text
    if relation == COMPLEMENTS:
        assert not re.search(r"\bwins?\b", text)


def test_the_verdict_cites_facts_only_where_a_declaration_says_which_is_better(site: Site) -> None:
    from test_facts import facts_site

    facts_site(
        site,
        "size: 12.5\nstars: 31000\nlicense: MIT\nlanguage: Rust\n",
        "size: 40\nstars: 43000\nlicense: BSD-3-Clause\nlanguage: Python\n",
        "size: {label: Binary size, unit: MB, better: lower}\n"
        "stars: {label: GitHub stars, better: higher}\nlicense: {label: License}\n",
    )
    site.comparison(
        "alpha-vs-beta",
        "compare: [alpha, beta]\nchoose_if:\n  beta: when the license matters to your lawyers\n",
    )
    site.build()
    verdict = text_of(site, "compare/alpha-vs-beta/", ".verdict")
    assert (
        "binary size (12.5 MB against 40 MB; lower is better)." in verdict
    )  # lower is better: Alpha
    assert "GitHub stars (43,000 against 31,000)." in verdict  # higher is better: Beta
    assert "License: BSD-3-Clause for Beta, MIT for Alpha." in verdict  # named by choose_if
    assert "Rust" not in verdict  # declared by nobody, meaning nothing: never a reason


def test_facts_named_by_choose_if_keep_each_value_with_its_side(site: Site) -> None:
    """A value of several words, or with a comma of its own, comes after its side's name,
    the two sides apart by a semicolon: commas alone ran the two values together."""
    from test_facts import facts_site

    facts_site(
        site,
        "history: Every commit, joined by a merge commit\nlicense: MIT\n",
        "history: Every commit, replayed in a straight line\nlicense: BSD-3-Clause\n",
        "history: {label: History on the main branch}\nlicense: {label: License}\n",
    )
    site.comparison(
        "alpha-vs-beta",
        "compare: [alpha, beta]\nchoose_if:\n  beta: when you want a straight history and a "
        "license your lawyers know\n",
    )
    site.build()
    verdict = text_of(site, "compare/alpha-vs-beta/", ".verdict")
    assert (
        "History on the main branch: for Beta, every commit, replayed in a straight line; "
        "for Alpha, every commit, joined by a merge commit." in verdict
    ), verdict
    assert "License: BSD-3-Clause for Beta, MIT for Alpha." in verdict, verdict


# What an intro may claim of two techniques of a kind that says little ("tool", "technique"):
# that a project has only one of them only when the editor wrote `relation: alternatives`.
ONE_OF_THEM = re.compile(r"picks one|settle on one|either-or|one or the other|\brivals\b")


@given(
    given_relation=st.booleans(),
    kinds=st.sampled_from(["tool", "technique", "method"]),
    pair=st.sampled_from([("Git merge", "Git rebase"), ("Alpha", "Beta"), ("Make", "Ninja")]),
)
def test_an_intro_claims_a_project_needs_one_only_when_the_editor_said_so(
    given_relation: bool, kinds: str, pair: tuple[str, str]
) -> None:
    a = Technique("a", pair[0], "s", kind=kinds, popularity=80)
    b = Technique("b", pair[1], "s", kind=kinds, popularity=50)
    comparison = Comparison("a", "b", relation="alternatives", relation_given=given_relation)
    outcome = Outcome("a", "b", POPULARITY, False)
    composed = Composer(MarkdownRenderer(), PopularityScale()).compose(comparison, outcome, a, b)
    intro = html.unescape(re.sub(r"<[^>]+>", "", composed.intro))
    assert pair[0] in intro and pair[1] in intro
    if not given_relation:
        assert not ONE_OF_THEM.search(intro), intro


ELSE_CLAUSE = ("Otherwise, {p}.", "In any other case, go with {p}.", "Anywhere else, choose {p}.")
ELSE_PRO = (
    "That aside, {p} is the one to choose.",
    "Even so, we would choose {p}.",
    "All the same, {p} is our choice.",
)


def test_a_verdict_that_spoke_only_of_the_other_ends_with_the_pick(site: Site) -> None:
    """When the pick box gave the pick's case, the verdict said only when to take the other
    (or what the other does well): it now ends by naming the pick. A verdict that already
    says something for the pick gets no such last word."""
    site.comparison(
        "alpha-vs-beta",
        "compare: [alpha, beta]\nchoose_if:\n  beta: when the code predates 2010\n",
    )
    site.comparison("beta-vs-gamma", "compare: [beta, gamma]\npick: gamma\n")
    site.build()
    verdict = text_of(site, "compare/alpha-vs-beta/", ".verdict p")
    assert verdict.endswith(tuple(f.format(p="Alpha") for f in ELSE_CLAUSE)), verdict
    assert "when the code predates 2010" in verdict
    verdict = text_of(site, "compare/beta-vs-gamma/", ".verdict p")
    assert verdict.endswith(tuple(f.format(p="Gamma") for f in ELSE_PRO)), verdict
    assert "ships with the standard library" in verdict  # Beta's first pro, said before
    # The pick's own case in the verdict: no last word to add.
    site.comparison(
        "alpha-vs-beta",
        "compare: [alpha, beta]\npick: alpha\nreason: It is faster.\nchoose_if:\n"
        "  alpha: when the suite is large\n  beta: when the code predates 2010\n",
    )
    site.build()
    text = text_of(site, "compare/alpha-vs-beta/", ".verdict")
    assert "when the suite is large" in text and "when the code predates 2010" in text
    assert not any(f.format(p="Alpha") in text for f in (*ELSE_CLAUSE, *ELSE_PRO)), text
