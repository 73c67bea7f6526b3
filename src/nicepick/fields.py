"""Reading typed values out of YAML nodes, with one clear problem for each value that does not fit.

Each reader returns the value, or None after adding a problem. Readers take text as written
(`Node.text`) wherever text is expected, so YAML 1.1's `no` → False and `1.10` → 1.1 never
change what an editor wrote.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime
from typing import Any
from urllib.parse import urlsplit

from nicepick import schema
from nicepick.addresses import base_url_problem, credentials_in, link_problem
from nicepick.errors import Problems
from nicepick.tree import Node

_TEXT_TAGS = {"str", "int", "float", "bool", "timestamp"}
_LANGUAGE_RE = re.compile(schema.LANGUAGE_PATTERN)
_EMAIL_RE = re.compile(r"^[^@\s<>\"']+@[^@\s<>\"']+\.[^@\s<>\"']+$")

# Characters XML 1.0 forbids and HTML treats as errors: never meant in prose, usually a paste
# accident or a "\e"-style escape in a double-quoted YAML string. Lone surrogates cannot even
# be written as UTF-8.
_FORBIDDEN_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def clean_text(
    text: str, shown: str, line: int, key: str, problems: Problems, named: str = ""
) -> str | None:
    """The text, or None (with a problem) when it holds characters no page can carry."""
    bad = _FORBIDDEN_CHARS.search(text)
    if bad is None:
        return text
    what = named or f"'{key}'"
    problems.add(
        shown,
        line,
        f"{what} contains the control character U+{ord(bad.group()):04X}",
        "remove it; it cannot appear in a web page",
    )
    return None


def describe(node: Node) -> str:
    if node.kind == "map":
        return "a mapping"
    if node.kind == "seq":
        return "a list"
    return {"null": "empty", "bool": "true/false", "int": "a number", "float": "a number"}.get(
        node.tag, "text"
    )


def _unquoted_colon(node: Node) -> str:
    """The hint for text that YAML read as a mapping: unquoted, 'Note: it is slow' is one."""
    return "quote text that contains ': '" if node.kind == "map" else ""


def read_text(node: Node, shown: str, key: str, problems: Problems) -> str | None:
    """Text as written, whitespace collapsed. Numbers, dates and yes/no count as text."""
    if node.kind == "scalar" and node.tag in _TEXT_TAGS:
        return clean_text(" ".join(node.text.split()), shown, node.line, key, problems)
    what = f"'{key}' should be text, not {describe(node)}"
    problems.add(shown, node.line, what, _unquoted_colon(node))
    return None


def read_markdown(
    node: Node, shown: str, key: str, problems: Problems, named: str = ""
) -> str | None:
    """Markdown keeps its line breaks; only outer blank space goes. `named`: how messages
    name the value, when not by its key ("'cons' item 2")."""
    if node.kind == "scalar" and node.tag in _TEXT_TAGS:
        return clean_text(node.text.strip(), shown, node.line, key, problems, named)
    value = named or f"'{key}'"
    what = f"{value} should be Markdown text, not {describe(node)}"
    problems.add(shown, node.line, what, _unquoted_colon(node))
    return None


# Markdown blocks, which a one-sentence field shows as a heading, list or paragraph of its
# own inside the page's sentence (a second <h1> on the page, a list inside a <p>).
_BLOCKS = (
    (re.compile(r"^ {0,3}#{1,6}(?:\s|$)", re.M), "a heading"),
    (re.compile(r"^ {0,3}(?:[-*+]|\d{1,9}[.)])\s+\S", re.M), "a list"),
    (re.compile(r"^ {0,3}>", re.M), "a quotation block"),
    (re.compile(r"^ {0,3}(?:```|~~~)", re.M), "a code block"),
    (re.compile(r"\n[ \t]*\n\s*\S"), "a second paragraph"),
)


def block_in(text: str) -> str:
    """The first Markdown block in `text` ("a heading", "a list"…), or ""."""
    return next((what for pattern, what in _BLOCKS if pattern.search(text)), "")


def read_inline_markdown(
    node: Node, shown: str, key: str, problems: Problems, named: str = ""
) -> str | None:
    """read_markdown, for a field of one sentence: a heading, a list or a second paragraph
    in it is refused at its line."""
    text = read_markdown(node, shown, key, problems, named)
    if text and (block := block_in(text)):
        value = named or f"'{key}'"
        problems.add(
            shown,
            node.line,
            f"{value} holds {block}, which a one-sentence field cannot show",
            "write one sentence here; headings, lists and paragraphs belong in 'body'",
        )
        return None
    return text


def read_text_list(node: Node, shown: str, key: str, problems: Problems) -> list[str] | None:
    if node.kind != "seq":
        hint = "write one '- item' per line" if node.kind == "scalar" else ""
        problems.add(shown, node.line, f"'{key}' should be a list, not {describe(node)}", hint)
        return None
    items: list[str] = []
    ok = True
    for index, item in enumerate(node.value, start=1):
        if item.kind == "scalar" and item.tag == "null":
            problems.add(shown, item.line, f"'{key}' item {index} is empty")
            ok = False
            continue
        text = read_inline_markdown(item, shown, key, problems, f"'{key}' item {index}")
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
        shown, node.line, f"'{key}' should be a number, not {describe(node)}", _number_hint(node)
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
    problems.add(shown, node.line, f"'{key}' should be true or false, not {describe(node)}")
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
    shown_value = f"'{text}'" if text else describe(node)
    problems.add(
        shown,
        node.line,
        f"'{key}' is not a valid date: {shown_value}",
        "write dates as YYYY-MM-DD, e.g. 2026-03-14",
    )
    return None


def read_links(
    node: Node, shown: str, key: str, problems: Problems
) -> list[tuple[str, str]] | None:
    if node.kind != "map":
        problems.add(
            shown,
            node.line,
            f"'{key}' should be a mapping of label to URL, not {describe(node)}",
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
        why = link_problem(url)
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
            f"'{key}' should be a mapping of technique to clause, not {describe(node)}",
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
            text = read_inline_markdown(item, shown, f"{key}.{name}", problems)
            if text is None:
                ok = False
            elif text:
                found.append((text, item.line))
        if found:
            clauses[name] = found
    return clauses if ok else None


def read_mapping(node: Node, shown: str, key: str, problems: Problems) -> dict[str, Any] | None:
    if node.kind != "map":
        problems.add(shown, node.line, f"'{key}' should be a mapping, not {describe(node)}")
        return None
    return node.plain()  # type: ignore[no-any-return]


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
