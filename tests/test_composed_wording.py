"""Composed sentences a copy editor flagged on sites the test suite had not seen (coffee brewing
methods, front-end build tools): each shape of the editor's data, and the sentence it must give.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

import pytest
from conftest import Site
from hypothesis import given
from hypothesis import strategies as st
from test_composed_text import text_of

from nicepick.clauses import read_clause
from nicepick.facts import plain_pair
from nicepick.models import Technique
from nicepick.nameforms import article_and_name, own_subject, running_name
from nicepick.prose import label_in_sentence, lower_first
from nicepick.sides import _comparative


@pytest.mark.parametrize(
    ("written", "placed"),
    [
        # A word that is a noun here and a verb elsewhere, then a verb of its own.
        ("build speed is critical", "if build speed is critical"),
        ("bundle size matters", "if bundle size matters"),
        ("test coverage is low", "if test coverage is low"),
        ("run time is critical", "if run time is critical"),
        # Verb phrases stay verb phrases.
        ("need raw speed in CI", "if you need raw speed in CI"),
        ("already have a cluster", "if you already have a cluster"),
        ("run tests that are slow", "if you run tests that are slow"),
        ("plan to scale", "if you plan to scale"),
        # "already" before a preposition is no verb: who it is for.
        ("teams already on Next.js", "for teams already on Next.js"),
        ("the team already knows Go", "if the team already knows Go"),
        # A gerund with a verb of its own is a condition too.
        ("hiring matters", "if hiring matters"),
        ("building a CLI in Go", "for building a CLI in Go"),
    ],
)
def test_a_choose_if_clause_finds_its_subject(written: str, placed: str) -> None:
    clause = read_clause(written)
    assert not isinstance(clause, str), clause
    assert clause.text == placed


def test_its_short_form_takes_the_name_and_its_verb() -> None:
    assert own_subject("it's nearly unbreakable", "AeroPress") == "AeroPress is nearly unbreakable"
    assert own_subject("it’s been around since 2005", "Moka pot") == (
        "Moka pot has been around since 2005"
    )
    assert own_subject("it is fast", "Vite") == "Vite is fast"


@pytest.mark.parametrize(
    ("label", "in_sentence"),
    [
        ("Brew time", "brew time"),
        ("Caffeine per cup", "caffeine per cup"),
        ("First release", "first release"),
        ("GitHub stars", "GitHub stars"),
        ("CPU time", "CPU time"),
        ("Python version", "Python version"),
        ("Windows support", "Windows support"),
        ("Stack Overflow questions", "Stack Overflow questions"),
        ("Jenkins plugins", "Jenkins plugins"),
        ("Hello-world binary", "hello-world binary"),
        ("Time-to-first-byte", "time-to-first-byte"),
    ],
)
def test_a_fact_label_reads_in_lower_case_unless_it_is_a_name(label: str, in_sentence: str) -> None:
    assert label_in_sentence(label) == in_sentence


@given(st.text(max_size=40))
def test_a_label_in_a_sentence_changes_at_most_its_first_letter(label: str) -> None:
    shown = label_in_sentence(label)
    changed = [n for n, (a, b) in enumerate(zip(label, shown, strict=True)) if a != b]
    assert len(changed) <= 1
    for n in changed:  # the first letter, lowered; nothing before it but spaces
        assert shown[n] == label[n].lower() and not label[:n].strip()


def test_a_page_name_opening_a_label_keeps_its_capital() -> None:
    assert label_in_sentence("Moka users", frozenset({"Moka"})) == "Moka users"


def test_known_names_that_are_also_words_keep_their_capital_in_quotes() -> None:
    assert lower_first("Windows support is an afterthought") == "Windows support is an afterthought"
    assert lower_first("Go modules pin every version") == "Go modules pin every version"
    assert lower_first("Edge cases are rare") == "edge cases are rare"


def test_a_participle_opening_a_con_is_lowered_after_a_colon() -> None:
    assert lower_first("Left on the heat too long, it burns.") == (
        "left on the heat too long, it burns."
    )
    assert lower_first("Lit renders web components.") == "Lit renders web components."


def test_two_numbers_side_by_side_are_grouped_alike() -> None:
    assert plain_pair(38000, 9500, "en") == ("38,000", "9,500")
    assert plain_pair(9500, 38000, "en") == ("9,500", "38,000")
    assert plain_pair(9500, 1200, "en") == ("9500", "1200")
    assert plain_pair(Decimal("12000.5"), 2500, "fr") == ("12\u202f000,5", "2\u202f500")


def test_a_con_measured_against_a_known_name_is_about_a_third_technique() -> None:
    from nicepick.prose import own_name_words
    from nicepick.sides import _elsewhere

    con = "Generics arrived late and remain limited vs. Rust's traits."
    assert _elsewhere(con, own_name_words("Go", "Elixir"))  # Rust is on neither side
    assert not _elsewhere(con, own_name_words("Go", "Rust"))  # this page's rival
    # A name before the comparing word is what improves, not what it is measured against.
    pro = "Improves VO2max faster than any other session."
    assert not _elsewhere(pro, own_name_words("Interval training", "Tempo runs"))
    assert _elsewhere("Slower than Fastify on cold starts.", own_name_words("Express", "Koa"))


def test_two_other_tools_set_side_by_side_in_an_aside_are_no_comparison() -> None:
    assert not _comparative("Dev and build use different pipelines (esbuild vs. Rollup), so…")
    assert _comparative("Slower than Fastify on cold starts.")
    assert _comparative("Trails Rollup vs. esbuild on size.")


CONFIG = """\
title: Test Picks
base_url: https://example.org/
facts:
  caffeine: {label: Caffeine per cup, unit: mg, better: higher}
  brew_time: {label: Brew time, unit: min, better: lower}
  config_file: {label: Config file}
  stars: {label: GitHub stars, better: higher}
"""


def test_facts_named_by_choose_if_read_whole_and_once(site: Site) -> None:
    site.write("nicepick.yaml", CONFIG)
    site.technique(
        "alpha",
        """
        name: Alpha
        kind: library
        summary: Reach for Alpha.
        pros: [Compiles in seconds.]
        cons: [Dev and build use different pipelines (esbuild vs. Rollup), so bugs hide.]
        popularity: 90
        facts: {caffeine: 62, brew_time: 3, config_file: "`alpha.config.ts`", stars: 38000}
        """,
    )
    site.technique(
        "beta",
        """
        name: Beta
        kind: library
        summary: Reach for Beta.
        pros: [It's nearly unbreakable and fits in a carry-on.]
        cons: [Slow to start.]
        popularity: 60
        facts: {caffeine: 200, brew_time: 720, config_file: none needed, stars: 9500}
        """,
    )
    site.comparison(
        "alpha-vs-beta",
        """
        compare: [alpha, beta]
        pick: alpha
        choose_if:
          beta: when caffeine per cup or the config file matters
        """,
    )
    site.build()
    page = site.page("compare/alpha-vs-beta/")
    verdict = text_of(site, "compare/alpha-vs-beta/", ".verdict")
    # With its unit, once: not again in a list of where Beta leads.
    assert "Caffeine per cup: 200 mg for Beta, 62 mg for Alpha." in verdict, verdict
    assert verdict.count("200 mg") == 1, verdict
    # A text value is the editor's Markdown, as in the facts table.
    assert page.select_one(".verdict code").get_text() == "alpha.config.ts"
    assert "`" not in verdict
    # Where Alpha leads: labels lowered mid-sentence, numbers grouped alike.
    assert "brew time (3 min against 720 min; lower is better)" in verdict, verdict
    assert "GitHub stars (38,000 against 9,500)" in verdict, verdict
    # The pick's own con, though it sets two other tools side by side.
    bottom = text_of(site, "compare/alpha-vs-beta/", ".bottom-line p")
    assert "different pipelines (esbuild vs. Rollup)" in bottom, bottom


def test_a_fact_both_sides_choose_if_name_is_cited_once(site: Site) -> None:
    """'…if the price matters less than durability' and '…if price matters': the price line
    gave both values twice on one page."""
    site.write("nicepick.yaml", CONFIG)
    for slug, popularity, stars in (("alpha", 90, 38000), ("beta", 60, 9500)):
        site.technique(
            slug,
            f"name: {slug.title()}\nkind: library\nsummary: S.\npopularity: {popularity}\n"
            f"facts: {{stars: {stars}}}\n",
        )
    site.comparison(
        "alpha-vs-beta",
        "compare: [alpha, beta]\npick: alpha\nchoose_if:\n"
        "  alpha: when GitHub stars matter less than docs\n  beta: when GitHub stars matter\n",
    )
    site.build()
    text = text_of(site, "compare/alpha-vs-beta/", ".decided, .verdict")
    assert text.count("38,000") == 1, text
    # A number's grouping is no comma of a text's: the short form, not "for Alpha, 38,000;".
    assert "GitHub stars: 38,000 for Alpha, 9,500 for Beta." in text, text


def test_a_category_inside_an_intro_reads_as_its_words(site_factory: Callable[..., Site]) -> None:
    """A dynamic pair's intro names the category mid-sentence: "libraries in machine
    learning", whether the editor wrote the category as a slug or in sentence case; a
    category with capitals of its own keeps them."""
    site: Site = site_factory(
        defaults=False,
        config="title: T\nbase_url: https://example.org/\ndynamic_pairs: category\n",
    )
    for slug, category, popularity in (
        ("torchy", "machine learning", 90),
        ("kerasy", "Machine learning", 70),
        ("jaxy", "machine-learning", 50),
        ("opsy", "DevOps", 60),
        ("helmy", "DevOps", 40),
    ):
        site.technique(
            slug,
            f"name: {slug.title()}\nkind: library\ncategory: {category}\n"
            f"summary: Reach for {slug.title()}.\npopularity: {popularity}\n",
        )
    site.build()
    intros = {
        page.name: text_of(site, f"compare/{page.name}/", ".intro")
        for page in (site.public / "compare").iterdir()
        if (page / "card.png").exists()
    }
    learning = [t for name, t in intros.items() if "opsy" not in name and "helmy" not in name]
    assert len(learning) == 3 and all("machine learning" in t for t in learning), intros
    assert not any("Machine learning" in t for t in learning), intros
    assert any("DevOps" in t for t in intros.values()), intros


def test_otherwise_follows_the_case_it_answers(site: Site) -> None:
    """When the verdict ends with the pick ("Otherwise, Alpha."), it comes right after the
    other's case, not after a sentence of facts that it would then seem to answer."""
    site.write("nicepick.yaml", CONFIG)
    site.technique("alpha", "name: Alpha\nsummary: A.\nfacts: {stars: 500}\npopularity: 90\n")
    site.technique("beta", "name: Beta\nsummary: B.\nfacts: {stars: 31000}\npopularity: 60\n")
    site.comparison(
        "alpha-vs-beta",
        "compare: [alpha, beta]\npick: alpha\nchoose_if:\n"
        "  alpha: when you need speed\n  beta: when the team knows Go\n",
    )
    site.build()
    verdict = text_of(site, "compare/alpha-vs-beta/", ".verdict p")
    stars = verdict.index("31,000")
    case = verdict.index("when the team knows Go.")
    assert stars < case, verdict
    after = verdict[case + len("when the team knows Go.") :].strip()
    assert after in (
        "Otherwise, Alpha.",
        "In any other case, go with Alpha.",
        "Anywhere else, choose Alpha.",
    ), verdict


def test_a_fact_the_picks_clause_names_is_cited_in_the_pick_box(site: Site) -> None:
    """The pick box spends the pick's choose_if ("Choose Beta when the caffeine per cup
    matters"): the fact it names comes with it, since the verdict will not cite it again."""
    site.write("nicepick.yaml", CONFIG)
    site.technique("alpha", "name: Alpha\nsummary: A.\nfacts: {caffeine: 62}\npopularity: 50\n")
    site.technique("beta", "name: Beta\nsummary: B.\nfacts: {caffeine: 200}\npopularity: 80\n")
    site.comparison(
        "alpha-vs-beta",
        "compare: [alpha, beta]\nchoose_if:\n  beta: when caffeine per cup matters\n",
    )
    site.build()
    box = text_of(site, "compare/alpha-vs-beta/", ".decided")
    assert (
        "when caffeine per cup matters. Caffeine per cup: 200 mg for Beta, 62 mg for Alpha." in box
    ), box


def test_a_plural_name_never_takes_a_singular_verb_or_it(site_factory: Callable[..., Site]) -> None:
    """'Tempo runs is the pick', 'Hill repeats shines', 'know what it costs' after a plural
    name: every frame with a singular verb right after the name, or a pronoun for it, is
    passed over for one that reads right, across the wordings many pairs get."""
    site: Site = site_factory(
        defaults=False,
        config="title: T\nbase_url: https://example.org/\npopularity: {max: 100}\n",
    )
    site.technique(
        "tempo-runs",
        "name: Tempo runs\nkind: method\nsummary: Run hard.\npopularity: 95\n"
        "pros: [Raises the lactate threshold.]\ncons: [Leave you tired for a day.]\n",
    )
    rivals = [f"rival-{n}" for n in range(12)]
    for number, slug in enumerate(rivals):
        site.technique(
            slug,
            f"name: Rival {number}\nkind: method\nsummary: R.\npopularity: {20 + number * 5}\n"
            "pros: [It is easy.]\ncons: [It is slow.]\n",
        )
        site.comparison(f"tempo-runs-vs-{slug}", f"compare: [tempo-runs, {slug}]\n")
    site.technique("parkrun", "name: parkrun\nkind: event\nsummary: P.\npopularity: 50\n")
    site.comparison(
        "parkrun-vs-tempo-runs", "compare: [parkrun, tempo-runs]\nrelation: complements\n"
    )
    site.build()
    singular = re.compile(
        r"Tempo runs (?:is|has|was|does|still|[a-z]+s|an? )\b|what it costs|its weak spot"
        r"|: it raises"
    )
    for page in [f"tempo-runs-vs-{slug}" for slug in rivals] + ["parkrun-vs-tempo-runs"]:
        text = text_of(site, f"compare/{page}/", ".intro, .decided, .verdict, .bottom-line")
        assert not singular.search(text), text


def test_the_one_to_start_with_is_not_said_to_come_in_later(site: Site) -> None:
    """Complements in an order, with a clause for the first one only (the pick box holding
    the editor's reason): it comes first, as the box says, not 'Gamma comes in if…' as if
    it were the add-on."""
    site.comparison(
        "alpha-vs-gamma",
        "compare: [alpha, gamma]\nrelation: complements\npick: gamma\n"
        "reason: Everyone starts with a Saturday run.\n"
        "choose_if:\n  gamma: you like a crowd\n",
    )
    site.build()
    verdict = text_of(site, "compare/alpha-vs-gamma/", ".verdict p")
    assert verdict in (
        "Start with Gamma if you like a crowd.",
        "Gamma comes first if you like a crowd.",
    ), verdict


def test_a_pro_opening_with_a_verb_in_es_gets_its_subject() -> None:
    from nicepick.clauses import with_subject

    assert with_subject("Catches typos before the code runs.", "It", verbs_only=True) == (
        "It catches typos before the code runs."
    )
    assert with_subject("Raises the lactate threshold.", "It", verbs_only=True) == (
        "It raises the lactate threshold."
    )


def test_a_name_that_is_a_word_of_the_frame_is_not_echoed(
    site_factory: Callable[..., Site],
) -> None:
    """'Go with Go', 'In any other case, go with Go': a frame that holds the pick's name as
    one of its own words is passed over."""
    site: Site = site_factory(defaults=False)
    site.technique(
        "go",
        "name: Go\nkind: language\nsummary: G.\npopularity: 95\n"
        "pros: [It compiles fast.]\ncons: [Its generics are young.]\n",
    )
    for number in range(10):
        site.technique(
            f"rival-{number}",
            f"name: Rival {number}\nkind: language\nsummary: R.\npopularity: {20 + number}\n"
            "pros: [It is easy.]\ncons: [It is slow.]\n",
        )
        site.comparison(f"go-vs-rival-{number}", f"compare: [go, rival-{number}]\n")
    site.build()
    for number in range(10):
        text = text_of(site, f"compare/go-vs-rival-{number}/", ".decided, .verdict, .bottom-line")
        assert not re.search(r"\bgo with Go\b", text, re.IGNORECASE), text


def _technique(name: str, *texts: str) -> Technique:
    return Technique(slug="t", name=name, summary=texts[0] if texts else "", pros=texts[1:])


@pytest.mark.parametrize(
    ("name", "texts", "running"),
    [
        # The editor's own article, and their case.
        ("GPS watch", ["Reach for a GPS watch to log pace."], "a GPS watch"),
        ("Treadmill", ["Reach for a treadmill when it rains."], "a treadmill"),
        ("whetstone", ["Use a whetstone to restore an edge."], "a whetstone"),
        ("French press", ["Use a French press when you want body."], "a French press"),
        ("Gas hob", ["A gas hob gives you a flame."], "a gas hob"),
        ("Git merge", ["A Git merge commit records it."], "Git merge"),
        # No article where the editor writes none, or writes the name as a name.
        (
            "Cold brew",
            ["Make cold brew when you want it smooth.", "A cold brew is mellow."],
            "cold brew",
        ),
        ("Docker", ["Use the Docker daemon to build.", "Reach for Docker when"], "Docker"),
        ("Git merge", ["Reach for a merge when `git merge` says so."], "Git merge"),
        # Sentence case lowered where the first word is ordinary, or written small.
        ("Cast iron skillets", ["Reach for cast iron when you sear."], "cast iron skillets"),
        ("Honing rods", ["Honing rods realign an edge."], "honing rods"),
        ("Tempo runs", ["Run tempo runs at threshold."], "tempo runs"),
        # Names kept as written.
        ("Norwegian double threshold", ["Two sessions a day."], "Norwegian double threshold"),
        ("A/B tests", ["Split traffic."], "A/B tests"),
        ("Simple Queue Service", ["A queue."], "Simple Queue Service"),
        ("GPS watch", ["Logs pace."], "GPS watch"),
        ("Go modules", ["Pin versions."], "Go modules"),
        ("Swift concurrency", ["Await results."], "Swift concurrency"),
    ],
)
def test_a_name_in_a_sentence_reads_as_the_editor_writes_it(
    name: str, texts: list[str], running: str
) -> None:
    assert running_name(_technique(name, *texts)) == running


@given(
    st.text(st.sampled_from("aAbBgGsS -"), min_size=1, max_size=12),
    st.lists(st.text(st.sampled_from("aAbBgGsS -.,"), max_size=30), max_size=3),
)
def test_a_running_name_is_the_name_with_at_most_an_article_and_a_small_letter(
    name: str, texts: list[str]
) -> None:
    name = " ".join(name.split()) or "A"
    article, written = article_and_name(running_name(_technique(name, *texts)), name)
    assert article in ("", "a", "an", "the")
    assert written[1:] == name[1:] and written[:1].lower() == name[:1].lower()


def test_a_common_noun_name_takes_the_editors_article_in_every_sentence(
    site_factory: Callable[..., Site],
) -> None:
    """'Start with GPS watch', 'Choose GPS watch when…': a name the editor writes with an
    article in their own sentences gets it in ours, capitalised where it opens one; the
    page's title and the card keep the name as written."""
    site: Site = site_factory(
        defaults=False,
        config="title: T\nbase_url: https://example.org/\npopularity: {max: 100}\n",
    )
    site.technique(
        "gps-watch",
        "name: GPS watch\nkind: gear\nsummary: Reach for a GPS watch to log pace.\n"
        "popularity: 95\npros: [It logs every run.]\ncons: [It needs charging.]\n",
    )
    site.technique(
        "whetstone",
        "name: whetstone\nkind: tool\nsummary: Use a whetstone to restore an edge.\n"
        "popularity: 40\n",
    )
    rivals = [f"rival-{n}" for n in range(10)]
    for number, slug in enumerate(rivals):
        site.technique(
            slug,
            f"name: Rival {number}\nkind: gear\nsummary: R.\npopularity: {20 + number * 5}\n"
            "pros: [It is cheap.]\ncons: [It is slow.]\n",
        )
        site.comparison(
            f"gps-watch-vs-{slug}",
            f"compare: [gps-watch, {slug}]\nchoose_if:\n  gps-watch: you race\n",
        )
    site.comparison(
        "whetstone-vs-gps-watch",
        "compare: [whetstone, gps-watch]\nrelation: complements\npick: whetstone\n",
    )
    site.build()
    bare = re.compile(r"(?<!\ba )(?<!\bA )\bGPS watch\b")
    for page in [f"gps-watch-vs-{slug}" for slug in rivals] + ["whetstone-vs-gps-watch"]:
        text = text_of(site, f"compare/{page}/", ".intro, .decided, .verdict, .bottom-line p")
        assert "GPS watch" in text and not bare.search(text), text
        description = site.page(f"compare/{page}/").find("meta", attrs={"name": "description"})
        assert not bare.search(description["content"]), description["content"]
        assert "GPS watch" in site.page(f"compare/{page}/").find("h1").get_text()
    together = site.page("compare/whetstone-vs-gps-watch/")
    assert together.find(class_="winner").get_text() == "Start with a whetstone"
    # Opening a sentence, the article takes the capital.
    openings = " ".join(
        text_of(site, f"compare/gps-watch-vs-{slug}/", ".decided, .verdict, .bottom-line p")
        for slug in rivals
    )
    assert re.search(r"(?:^|[.!?] )A GPS watch ", openings), openings


@pytest.mark.parametrize(
    ("written", "singular", "plural"),
    [
        # A verb in -s known by the object that follows it, not by a list of verbs.
        ("Survives the loss of a region.", "It survives the loss of a region.", None),
        # An auxiliary opening, in either case: the verb is there, only the subject is not.
        (
            "Cannot fix a dull knife.",
            "It cannot fix a dull knife.",
            "They cannot fix a dull knife.",
        ),
        (
            "has drifted from MySQL 8",
            "It has drifted from MySQL 8",
            "They have drifted from MySQL 8",
        ),
        (
            "Is slow on big repositories.",
            "It is slow on big repositories.",
            "They are slow on big repositories.",
        ),
        # What it is: a participle before its preposition, or "too" and an adjective.
        ("Owned by Oracle.", "It is owned by Oracle.", "They are owned by Oracle."),
        ("Too short for squash.", "It is too short for squash.", "They are too short for squash."),
        ("Limited plugin ecosystem.", None, None),
        # Plural nouns stay nouns: no verb after them, and a colon is the editor's.
        ("Plugins for everything.", None, None),
        ("Docs a bit thin.", None, None),
        ("Batteries: all included.", None, None),
    ],
)
def test_a_subject_less_pro_or_con_gets_its_subject(
    written: str, singular: str | None, plural: str | None
) -> None:
    from nicepick.clauses import with_plural_subject, with_subject

    assert with_subject(written, "It", verbs_only=True) == (singular or written)
    assert with_plural_subject(written) == (plural or written)


def test_an_ordinary_word_by_its_base_form_or_as_a_participle_is_lowered_after_a_colon() -> None:
    assert lower_first("Survives the loss of a region.") == "survives the loss of a region."
    assert lower_first("Owned by Oracle.") == "owned by Oracle."
    assert lower_first("Jenkins runs it.") == "Jenkins runs it."


@pytest.mark.parametrize(
    ("reason", "shown"),
    [
        (
            "it does everything and also pressure-cooks",
            "It does everything and also pressure-cooks.",
        ),
        ("honing keeps an edge keen", "Honing keeps an edge keen."),
        ("npm is faster here", "npm is faster here."),
        ("iOS users expect it", "iOS users expect it."),
    ],
)
def test_an_editors_reason_in_small_letters_opens_its_sentence_with_a_capital(
    reason: str, shown: str
) -> None:
    from nicepick.prose import as_sentence

    assert as_sentence(reason) == shown


def test_a_dynamic_pair_does_not_name_its_kind_twice(site_factory: Callable[..., Site]) -> None:
    """'Both Santoku and Nakiri are knives in kitchen knives': the category's words are the
    kind's plural, which the singular did not show."""
    site: Site = site_factory(
        defaults=False, config="title: T\nbase_url: https://example.org/\ndynamic_pairs: category\n"
    )
    for slug, popularity in (("santoku", 60), ("nakiri", 30)):
        site.technique(
            slug,
            f"name: {slug.title()}\nkind: knife\ncategory: kitchen-knives\nsummary: S.\n"
            f"popularity: {popularity}\n",
        )
    site.build()
    intro = text_of(site, "compare/nakiri-vs-santoku/", ".intro")
    assert intro in (
        "Santoku and Nakiri are both knives.",
        "Both Santoku and Nakiri are knives.",
    ), intro


def test_a_prefixed_word_is_ordinary_by_what_follows_its_hyphen() -> None:
    assert lower_first("Sub-millisecond reads and writes.") == "sub-millisecond reads and writes."
    assert lower_first("Non-blocking I/O.") == "non-blocking I/O."
    assert lower_first("Re-Frame apps.") == "Re-Frame apps."


def test_a_plural_name_has_its_kind_in_the_plural(site_factory: Callable[..., Site]) -> None:
    """'Nobody has to choose between cast iron skillets (pan) and a Dutch oven (pot)'."""
    site: Site = site_factory(defaults=False)
    site.technique("skillets", "name: Cast iron skillets\nkind: pan\nsummary: S.\n")
    site.technique("dutch-oven", "name: Dutch oven\nkind: pot\nsummary: D.\n")
    for number in range(8):  # several pairs, so that the frames naming the kinds come up
        site.technique(f"pot-{number}", f"name: Pot {number}\nkind: pot\nsummary: P.\n")
        site.comparison(
            f"skillets-vs-pot-{number}",
            f"compare: [skillets, pot-{number}]\nrelation: complements\n",
        )
    site.build()
    texts = [text_of(site, f"compare/skillets-vs-pot-{n}/", ".intro") for n in range(8)]
    assert not any("(pan)" in text for text in texts), texts
    assert any("(pans)" in text for text in texts), texts
