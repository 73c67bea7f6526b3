"""The theme's words: the English file names every key, a site's file replaces what it gives,
and a mistake in it is reported at its line like any other."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from nicepick import words
from nicepick.config import SiteConfig
from nicepick.errors import Problems
from nicepick.themedirs import builtin_dir

THEME = builtin_dir("templates")


def load(tmp_path: Path, language: str = "en", **files: str) -> tuple[object, list[str]]:
    for name, text in files.items():
        path = tmp_path / "templates" / "strings" / f"{name.replace('_', '-')}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    problems = Problems()
    found = words.load_words(
        SiteConfig(source=tmp_path, output=tmp_path / "public", language=language), problems
    )
    return found, [str(p) for p in problems.sorted()]


def test_every_word_a_template_uses_is_in_the_english_file(tmp_path: Path) -> None:
    english, problems = load(tmp_path)
    assert problems == []
    used = set()
    for template in THEME.rglob("*.html"):
        used |= set(re.findall(r"\bwords\.(\w+)", template.read_text("utf-8")))
    assert used, "the theme prints no words from the strings file"
    missing = sorted(key for key in used if not hasattr(english, key))
    assert missing == []


def test_every_english_word_is_used_by_some_template_or_the_code(tmp_path: Path) -> None:
    english, _ = load(tmp_path)
    sources = "".join(
        p.read_text("utf-8")
        for p in THEME.rglob("*")
        if p.suffix in (".html", ".xml", ".css", ".txt")
    )
    sources += "".join(p.read_text("utf-8") for p in builtin_dir("static").rglob("*.js"))
    sources += "".join(p.read_text("utf-8") for p in Path(words.__file__).parent.glob("*.py"))
    unused = sorted(
        key for key in vars(english) if key != words.EXTRA and not re.search(rf"\b{key}\b", sources)
    )
    assert unused == []


def test_a_site_file_replaces_only_the_keys_it_gives(tmp_path: Path) -> None:
    found, problems = load(tmp_path, en="nice_pick: Our Pick\n")
    assert problems == []
    assert found.nice_pick == "Our Pick"  # type: ignore[attr-defined]
    assert found.the_verdict == "The Verdict"  # type: ignore[attr-defined]


def test_a_regional_language_uses_its_base_file_then_its_own(tmp_path: Path) -> None:
    found, problems = load(
        tmp_path,
        "fr-CA",
        fr="nice_pick: Le choix\nthe_verdict: Le verdict\n",
        fr_CA="nice_pick: Notre choix\n",
    )
    assert problems == []
    assert found.nice_pick == "Notre choix"  # type: ignore[attr-defined]
    assert found.the_verdict == "Le verdict"  # type: ignore[attr-defined]


def test_mistakes_in_a_strings_file_are_reported_at_their_lines(tmp_path: Path) -> None:
    _, problems = load(
        tmp_path,
        "fr",
        fr=(
            "nice_pik: Le choix\n"  # 1: misspelt key
            "wins_count: '{n} victoires'\n"  # 2: a count written as text
            "about: 'À propos de {nom}'\n"  # 3: a placeholder never filled
            "losses_count:\n"  # 4
            "  un: '{n} défaite'\n"  # 5: unknown form
            "  other: '{n} défaites'\n"
            "months: [janvier, février]\n"  # 7: twelve months
            "pros: [Avantages]\n"  # 8: a list for text
            "updated: 'Mis à jour {'\n"  # 9: unmatched brace
        ),
    )
    assert problems == [
        "templates/strings/fr.yaml:1: unknown key 'nice_pik' (did you mean 'nice_pick'? "
        "Words of your own templates go under 'extra:')",
        "templates/strings/fr.yaml:2: 'wins_count' should be a mapping of forms "
        "(one: …, other: …), not text",
        "templates/strings/fr.yaml:3: 'about' uses {nom}, which is never filled in "
        "(this string fills in {name})",
        "templates/strings/fr.yaml:5: 'losses_count' has an unknown form 'un' "
        "(forms are zero, one, two, few, many, other)",
        "templates/strings/fr.yaml:7: 'months' should be a list of 12 texts",
        "templates/strings/fr.yaml:8: 'pros' should be text, not seq "
        "(quote it if it looks like a number or yes/no)",
        "templates/strings/fr.yaml:9: 'updated' has an unmatched brace "
        "(write {{ and }} for a brace shown as it is)",
    ]


def test_yes_and_no_are_words_not_booleans(tmp_path: Path) -> None:
    found, problems = load(tmp_path, "en", en="answer_yes: Yes\nanswer_no: No\n")
    assert problems == []
    assert (found.answer_yes, found.answer_no) == ("Yes", "No")  # type: ignore[attr-defined]


def test_words_of_a_sites_own_templates_go_under_extra(tmp_path: Path) -> None:
    found, problems = load(tmp_path, en="extra:\n  newsletter: Get the newsletter\n")
    assert problems == []
    assert found.extra.newsletter == "Get the newsletter"  # type: ignore[attr-defined]
    _, problems = load(tmp_path, en="newslettre: Get the newsletter\n")
    assert problems == [
        "templates/strings/en.yaml:1: unknown key 'newslettre' "
        "(words of your own templates go under 'extra:')"
    ]


@pytest.mark.parametrize(
    ("language", "counts"),
    [
        ("en", {0: "other", 1: "one", 2: "other", 21: "other"}),
        ("fr", {0: "one", 1: "one", 2: "other", 1000: "other"}),
        ("ru", {1: "one", 2: "few", 5: "many", 11: "many", 21: "one", 22: "few", 112: "many"}),
        ("pl", {1: "one", 3: "few", 5: "many", 21: "many", 22: "few"}),
        ("cs", {1: "one", 3: "few", 5: "other"}),
        ("ja", {1: "other", 2: "other"}),
    ],
)
def test_plural_categories_follow_each_language(language: str, counts: dict[int, str]) -> None:
    assert {n: words.plural_category(language, n) for n in counts} == counts


@given(
    st.integers(min_value=0, max_value=10**9),
    st.sampled_from(["en", "fr", "de", "ru", "uk", "pl", "cs", "hr", "ja", "pt", "pt-PT"]),
)
def test_a_count_always_has_a_form(n: int, language: str) -> None:
    count = words.Count({"one": "{n} item", "other": "{n} items"}, language)
    text = words.tally(count, n, language)
    assert text.endswith(("item", "items"))
    assert words.plural_category(language, n) in words.CATEGORIES


def test_an_english_fallback_keeps_english_plurals() -> None:
    count = words.Count({"one": "{n} win", "other": "{n} wins"}, "en")
    assert str(words.tally(count, 0, "fr")) == "0\u00a0wins"  # never parted at a line end
    assert str(words.tally(count, 1, "fr")) == "1\u00a0win"


def test_filled_words_escape_content_but_keep_markup() -> None:
    from markupsafe import Markup

    assert str(words.fill("About {name}", name="<b>A&B</b>")) == "About &lt;b&gt;A&amp;B&lt;/b&gt;"
    assert str(words.fill("{name}", name=Markup("<em>A</em>"))) == "<em>A</em>"
    assert str(words.fill("Q&A about {name}", name="x")) == "Q&amp;A about x"


@pytest.mark.parametrize("language", ["fr", "de", "es", "it", "nl", "pt", "fr-CA", "pt-BR"])
def test_the_theme_files_of_every_language_load_cleanly(tmp_path: Path, language: str) -> None:
    found, problems = load(tmp_path, language)
    assert problems == []
    assert len(found.months) == 12  # type: ignore[attr-defined]


# A French site: every word the editor wrote is French, so any English word on its pages
# outside the composed sentences is one of the theme's.
FRENCH_SITE = {
    "nicepick.yaml": "title: Le Bon Choix\nlanguage: fr\nbase_url: https://exemple.fr/\n"
    "description: Des comparatifs tranchés.\ncontact_email: redaction@exemple.fr\n"
    "popularity: {means: notre estimation de 0 à 100, max: 100}\n"
    "facts:\n  etoiles: {label: Étoiles, better: higher}\n"
    "  sortie: {label: Première version, better: lower}\n"
    "  libre: {label: Logiciel libre}\n",
    "comparisons/techniques/cafe.yaml": "name: Café\nkind: boisson\ncategory: Boissons chaudes\n"
    "summary: Choisissez-le pour vous réveiller.\n"
    "pros: [Il réveille vite.]\ncons: [Il agite parfois.]\n"
    "related: [Matin]\npopularity: 90\naliases: [kawa]\n"
    "facts: {etoiles: 31000, sortie: 2001-03-01, libre: true}\n",
    "comparisons/techniques/the.yaml": "name: Thé\nkind: boisson\ncategory: Boissons chaudes\n"
    "summary: Choisissez-le pour une longue journée.\n"
    "pros: [Il se boit toute la journée.]\n"
    "cons: [Il infuse lentement.]\n"
    "related: [Matin, Après-midi]\npopularity: 70\n"
    "facts: {etoiles: 12000, sortie: 1990-06-11, libre: false}\n",
    "comparisons/techniques/chocolat.yaml": "name: Chocolat\nkind: boisson\n"
    "category: Boissons chaudes\n"
    "summary: Choisissez-le pour le goûter.\n"
    "popularity: 40\n",
    "comparisons/cafe-vs-the.yaml": "compare: [cafe, the]\npick: cafe\n"
    "reason: Il réveille plus vite.\nupdated: 2026-03-01\n",
    "comparisons/the-vs-chocolat.yaml": "compare: [the, chocolat]\npick: the\n"
    "reason: Il se boit sans sucre.\n",
}


def test_a_french_site_shows_no_english_word_of_the_theme(tmp_path: Path) -> None:
    from bs4 import BeautifulSoup
    from click.testing import CliRunner

    from nicepick.cli import main

    for rel, text in FRENCH_SITE.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, "utf-8")
    result = CliRunner().invoke(main, ["build", "--source", str(tmp_path), "-q"])
    assert result.exit_code == 0, result.output

    def words_of(text: str) -> set[str]:
        return {w.casefold() for w in re.findall(r"[^\W\d_]{3,}", text)}

    def values(name: str) -> str:
        """Every word of a strings file's values (not its keys, not its comments)."""
        data = yaml.safe_load((THEME / "strings" / name).read_text("utf-8"))
        return " ".join(
            str(v)
            if not isinstance(v, dict | list)
            else " ".join(map(str, v.values() if isinstance(v, dict) else v))
            for v in data.values()
        )

    english = words_of(values("en.yaml")) - words_of(values("fr.yaml"))
    english -= words_of("".join(FRENCH_SITE.values()))
    english -= {"nicepick", "atom", "javascript"}  # names, the same in every language
    assert {"wins", "losses", "beats", "february"} <= english  # the check can fail
    public = tmp_path / "public"
    pages = sorted(public.rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        doc = BeautifulSoup(page.read_text("utf-8"), "html.parser")
        # Composed sentences stay English (the README says so); everything else is the theme's.
        for composed in doc.select(
            ".intro, .decided, .verdict > p, .bottom-line > p, "
            "script, style, meta[name=description], meta[property='og:description'], "
            "meta[name='twitter:description']"
        ):
            composed.decompose()
        shown = " ".join(
            [doc.get_text(" ")]
            + [
                str(value)
                for tag in doc.find_all(True)
                for name, value in tag.attrs.items()
                if name
                in (
                    "aria-label",
                    "title",
                    "alt",
                    "content",
                    "data-not-found",
                    "data-no-pair",
                    "placeholder",
                )
                and not str(value).startswith("http")
            ]
        )
        left = sorted(words_of(shown) & english)
        assert left == [], f"{page.relative_to(public)}: {left}"
    feed = (public / "feed.xml").read_text("utf-8")
    assert "Notre choix : Café." in feed
