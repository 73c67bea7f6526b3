"""The theme's fixed words ("Nice Pick", "The Verdict", "3 wins"), read from strings files.

Templates never hold a word of their own: they print `words.<key>`. The English file ships
with the theme (templates/strings/en.yaml) and names every key; a language file of the theme
(fr.yaml) and then the site's own file (the site's templates/strings/<language>.yaml) replace
what they give, key by key. So a site writes only the words it wants different, a translation
that misses a key still builds (in English for that key), and a misspelt key is caught rather
than ignored: the English file is the list of keys.

A count has a form for each plural category its language uses (CLDR's names: one, few, many,
other); `plural_category` knows the rules for integers of the languages listed there.
"""

from __future__ import annotations

import string
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from markupsafe import Markup, escape

from nicepick import localize, regular
from nicepick.config import SiteConfig
from nicepick.errors import Problems, did_you_mean
from nicepick.htmlformat import format_html
from nicepick.sources import Document, Node, load_file
from nicepick.themedirs import builtin_dir

STRINGS_DIR = "strings"
BASE_LANGUAGE = "en"
CATEGORIES = ("zero", "one", "two", "few", "many", "other")
# Free keys of a site's own templates: words.extra.<key>. Everything else must be a theme key.
EXTRA = "extra"
_LISTS = {"months": 12}  # keys whose value is a list, and its length


@dataclass(frozen=True, slots=True)
class Count:
    """A phrase with a form per plural category ("{n} win" / "{n} wins")."""

    forms: Mapping[str, str]
    language: str  # of the file it came from: an English fallback keeps English rules

    def form(self, n: int) -> str:
        return self.forms.get(plural_category(self.language, n)) or self.forms["other"]


def plural_category(language: str, n: int) -> str:
    """The CLDR plural category of the integer `n` in `language` ("fr-CA" as "fr")."""
    base = language.split("-", 1)[0].lower()
    n = abs(n)
    tens, hundreds = n % 10, n % 100
    if base in ("ja", "zh", "ko", "vi", "th", "id", "ms", "lo", "my", "km"):
        return "other"
    if base in ("fr", "hy", "ff", "kab") or language.lower() in ("pt", "pt-br"):
        return "one" if n in (0, 1) else "other"
    if base in ("ru", "uk", "be"):
        if tens == 1 and hundreds != 11:
            return "one"
        return "few" if 2 <= tens <= 4 and not 12 <= hundreds <= 14 else "many"
    if base in ("hr", "sr", "bs"):
        if tens == 1 and hundreds != 11:
            return "one"
        return "few" if 2 <= tens <= 4 and not 12 <= hundreds <= 14 else "other"
    if base == "pl":
        if n == 1:
            return "one"
        return "few" if 2 <= tens <= 4 and not 12 <= hundreds <= 14 else "many"
    if base in ("cs", "sk"):
        return "one" if n == 1 else "few" if 2 <= n <= 4 else "other"
    return "one" if n == 1 else "other"


def placeholders(text: str) -> set[str] | None:
    """The {names} a string fills in, or None when its braces do not parse."""
    try:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError:
        return None


def fill(text: str, **values: Any) -> Markup:
    """A string with its {names} filled in; the string and the values are escaped, Markup
    values (a rendered summary) are kept as they are."""
    return format_html(escape(text), **values)


def tally(count: Count, n: int, language: str, **values: Any) -> Markup:
    """The form of `count` for `n`, with {n} written as the page's language groups digits,
    and never parted from the word after it at the end of a line ("5 / rankings")."""
    return fill(
        count.form(n).replace("{n} ", "{n}\u00a0"), n=localize.number(n, language), **values
    )


def day(value: Any, words: SimpleNamespace) -> str:
    """A date in words: "6 December 2026", "1er décembre 2026"."""
    first = getattr(words, "first_of_month", "") if value.day == 1 else ""
    shape: str = words.date_format
    return shape.format(
        day=first or value.day, month=words.months[value.month - 1], year=value.year
    )


def _files(config: SiteConfig) -> Iterator[tuple[Path, str, str, bool]]:
    """(path, shown, language, the site's own) of every strings file that applies, weakest
    first."""
    language = config.language
    names = [BASE_LANGUAGE]
    base = language.split("-", 1)[0].lower()
    for name in (base, language):
        if name not in names:
            names.append(name)
    theme = builtin_dir("templates") / STRINGS_DIR
    own = config.source / "templates" / STRINGS_DIR
    is_theme = regular.resolved(own) == regular.resolved(theme) if own.exists() else True
    for name in names:
        yield theme / f"{name}.yaml", f"{STRINGS_DIR}/{name}.yaml (theme)", name, False
    if not is_theme:
        for name in names:
            yield own / f"{name}.yaml", f"templates/{STRINGS_DIR}/{name}.yaml", name, True


def spoken() -> list[str]:
    """The languages the theme has words for, by code."""
    return sorted(p.stem for p in (builtin_dir("templates") / STRINGS_DIR).glob("*.yaml"))


def has_words_for(config: SiteConfig) -> bool:
    """Whether any strings file, the theme's or the site's, speaks the site's language (or
    its base language: 'pt' for 'pt-BR'); English always has its words."""
    return config.language.split("-", 1)[0].lower() == BASE_LANGUAGE or any(
        path.is_file() for path, _, name, _ in _files(config) if name != BASE_LANGUAGE
    )


def _shape(node: Node) -> str:
    return node.kind if node.kind != "scalar" else ("text" if node.value is not None else "null")


def _text(node: Node) -> str | None:
    """A scalar as written: `Yes` is the word, not YAML's true."""
    if node.kind != "scalar" or node.value is None:
        return None
    return node.text if node.text else str(node.value)


def _read(key: str, node: Node, english: Any, shown: str, language: str, problems: Problems) -> Any:
    """The value of one key, checked against the shape of its English value; None if wrong."""
    if isinstance(english, Count):
        if node.kind != "map":
            problems.add(
                shown,
                node.line,
                f"'{key}' should be a mapping of forms (one: …, other: …), not {_shape(node)}",
            )
            return None
        forms = {}
        for category, form in node.value.items():
            if category not in CATEGORIES:
                hint = did_you_mean(category, CATEGORIES) or "forms are " + ", ".join(CATEGORIES)
                problems.add(shown, form.line, f"'{key}' has an unknown form '{category}'", hint)
                continue
            text = _text(form)
            if text is None:
                problems.add(shown, form.line, f"'{key}.{category}' should be text")
                continue
            forms[category] = text
        if "other" not in forms and len(forms) == len(node.value):
            problems.add(
                shown,
                node.line,
                f"'{key}' has no 'other' form",
                "'other' is the form used when no other one fits",
            )
            return None
        allowed = set().union(*(placeholders(t) or set() for t in english.forms.values()))
        for category, text in forms.items():
            _check_placeholders(
                f"{key}.{category}", text, allowed, shown, node.value[category].line, problems
            )
        return Count(forms, language) if "other" in forms else None
    if isinstance(english, tuple):
        texts = [_text(item) for item in node.value] if node.kind == "seq" else []
        if node.kind != "seq" or len(texts) != len(english) or None in texts:
            problems.add(shown, node.line, f"'{key}' should be a list of {len(english)} texts")
            return None
        return tuple(texts)
    text = _text(node)
    if text is None:
        problems.add(
            shown,
            node.line,
            f"'{key}' should be text, not {_shape(node)}",
            "quote it if it looks like a number or yes/no",
        )
        return None
    _check_placeholders(key, text, placeholders(english) or set(), shown, node.line, problems)
    return text


def _check_placeholders(
    key: str, text: str, allowed: set[str], shown: str, line: int, problems: Problems
) -> None:
    used = placeholders(text)
    if used is None:
        problems.add(
            shown,
            line,
            f"'{key}' has an unmatched brace",
            "write {{ and }} for a brace shown as it is",
        )
        return
    for name in sorted(used - allowed):
        hint = did_you_mean(name, allowed) or (
            "this string fills in " + ", ".join(f"{{{n}}}" for n in sorted(allowed))
            if allowed
            else "this string fills in nothing"
        )
        problems.add(shown, line, f"'{key}' uses {{{name}}}, which is never filled in", hint)


def _english(document: Document) -> dict[str, Any]:
    """The theme's English file, the list of keys: trusted, so read without checks."""
    words: dict[str, Any] = {}
    for key, node in document.root.value.items():
        if node.kind == "map":
            words[key] = Count({k: _text(v) or "" for k, v in node.value.items()}, BASE_LANGUAGE)
        elif node.kind == "seq":
            words[key] = tuple(_text(v) or "" for v in node.value)
        else:
            words[key] = _text(node) or ""
    return words


def load_words(config: SiteConfig, problems: Problems) -> SimpleNamespace:
    """Every theme word for the site's language, as `words.<key>` for templates."""
    words: dict[str, Any] = {}
    extra: dict[str, str] = {}
    for path, shown, language, own in _files(config):
        if not path.is_file():
            continue
        document = load_file(path, shown, problems, allow_empty=True)
        if document is None:
            continue
        if not words:
            words = _english(document)
            continue
        root = document.root
        if root.kind != "map":
            problems.add(
                shown, root.line, f"should be a mapping of keys to words, not {_shape(root)}"
            )
            continue
        for key, node in root.value.items():
            if key == EXTRA and own:
                extra.update(_extra(node, shown, problems))
            elif key not in words:
                own_words = f"words of your own templates go under '{EXTRA}:'"
                close = did_you_mean(key, words)
                hint = f"{close} {own_words[0].upper()}{own_words[1:]}" if close else own_words
                problems.add(shown, node.line, f"unknown key '{key}'", hint)
            else:
                value = _read(key, node, words[key], shown, language, problems)
                if value is not None:
                    words[key] = value
    words[EXTRA] = SimpleNamespace(**extra)
    return SimpleNamespace(**words)


def _extra(node: Node, shown: str, problems: Problems) -> dict[str, str]:
    if node.kind != "map":
        problems.add(shown, node.line, f"'{EXTRA}' should be a mapping of keys to words")
        return {}
    found = {}
    for key, value in node.value.items():
        text = _text(value)
        if text is None or placeholders(text) is None:
            problems.add(shown, value.line, f"'{EXTRA}.{key}' should be text with matched braces")
        else:
            found[key] = text
    return found


def word_files(config: SiteConfig) -> list[Path]:
    """The strings files a build reads, for knowing when pages must be rendered again."""
    return [path for path, _, _, _ in _files(config) if path.is_file()]
