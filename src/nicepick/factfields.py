"""Reading facts out of YAML nodes: a technique's `facts:` values and nicepick.yaml's
declarations, with one clear problem for each that does not fit.

filekeys.py hands these the `facts` nodes, like any other field's; what the values mean together
is facts.py's.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from nicepick.errors import Problems, closest, did_you_mean
from nicepick.facts import FactSpec, label_of
from nicepick.fields import clean_text, read_number, read_text
from nicepick.models import FactValue
from nicepick.schema import BETTER, DECLARATION_KEYS
from nicepick.sources import Document, Node

_SHAPES = "a fact is text, a number, true/false, a date (YYYY-MM-DD) or a list of texts"


def _shape(node: Node) -> str:
    if node.kind == "map":
        return "a mapping"
    return "a list" if node.kind == "seq" else "empty" if node.tag == "null" else "text"


def _absent(node: Node) -> bool:
    """`license:` left empty, or an empty list: not given, like any other empty field."""
    return (node.kind == "scalar" and node.tag == "null") or (node.kind == "seq" and not node.value)


def _value(node: Node, shown: str, key: str, problems: Problems) -> FactValue | None:
    if node.kind == "map":
        problems.add(shown, node.line, f"fact '{key}' is a mapping", _SHAPES)
        return None
    if node.kind == "seq":
        items: list[str] = []
        for index, item in enumerate(node.value, start=1):
            if item.kind != "scalar" or item.tag == "null":
                problems.add(
                    shown,
                    item.line,
                    f"fact '{key}' item {index} is {_shape(item)}",
                    "a fact's list holds texts only, one '- item' per line",
                )
                return None
            text = clean_text(" ".join(item.text.split()), shown, item.line, key, problems)
            if text is None:
                return None
            if not text:
                problems.add(shown, item.line, f"fact '{key}' item {index} is empty")
                return None
            items.append(text)
        return tuple(items)
    if node.tag == "bool":
        return bool(node.value)
    if node.tag == "int":
        return int(node.value)
    if node.tag == "float":
        try:  # as written, so "9.90" keeps its zero and "1_000.5" reads as 1000.5
            number = Decimal(node.text.replace("_", ""))
        except InvalidOperation:
            number = Decimal(repr(node.value))
        if not number.is_finite():
            problems.add(shown, node.line, f"fact '{key}' should be a finite number")
            return None
        return number
    if node.tag == "timestamp":
        try:
            return date.fromisoformat(node.text.strip())
        except ValueError:
            try:
                return datetime.fromisoformat(node.text.strip()).date()
            except ValueError:
                problems.add(
                    shown,
                    node.line,
                    f"fact '{key}' is not a valid date: '{node.text.strip()}'",
                    "write dates as YYYY-MM-DD",
                )
                return None
    return clean_text(" ".join(node.text.split()), shown, node.line, key, problems)


def read_facts(node: Node, shown: str, key: str, problems: Problems) -> dict[str, FactValue] | None:
    """A technique's `facts:`; None (with every problem found) when a value has no fact shape."""
    if node.kind != "map":
        problems.add(
            shown,
            node.line,
            f"'{key}' should be a mapping of fact to value, not {_shape(node)}",
            "write 'license: MIT' on its own line under it",
        )
        return None
    facts: dict[str, FactValue] = {}
    ok = True
    for name, value_node in node.value.items():
        if clean_text(name, shown, node.keys[name].line, key, problems) is None:
            ok = False
            continue
        if _absent(value_node):
            continue
        value = _value(value_node, shown, name, problems)
        if value is None:
            ok = False
        elif value != "":
            facts[name] = value
    return facts if ok else None


def lines_of(document: Document) -> dict[str, int]:
    """Where each fact of a technique file is, as "facts.<key>" → line, for later messages."""
    root = document.root
    node = root.value.get("facts") if root.kind == "map" else None
    if node is None or node.kind != "map":
        return {}
    return {f"facts.{name}": key.line for name, key in node.keys.items()}


def read_declarations(
    node: Node, shown: str, key: str, problems: Problems
) -> dict[str, FactSpec] | None:
    """nicepick.yaml's `facts:`: for each key a label, and optionally unit, better, order."""
    if node.kind != "map":
        problems.add(
            shown,
            node.line,
            f"'{key}' should be a mapping of fact to its declaration, not {_shape(node)}",
            "e.g. 'license: {label: License}'",
        )
        return None
    specs: dict[str, FactSpec] = {}
    ok = True
    for position, (name, declared) in enumerate(node.value.items()):
        spec = _declaration(name, declared, position, node.keys[name].line, shown, problems)
        if spec is None:
            ok = False
        else:
            specs[name] = spec
    return specs if ok else None


def _declaration(
    name: str, node: Node, position: int, line: int, shown: str, problems: Problems
) -> FactSpec | None:
    if node.kind != "map":
        # `stars: GitHub stars` names the label already: keep the editor's words.
        words = " ".join(node.text.split()) if node.kind == "scalar" else ""
        problems.add(
            shown,
            line,
            f"the declaration of fact '{name}' should be a mapping, not {_shape(node)}",
            f"write '{name}: {{label: {words or label_of(name, {})}}}'",
        )
        return None
    ok = True
    values: dict[str, Any] = {}
    meant: set[str] = set()  # keys an unknown key is a misspelling of
    for item, value in node.value.items():
        if item not in DECLARATION_KEYS:
            match = closest(item, DECLARATION_KEYS)
            meant.add(match)
            problems.add(
                shown,
                node.keys[item].line,
                f"unknown key '{item}' in the declaration of fact '{name}'",
                f"did you mean '{match}'?"
                if match
                else "known keys: " + ", ".join(DECLARATION_KEYS),
            )
            ok = False
        elif not _absent(value):
            read = read_number if item == "order" else read_text
            values[item] = read(value, shown, f"facts.{name}.{item}", problems)
            ok = ok and values[item] is not None
    # The hints add a label beside the keys given, never a declaration rewritten without them.
    label = node.value.get("label")
    if label is None:
        if "label" not in meant:  # `lable:` is one mistake, reported above
            problems.add(
                shown,
                line,
                f"fact '{name}' is declared without a 'label'",
                "add 'label: …', the name readers see",
            )
        ok = False
    elif _absent(label) or values.get("label") == "":
        problems.add(
            shown, label.line, f"the label of fact '{name}' is empty", "write the name readers see"
        )
        ok = False
    better = (values.get("better") or "").lower()
    if better and better not in BETTER:
        problems.add(
            shown,
            node.value["better"].line,
            f"'better' of fact '{name}' should be higher or lower, not '{values['better']}'",
            did_you_mean(better, BETTER) or "leave it out when neither value is better",
        )
        ok = False
    if not ok:
        return None
    return FactSpec(
        name, values["label"], values.get("unit") or "", better, values.get("order"), position, line
    )


def check_ranking_fact(values: dict[str, Any], document: Document, problems: Problems) -> None:
    """`ranking_fact` must name a declared fact; a wrong one is reported and dropped. A fact
    declared with a mistake of its own still counts as declared: its mistake is reported
    already, and a second line saying it is missing would send the editor the wrong way."""
    name = values.get("ranking_fact")
    root = document.root
    written = root.value.get("facts") if root.kind == "map" else None
    declared = written.value if written is not None and written.kind == "map" else {}
    if name is None or name in declared:
        if name is not None and name not in (values.get("facts") or {}):
            values.pop("ranking_fact")  # declared, but with a mistake: ranked by nothing
        return
    problems.add(
        document.shown,
        document.root.value["ranking_fact"].line,
        f"'ranking_fact' names '{name}', which is not declared under 'facts'",
        did_you_mean(name, declared) or f"declare it: facts: {{{name}: {{label: …}}}}",
    )
    values.pop("ranking_fact")
