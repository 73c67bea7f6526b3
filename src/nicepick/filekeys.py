"""A content file's keys against its kind's declared fields (schema.py): a file in the other
kind's folder, unknown keys with their did-you-mean, required keys missing or empty. Each
known key's value is read by its type's reader (fields.py, factfields.py)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import Any

from nicepick import fields, schema
from nicepick.errors import Problems, closest
from nicepick.factfields import read_declarations, read_facts
from nicepick.fields import describe
from nicepick.tree import Document, Node

Reader = Callable[[Node, str, str, Problems], Any]

# Which reader reads each type of field (schema.py).
READERS: dict[str, Reader] = {
    schema.TEXT: fields.read_text,
    schema.MARKDOWN: fields.read_markdown,
    schema.INLINE: fields.read_inline_markdown,
    schema.SLUG: fields.read_text,  # slug rules are checked where the slug is used
    schema.TEXT_LIST: fields.read_text_list,
    schema.PAIR: fields.read_text_list,
    schema.NUMBER: fields.read_number,
    schema.BOOLEAN: fields.read_boolean,
    schema.DATE: fields.read_date,
    schema.LINKS: fields.read_links,
    schema.CLAUSES: fields.read_clauses,
    schema.MAPPING: fields.read_mapping,
    schema.URL: fields.read_url,
    schema.EMAIL: fields.read_email,
    schema.LANGUAGE: fields.read_language,
    schema.FACTS: read_facts,
    schema.FACT_DECLARATIONS: read_declarations,
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
            f"a {what} file should be a mapping of keys, not {describe(root)}",
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
            hidden = _invisible(key)
            if hidden:  # "' summary'": a no-break space pasted before it, which nobody sees
                hint = f"it holds {hidden} which looks like nothing or a space; retype it"
                hint += f" as '{match}'" if match else ""
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


def _invisible(text: str) -> str:
    """The first character of `text` a reader cannot see as what it is (a no-break space, a
    zero-width space, a byte-order mark), named; "" when there is none."""
    for char in text:
        if char == "\u00a0" or unicodedata.category(char) in ("Cf", "Zs") and char != " ":
            name = unicodedata.name(char, "").lower() or "an invisible character"
            return f"a {name}, U+{ord(char):04X},"
    return ""
