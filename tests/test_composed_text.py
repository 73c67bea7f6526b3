"""Composed intro, verdict and bottom line: grammatical, case-preserving, never repetitive."""

from __future__ import annotations

from collections import Counter

from conftest import Site


def sentences(text: str) -> list[str]:
    import re

    return [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if len(s.strip()) > 25]


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


def test_same_kind_verdict_quotes_pros_without_changing_their_case(site: Site) -> None:
    site.technique("alpha", """
        name: Alpha
        kind: library
        summary: Reach for Alpha.
        pros:
          - GANs and RNNs train faster with it, e.g. on GPUs.
        popularity: 90
    """)
    site.build()
    verdict = site.page("compare/alpha-vs-beta/").find(class_="verdict").get_text(" ", strip=True)
    assert "Use Alpha if you want what it does best: GANs and RNNs train faster with it, " \
           "e.g. on GPUs." in verdict
    assert "Use Beta if this matters more to you than what Alpha offers: it ships with the " \
           "standard library." in verdict


def test_cross_kind_verdict_says_they_serve_different_purposes(site: Site) -> None:
    site.build()
    verdict = site.page("compare/beta-vs-gamma/").find(class_="verdict").p.get_text(" ", strip=True)
    assert verdict.startswith("These serve different purposes: Gamma is a tool while Beta is "
                              "a library")
    intro = site.page("compare/beta-vs-gamma/").find(class_="intro").get_text(" ", strip=True)
    assert intro.startswith("Gamma is a tool and Beta is a library")


def test_articles_in_composed_text(site: Site) -> None:
    site.technique("gamma", "name: Gamma\nkind: ORM\nsummary: x\n")
    site.build()
    intro = site.page("compare/beta-vs-gamma/").find(class_="intro").get_text(" ", strip=True)
    assert intro.startswith("Gamma is an ORM and Beta is a library")


def test_choose_if_clauses(site: Site) -> None:
    site.comparison("alpha-vs-beta", """
        compare: [alpha, beta]
        choose_if:
          alpha: when you write new tests
          beta: you cannot install packages
    """)
    site.build()
    verdict = site.page("compare/alpha-vs-beta/").find(class_="verdict").get_text(" ", strip=True)
    assert "Use Alpha when you write new tests." in verdict
    assert "Use Beta if you cannot install packages." in verdict


def test_pick_rules_and_what_decided(site: Site) -> None:
    site.technique("gamma", "name: Gamma\nkind: library\nsummary: x\npopularity: 10\n")
    site.comparison("alpha-vs-gamma", "compare: [gamma, alpha]\n")  # popularity decides
    site.technique("delta", "name: Delta\nkind: library\nsummary: x\n")
    site.comparison("gamma-vs-delta", "compare: [delta, gamma]\n")  # one popularity missing
    site.build()
    assert site.page("compare/gamma-vs-alpha/").find(class_="pick-name").text == "Alpha"
    order = site.page("compare/delta-vs-gamma/")
    assert order.find(class_="pick-name").text == "Delta"
    assert "first technique named wins" in order.find(class_="decided").text
    editor = site.page("compare/beta-vs-gamma/")
    assert editor.find(class_="decided").text == "Chosen by our editors."


from hypothesis import given, settings
from hypothesis import strategies as st

from nicepick.markup import MarkdownRenderer
from nicepick.models import Comparison, Technique
from nicepick.verdict import Composer

WORDS = st.text(alphabet=st.characters(whitelist_categories=("L", "N"), max_codepoint=0x2FF),
                min_size=1, max_size=12)
SENTENCE = st.lists(WORDS, min_size=1, max_size=12).map(" ".join).map(lambda s: s + ".")


@settings(max_examples=150, deadline=None)
@given(pro=SENTENCE, other_pro=SENTENCE)
def test_composed_verdict_quotes_pros_whole(pro: str, other_pro: str) -> None:
    import html

    md = MarkdownRenderer()
    a = Technique("a", "Alpha", "s", kind="library", pros=(pro,))
    b = Technique("b", "Beta", "s", kind="library", pros=(other_pro,))
    text = html.unescape(str(Composer(md).verdict(Comparison("a", "b"), a, b)))
    for quoted in (pro, other_pro):
        body = quoted[:-1]
        # Whole, in order, case kept except possibly the first letter.
        assert body[1:] in text
        assert (body[0] + body[1:]) in text or (body[0].lower() + body[1:]) in text
