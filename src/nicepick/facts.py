"""Facts about techniques: the values editors write, the site's declarations of them, and what
may be said from the two together (which values compare, which side a declaration favours).

A technique's `facts:` maps a key to text (inline Markdown), a number, true/false, a date or a
list of texts. nicepick.yaml's `facts:` declares keys: a label, a unit, which way is better
(numbers and dates only) and an order. Reading them is factfields.py's; how they read on pages,
facttable.py's.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from nicepick import localize
from nicepick.errors import Problem, did_you_mean
from nicepick.models import FactValue, Technique

_KINDS_SHOWN = {"number": "a number", "date": "a date", "yes/no": "true/false", "list": "a list"}


@dataclass(frozen=True, slots=True)
class FactSpec:
    """One fact as nicepick.yaml declares it."""

    key: str
    label: str
    unit: str = ""  # shown after numbers
    better: str = ""  # "higher", "lower", or "" when neither value is better
    order: float | None = None  # position in tables; declared order where not given
    position: int = 0  # where it is declared
    line: int = 0  # in nicepick.yaml, for messages

    def shown(self) -> tuple[object, ...]:
        """Everything pages show of it: all but its line."""
        return self.key, self.label, self.unit, self.better, self.order, self.position


def kind(value: FactValue) -> str:
    """ "number", "date", "yes/no", "list" or "text"."""
    if isinstance(value, bool):
        return "yes/no"
    if isinstance(value, int | Decimal):
        return "number"
    if isinstance(value, date):
        return "date"
    return "list" if isinstance(value, tuple) else "text"


def label_of(key: str, declarations: Mapping[str, FactSpec]) -> str:
    """The declared label; else the key made readable ("first_release" → "First release")."""
    spec = declarations.get(key)
    if spec is not None:
        return spec.label
    words = key.replace("_", " ").replace("-", " ").strip() or key
    return words[0].upper() + words[1:]


def rank_of(key: str, declarations: Mapping[str, FactSpec]) -> tuple[int, float, int, str]:
    """Where a fact goes in tables: declared facts by `order`, then those without one as
    declared; undeclared ones last, by key."""
    spec = declarations.get(key)
    if spec is None:
        return 2, 0.0, 0, key
    if spec.order is None:
        return 1, 0.0, spec.position, key
    return 0, spec.order, spec.position, key


def ordered(keys: Iterable[str], declarations: Mapping[str, FactSpec]) -> list[str]:
    """Fact keys in table order (rank_of)."""
    return sorted(set(keys), key=lambda key: rank_of(key, declarations))


def better_side(
    spec: FactSpec | None, first: FactValue | None, second: FactValue | None
) -> int | None:
    """0 when the first value is the better one, 1 the second; None when the declaration names
    no better direction, a side has no value, the two differ in kind or are equal."""
    if spec is None or not spec.better or first is None or second is None:
        return None
    if kind(first) != kind(second) or kind(first) not in ("number", "date") or first == second:
        return None
    first_higher = first > second  # type: ignore[operator]
    return 0 if first_higher == (spec.better == "higher") else 1


@dataclass(frozen=True, slots=True)
class Decisive:
    """A declared fact on which one side of a comparison is better, for composed text."""

    key: str
    label: str
    pick_is_better: bool
    pick_value: str  # formatted in the page's language, without the unit
    other_value: str
    unit: str  # the declared unit, "" when none
    better: str  # "higher" or "lower", as declared
    kind: str  # "number" or "date"


def decisive(
    pick_facts: Mapping[str, FactValue],
    other_facts: Mapping[str, FactValue],
    declarations: Mapping[str, FactSpec],
    language: str = "en",
) -> list[Decisive]:
    """Every declared fact with `better:` on which both sides have comparable values that
    differ, in table order. Nothing else is decisive: a fact's meaning is the editor's."""
    found = []
    for key in ordered(pick_facts.keys() & other_facts.keys(), declarations):
        spec = declarations.get(key)
        pick, other = pick_facts[key], other_facts[key]
        side = better_side(spec, pick, other)
        if spec is None or side is None:
            continue
        shown = plain_pair(pick, other, language)
        found.append(
            Decisive(
                key,
                spec.label,
                side == 0,
                *shown,
                spec.unit,
                spec.better,
                kind(pick),
            )
        )
    return found


def plain(value: FactValue, language: str) -> str:
    """A number, date or yes/no as the page's language writes it; text and lists as written."""
    if isinstance(value, bool):
        return localize.boolean(value, language)
    if isinstance(value, int | Decimal):
        return localize.number(value, language)
    if isinstance(value, date):
        return localize.day(value, language)
    return ", ".join(value) if isinstance(value, tuple) else value


def names_fact(clause: str, key: str, label: str) -> bool:
    """Whether a `choose_if` clause names the fact, by its label or its key in words
    ("when the license matters", "if first release matters")."""
    folded = clause.casefold()
    return any(
        re.search(r"\b" + re.escape(word) + r"\b", folded)
        for word in {label.casefold(), key.replace("_", " ").casefold()}
    )


def in_text(value: str, unit: str) -> str:
    """A value with its unit inside a composed sentence: "12.5 MB", "45%"."""
    if not unit:
        return value
    return value + unit if localize.attached(unit, "en") else f"{value} {unit}"


def plain_pair(first: FactValue, second: FactValue, language: str) -> tuple[str, str]:
    """Two values a sentence sets side by side: two numbers grouped alike ("38,000 against
    9,500", where "9500" alone stays whole)."""
    if kind(first) == kind(second) == "number":
        assert isinstance(first, int | Decimal) and isinstance(second, int | Decimal)
        if max(abs(int(first)), abs(int(second))) >= 10_000:
            return (
                localize.number(first, language, group_four=True),
                localize.number(second, language, group_four=True),
            )
    return plain(first, language), plain(second, language)


def as_json(facts: Mapping[str, FactValue]) -> dict[str, Any]:
    """Facts for the JSON export: dates as YYYY-MM-DD, decimals as JSON numbers."""
    out: dict[str, Any] = {}
    for key, value in facts.items():
        if isinstance(value, Decimal):
            out[key] = int(value) if value == value.to_integral_value() else float(value)
        elif isinstance(value, date):
            out[key] = value.isoformat()
        else:
            out[key] = list(value) if isinstance(value, tuple) else value
    return out


# Checks across files: values against declarations, and keys against each other.


def conflicts(
    techniques: Iterable[Technique], declarations: Mapping[str, FactSpec]
) -> list[Problem]:
    """Values of a fact declared with `better:` that cannot be compared: text, yes/no or a
    list, and numbers mixed with dates. The values that disagree with most of the others are
    the ones reported; on a tie, dates win over years (a `better:` fact written both ways is a
    date like first_release), and numbers that are no years against dates are reported as the
    mix they are, since nothing says which was meant."""
    problems: list[Problem] = []
    holders: dict[str, list[Technique]] = defaultdict(list)
    for technique in techniques:
        for key in technique.facts:
            if key in declarations and declarations[key].better:
                holders[key].append(technique)
    for key, users in holders.items():
        spec = declarations[key]
        said = f"nicepick.yaml:{spec.line} says better: {spec.better}"
        by_kind: dict[str, list[Technique]] = defaultdict(list)
        for technique in users:
            by_kind[kind(technique.facts[key])].append(technique)
        numbers, dates = by_kind["number"], by_kind["date"]
        years = all(_is_year(t.facts[key]) for t in numbers)
        if len(numbers) == len(dates) and numbers and not years:
            first = min(users, key=lambda t: t.source)
            here = kind(first.facts[key])
            others = dates if here == "number" else numbers
            problems.append(
                Problem(
                    first.source,
                    first.lines.get(f"facts.{key}", 0),
                    0,
                    f"fact '{key}' is {_KINDS_SHOWN[here]} here but "
                    f"{_KINDS_SHOWN['date' if here == 'number' else 'number']} in "
                    f"{_places(others, key)}; {said}, which compares values of one kind",
                    "write them all as numbers, or all as dates",
                )
            )
            expected = ""
        elif len(dates) > len(numbers) or (dates and len(dates) == len(numbers)):
            expected = "date"
        else:
            expected = "number"
        for technique in users:
            value = technique.facts[key]
            shape = kind(value)
            if shape == expected or (not expected and shape in ("number", "date")):
                continue
            line = technique.lines.get(f"facts.{key}", 0)
            if shape in ("number", "date"):  # the odd one out among comparable values
                others = dates if expected == "date" else numbers
                problems.append(
                    Problem(
                        technique.source,
                        line,
                        0,
                        f"fact '{key}' is {_KINDS_SHOWN[shape]} here but {_KINDS_SHOWN[expected]} "
                        f"in {_places(others, key)}; {said}, which compares values of one kind",
                        _hint_for(value, expected, years),
                    )
                )
                continue
            what = f"text '{value}'" if shape == "text" else _KINDS_SHOWN[shape]
            wanted = _KINDS_SHOWN[expected] if expected else "a number or a date"
            problems.append(
                Problem(
                    technique.source,
                    line,
                    0,
                    f"fact '{key}' should be {wanted}, not {what}: {said}",
                    "write a date as YYYY-MM-DD"
                    if expected == "date"
                    else "write a number without quotes, e.g. 31000",
                )
            )
    return problems


def _is_year(value: FactValue) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999


def _places(techniques: list[Technique], key: str) -> str:
    """Where the first of these techniques gives the fact, and how many more do."""
    first = min(techniques, key=lambda t: t.source)
    more = f" and {len(techniques) - 1} more" if len(techniques) > 1 else ""
    return f"{first.source}:{first.lines.get(f'facts.{key}', 0)}{more}"


def _hint_for(value: FactValue, expected: str, years: bool) -> str:
    """How to write a number among dates, or a date among numbers, like the others."""
    if expected == "date":
        return (
            f"write a full date like {value}-01-01"
            if _is_year(value)
            else "write a date as YYYY-MM-DD"
        )
    if years and isinstance(value, date):
        return f"write the year alone, like the others: {value.year}"
    return "write a number without quotes, like the others"


def near_misses(
    techniques: Iterable[Technique], declarations: Mapping[str, FactSpec]
) -> list[Problem]:
    """A fact key only one technique uses, close to a declared one: most likely a typo."""
    users: dict[str, list[Technique]] = defaultdict(list)
    for technique in techniques:
        for key in technique.facts:
            users[key].append(technique)
    warnings = []
    for key, holders in users.items():
        if key in declarations or len(holders) != 1:
            continue
        hint = did_you_mean(key, declarations)
        if hint:
            technique = holders[0]
            warnings.append(
                Problem(
                    technique.source,
                    technique.lines.get(f"facts.{key}", 0),
                    0,
                    f"fact '{key}' is used by {technique.name} only and is not "
                    "declared in nicepick.yaml",
                    hint,
                )
            )
    return warnings
