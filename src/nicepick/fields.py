"""Reading typed values out of YAML nodes, with one clear problem for each value that does not fit.

Each reader returns the value, or None after adding a problem. Readers take text as written
(`Node.text`) wherever text is expected, so YAML 1.1's `no` → False and `1.10` → 1.1 never
change what an editor wrote.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from datetime import date, datetime
from typing import Any
from urllib.parse import urlsplit

from nicepick import schema
from nicepick.errors import Problems, closest
from nicepick.sources import Document, Node

_TEXT_TAGS = {"str", "int", "float", "bool", "timestamp"}
_LANGUAGE_RE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")
_EMAIL_RE = re.compile(r"^[^@\s<>\"']+@[^@\s<>\"']+\.[^@\s<>\"']+$")
_SAFE_LINK_SCHEMES = {"http", "https", "mailto", ""}
# What a base URL may contain: it is pasted into every page, the sitemap and robots.txt.
URL_SAFE = re.compile(r"^[A-Za-z0-9\-._~:/%@!$()*+,;=\[\]]+$")

# Characters XML 1.0 forbids and HTML treats as errors: never meant in prose, usually a paste
# accident or a "\e"-style escape in a double-quoted YAML string. Lone surrogates cannot even
# be written as UTF-8.
_FORBIDDEN_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")

Reader = Callable[[Node, str, str, Problems], Any]


def clean_text(text: str, shown: str, line: int, key: str, problems: Problems) -> str | None:
    """The text, or None (with a problem) when it holds characters no page can carry."""
    bad = _FORBIDDEN_CHARS.search(text)
    if bad is None:
        return text
    problems.add(
        shown,
        line,
        f"'{key}' contains the control character U+{ord(bad.group()):04X}",
        "remove it; it cannot appear in a web page",
    )
    return None


def _describe(node: Node) -> str:
    if node.kind == "map":
        return "a mapping"
    if node.kind == "seq":
        return "a list"
    return {"null": "empty", "bool": "true/false", "int": "a number", "float": "a number"}.get(
        node.tag, "text"
    )


def read_text(node: Node, shown: str, key: str, problems: Problems) -> str | None:
    """Text as written, whitespace collapsed. Numbers, dates and yes/no count as text."""
    if node.kind == "scalar" and node.tag in _TEXT_TAGS:
        return clean_text(" ".join(node.text.split()), shown, node.line, key, problems)
    problems.add(shown, node.line, f"'{key}' should be text, not {_describe(node)}")
    return None


def read_markdown(node: Node, shown: str, key: str, problems: Problems) -> str | None:
    """Markdown keeps its line breaks; only outer blank space goes."""
    if node.kind == "scalar" and node.tag in _TEXT_TAGS:
        return clean_text(node.text.strip(), shown, node.line, key, problems)
    problems.add(shown, node.line, f"'{key}' should be Markdown text, not {_describe(node)}")
    return None


def read_text_list(node: Node, shown: str, key: str, problems: Problems) -> list[str] | None:
    if node.kind != "seq":
        hint = "write one '- item' per line" if node.kind == "scalar" else ""
        problems.add(shown, node.line, f"'{key}' should be a list, not {_describe(node)}", hint)
        return None
    items: list[str] = []
    ok = True
    for index, item in enumerate(node.value, start=1):
        if item.kind == "scalar" and item.tag == "null":
            problems.add(shown, item.line, f"'{key}' item {index} is empty")
            ok = False
            continue
        text = read_markdown(item, shown, f"{key}' item '{index}", problems)
        if text is None:
            ok = False
        elif not text:
            problems.add(shown, item.line, f"'{key}' item {index} is empty")
            ok = False
        else:
            items.append(text)
    return items if ok else None


def read_number(node: Node, shown: str, key: str, problems: Problems) -> float | None:
    if node.kind == "scalar" and node.tag in ("int", "float"):
        try:
            value = float(node.value)
        except OverflowError:  # an integer of hundreds of digits
            value = math.inf
        if not math.isfinite(value):
            problems.add(shown, node.line, f"'{key}' should be a finite number")
            return None
        return value
    problems.add(
        shown, node.line, f"'{key}' should be a number, not {_describe(node)}", _number_hint(node)
    )
    return None


def _number_hint(node: Node) -> str:
    """What to write instead: said from what was written, not guessed."""
    text = node.text.strip() if node.kind == "scalar" else ""
    plain = text.rstrip("%").replace(",", "").replace("_", "").strip()
    try:
        number = float(plain)
    except ValueError:
        number = math.nan
    if not math.isfinite(number):
        return "write a number, e.g. 85"
    written = str(int(number)) if number.is_integer() and abs(number) < 1e15 else repr(number)
    if node.quoted:
        return f"write it without quotes: {written}"
    if text.endswith("%"):
        return f"write the number alone, without '%': {written}"
    if plain != text:
        return f"write it without separators: {written}"
    return f"YAML reads '{text}' as text; write it as {written}"


def read_boolean(node: Node, shown: str, key: str, problems: Problems) -> bool | None:
    if node.kind == "scalar" and node.tag == "bool":
        return bool(node.value)
    problems.add(shown, node.line, f"'{key}' should be true or false, not {_describe(node)}")
    return None


def read_date(node: Node, shown: str, key: str, problems: Problems) -> date | None:
    text = node.text.strip() if node.kind == "scalar" else ""
    if node.kind == "scalar" and node.tag in ("timestamp", "str") and text:
        try:
            return date.fromisoformat(text)
        except ValueError:
            pass
        try:
            return datetime.fromisoformat(text).date()
        except ValueError:
            pass
    shown_value = f"'{text}'" if text else _describe(node)
    problems.add(
        shown,
        node.line,
        f"'{key}' is not a valid date: {shown_value}",
        "write dates as YYYY-MM-DD, e.g. 2026-03-14",
    )
    return None


def _url_problem(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme.lower() not in _SAFE_LINK_SCHEMES or (
        parts.scheme and not parts.netloc and parts.scheme != "mailto"
    ):
        return "only http, https and mailto links are allowed"
    if not parts.scheme:
        return "write a full URL starting with https://"
    if parts.password is not None:
        return "a password in a link would be published; link without it"
    return ""


def read_links(
    node: Node, shown: str, key: str, problems: Problems
) -> list[tuple[str, str]] | None:
    if node.kind != "map":
        problems.add(
            shown,
            node.line,
            f"'{key}' should be a mapping of label to URL, not {_describe(node)}",
            "write 'Documentation: https://…' per line",
        )
        return None
    links: list[tuple[str, str]] = []
    ok = True
    for label, value in node.value.items():
        url = read_text(value, shown, f"{key}.{label}", problems)
        if clean_text(label, shown, node.keys[label].line, key, problems) is None:
            ok = False
            continue
        if url is None:
            ok = False
            continue
        why = _url_problem(url)
        if why:
            masked = (
                url.replace(f":{urlsplit(url).password}@", ":…@", 1)
                if urlsplit(url).password is not None
                else url
            )  # CI logs are often public
            problems.add(shown, value.line, f"link '{label}' has an unusable URL '{masked}'", why)
            ok = False
            continue
        links.append((label, url))
    return links if ok else None


def read_clauses(
    node: Node, shown: str, key: str, problems: Problems
) -> dict[str, list[tuple[str, int]]] | None:
    """Technique → its clauses with their lines: one clause, or a list of them ("when you…",
    "for teams that…"), which a page joins with "or"."""
    if node.kind != "map":
        problems.add(
            shown,
            node.line,
            f"'{key}' should be a mapping of technique to clause, not {_describe(node)}",
        )
        return None
    clauses: dict[str, list[tuple[str, int]]] = {}
    ok = True
    for name, value in node.value.items():
        items = value.value if value.kind == "seq" else [value]
        found = []
        for item in items:
            if item.kind == "seq":
                problems.add(
                    shown,
                    item.line,
                    f"'{key}.{name}' should be a clause or a list "
                    "of clauses, not a list inside a list",
                )
                ok = False
                continue
            text = read_markdown(item, shown, f"{key}.{name}", problems)
            if text is None:
                ok = False
            elif text:
                found.append((text, item.line))
        if found:
            clauses[name] = found
    return clauses if ok else None


def read_mapping(node: Node, shown: str, key: str, problems: Problems) -> dict[str, Any] | None:
    if node.kind != "map":
        problems.add(shown, node.line, f"'{key}' should be a mapping, not {_describe(node)}")
        return None
    return node.plain()  # type: ignore[no-any-return]


def credentials_in(url: str) -> str:
    """The user name and password part of a URL ('user:…@'), the password hidden; or ''."""
    parts = urlsplit(url)
    if parts.username is None and parts.password is None and "@" not in parts.netloc:
        return ""
    user = parts.netloc.rpartition("@")[0].partition(":")[0]
    return f"{user}:…@" if parts.password is not None else f"{user}@"


def base_url_problem(url: str) -> tuple[str, str]:
    """What is wrong with a base URL, and a hint; ('', '') when nothing is."""
    parts = urlsplit(url)
    if (
        parts.scheme not in ("http", "https")
        or not parts.hostname
        or parts.query
        or parts.fragment
        or not URL_SAFE.match(url)
    ):
        return (
            "should be an absolute http(s) URL",
            "e.g. https://example.org/ or https://user.github.io/picks/",
        )
    if credentials_in(url):
        what = (
            f"holds a user name or password ('{credentials_in(url)}'), which every page, "
            "the sitemap and the feed would publish"
        )
        return what, "remove it: readers reach a static site without one"
    try:
        parts.port  # noqa: B018 - raises on a port that is not a number from 0 to 65535
    except ValueError:
        return "has a port that is not a number from 0 to 65535", "e.g. https://example.org:8443/"
    return "", ""


def read_url(node: Node, shown: str, key: str, problems: Problems) -> str | None:
    text = read_text(node, shown, key, problems)
    if text is None:
        return None
    what, hint = base_url_problem(text)
    if what:
        shown_url = text if not credentials_in(text) else "…"
        problems.add(
            shown,
            node.line,
            f"'{key}' {what}, not '{shown_url}'"
            if what.startswith("should")
            else f"'{key}' {what}",
            hint,
        )
        return None
    return text


def read_email(node: Node, shown: str, key: str, problems: Problems) -> str | None:
    text = read_text(node, shown, key, problems)
    if text is not None and not _EMAIL_RE.match(text):
        problems.add(shown, node.line, f"'{key}' is not an email address: '{text}'")
        return None
    return text


def read_language(node: Node, shown: str, key: str, problems: Problems) -> str | None:
    text = read_text(node, shown, key, problems)
    if text is not None and not _LANGUAGE_RE.match(text):
        problems.add(
            shown, node.line, f"'{key}' is not a language code: '{text}'", "e.g. en, en-GB, fr"
        )
        return None
    return text


def _read_facts(node: Node, shown: str, key: str, problems: Problems) -> Any:
    from nicepick.factfields import read_facts  # it reads values with the readers above

    return read_facts(node, shown, key, problems)


def _read_fact_declarations(node: Node, shown: str, key: str, problems: Problems) -> Any:
    from nicepick.factfields import read_declarations

    return read_declarations(node, shown, key, problems)


READERS: dict[str, Reader] = {
    schema.TEXT: read_text,
    schema.MARKDOWN: read_markdown,
    schema.SLUG: read_text,  # slug rules are checked where the slug is used
    schema.TEXT_LIST: read_text_list,
    schema.PAIR: read_text_list,
    schema.NUMBER: read_number,
    schema.BOOLEAN: read_boolean,
    schema.DATE: read_date,
    schema.LINKS: read_links,
    schema.CLAUSES: read_clauses,
    schema.MAPPING: read_mapping,
    schema.URL: read_url,
    schema.EMAIL: read_email,
    schema.LANGUAGE: read_language,
    schema.FACTS: _read_facts,
    schema.FACT_DECLARATIONS: _read_fact_declarations,
}


# A file in the other kind's folder: one problem saying so, not one per key it has.
_MISPLACED = {
    "comparison": ("name", "compare", "a technique file", "comparisons/techniques/"),
    "technique": (
        "compare",
        "name",
        "a comparison file",
        "comparisons/, or any folder there but techniques/",
    ),
}
_START = {
    "technique": "start with 'name: …' on the first line",
    "comparison": "start with 'compare: [first, second]'",
}


def read_document(
    document: Document, fields: tuple[schema.Field, ...], what: str, problems: Problems
) -> tuple[dict[str, Any], bool]:
    """Read every declared field of a file; flag unknown keys and missing required ones.

    Returns the values that could be read and whether the whole file was clean, so callers
    can still cross-check what was readable and report more problems in one run.
    """
    root, shown = document.root, document.shown
    if root.kind != "map":
        if root.kind == "scalar" and re.match(r"^[\w-]+:\S", root.text):
            hint = "put a space after the ':' of each key, as in 'name: Alpha'"
        else:
            hint = _START.get(
                what, f"write one 'key: value' per line, such as '{fields[0].name}: …'"
            )
        problems.add(
            shown,
            root.line,
            f"a {what} file should be a mapping of keys, not {_describe(root)}",
            hint,
        )
        return {}, False
    misplaced = _MISPLACED.get(what)
    if misplaced and misplaced[0] in root.value and misplaced[1] not in root.value:
        marker, own, kind, where = misplaced
        problems.add(
            shown,
            root.keys[marker].line,
            f"this is {kind} (it has '{marker}:' and no '{own}:'), in the folder of {what}s",
            f"move it to {where}",
        )
        return {}, False
    known = {f.name: f for f in fields}
    values: dict[str, Any] = {}
    clean = True
    meant: set[str] = set()  # keys an unknown key is a misspelling of
    for key, node in root.value.items():
        spec = known.get(key)
        if spec is None:
            match = closest(key, known)
            meant.add(match)
            hint = (
                f"did you mean '{match}'?" if match else "known keys: " + ", ".join(sorted(known))
            )
            problems.add(shown, root.keys[key].line, f"unknown key '{key}' in a {what} file", hint)
            clean = False
            continue
        if node.kind == "scalar" and node.tag == "null":
            if spec.required:  # `name:` with nothing after it, or YAML's word for nothing
                word = node.text.strip()
                problems.add(
                    shown,
                    node.line,
                    f"'{key}' is empty",
                    spec.doc
                    if not word
                    else f"YAML reads '{word}' as nothing; to mean the word, quote it: "
                    f'{key}: "{word}"',
                )
                clean = False
            continue  # `tagline:` left empty means "not given"
        value = READERS[spec.type](node, shown, key, problems)
        if value is None:
            clean = False
        else:
            values[key] = value
    for spec in fields:
        if not spec.required:
            continue
        if spec.name in meant:
            continue  # `sumary:` is one mistake, already reported with its did-you-mean
        if spec.name not in root.value:
            problems.add(
                shown, root.line, f"missing required key '{spec.name}'", f"{spec.name}: {spec.doc}"
            )
            clean = False
        elif spec.name in values and values[spec.name] in ("", []):
            problems.add(shown, root.value[spec.name].line, f"'{spec.name}' is empty", spec.doc)
            values.pop(spec.name)
            clean = False
    return values, clean
