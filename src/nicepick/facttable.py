"""How facts read on pages: each technique's values formatted once per build in the page's
language, the side-by-side table of a comparison, a technique's own table, the column a ranking
may show, and the few facts schema.org has a property for.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from markupsafe import Markup

from nicepick import localize
from nicepick.facts import FactSpec, better_side, kind, label_of, ordered
from nicepick.markup import MarkdownRenderer, plain_text
from nicepick.models import FactValue, Technique

# Kinds of technique that are software, for which schema.org's SoftwareApplication is true.
_SOFTWARE = frozenset(["tool", "library", "framework", "database", "platform", "application",
                       "app", "software", "service", "engine", "package", "runtime", "server"])
_MARKDOWN_LINK = re.compile(r"\[([^\]]+)\]\((https?://[^\s)]+)\)")
_RULES = {("number", "higher"): "higher is better", ("number", "lower"): "lower is better",
          ("date", "higher"): "later is better", ("date", "lower"): "earlier is better"}


@dataclass(frozen=True, slots=True)
class FactCell:
    """One technique's value of one fact, ready for a page: `html` for a single value (a
    number with its unit, a date, Markdown text), `items` for a list."""

    html: Markup
    items: tuple[Markup, ...] = ()

    @property
    def inline(self) -> Markup:
        """The value on one line: a list's items joined by commas."""
        return Markup(", ").join(self.items) if self.items else self.html


@dataclass(frozen=True, slots=True)
class FactRow:
    label: str
    rule: str  # "higher is better", "earlier is better"…; empty when neither value is
    cells: tuple[FactCell | None, ...]  # one per column; None where that side has no value
    better: int | None  # the column whose value is better, if one is


@dataclass(frozen=True, slots=True)
class FactTable:
    """The facts either technique has, one row each, in the declared order."""

    columns: tuple[str, ...]  # the techniques' names
    rows: tuple[FactRow, ...]
    marked: bool  # some row marks a better value


@dataclass(frozen=True, slots=True)
class FactColumn:
    """The one fact a ranking shows beside each technique (`ranking_fact`)."""

    label: str
    cells: Mapping[str, FactCell]  # by technique slug; absent where it has no value


class FactSheet:
    """Every technique's facts as pages show them, each formatted once per build."""

    def __init__(self, techniques: Mapping[str, Technique], declarations: Mapping[str, FactSpec],
                 language: str, ranking_fact: str, md: MarkdownRenderer) -> None:
        self.techniques = techniques
        self.declarations = declarations
        self.language = language
        self.ranking_fact = ranking_fact
        self.md = md
        self._cells: dict[str, dict[str, FactCell]] = {}

    def cells(self, slug: str) -> dict[str, FactCell]:
        found = self._cells.get(slug)
        if found is None:
            facts = self.techniques[slug].facts
            found = self._cells[slug] = {key: self._cell(key, value)
                                         for key, value in facts.items()}
        return found

    def _cell(self, key: str, value: FactValue) -> FactCell:
        language = self.language
        if isinstance(value, bool):
            return FactCell(Markup.escape(localize.boolean(value, language)))
        if isinstance(value, int | Decimal):
            spec = self.declarations.get(key)
            text = localize.with_unit(localize.number(value, language), spec.unit if spec else "",
                                      language)
            return FactCell(Markup.escape(text))
        if isinstance(value, date):
            return FactCell(Markup('<time datetime="{}">{}</time>').format(
                value.isoformat(), localize.day(value, language)))
        if isinstance(value, tuple):
            return FactCell(Markup(""), tuple(self.md.inline(item) for item in value))
        return FactCell(self.md.inline(value))

    def table(self, *slugs: str) -> FactTable:
        """The facts of one technique, or of two side by side with the better value marked."""
        facts = [self.techniques[slug].facts for slug in slugs]
        if not any(facts):
            return FactTable(tuple(self.techniques[s].name for s in slugs), (), False)
        sheets = [self.cells(slug) for slug in slugs]
        rows = []
        for key in ordered((k for f in facts for k in f), self.declarations):
            spec = self.declarations.get(key)
            values = [f.get(key) for f in facts]
            better = better_side(spec, values[0], values[1]) if len(values) == 2 else None
            rows.append(FactRow(label_of(key, self.declarations), _rule(spec, values),
                                tuple(sheet.get(key) for sheet in sheets), better))
        return FactTable(tuple(self.techniques[s].name for s in slugs), tuple(rows),
                         any(row.better is not None for row in rows))

    def column(self, slugs: Iterable[str]) -> FactColumn | None:
        """The ranking column, when the site asks for one."""
        key = self.ranking_fact
        if not key:
            return None
        return FactColumn(label_of(key, self.declarations),
                          {slug: cell for slug in slugs if (cell := self.cells(slug).get(key))})

    def signature(self, slug: str) -> str:
        """Everything a page shows of a technique's facts: the values and their declarations."""
        facts = self.techniques[slug].facts
        if not facts:
            return ""
        return repr([(key, value, spec.shown() if (spec := self.declarations.get(key)) else None)
                     for key, value in facts.items()])

    def column_signature(self, slugs: Iterable[str]) -> str:
        """Everything a ranking's column shows."""
        key = self.ranking_fact
        if not key:
            return ""
        return repr((self.declarations[key].shown(),
                     [self.techniques[slug].facts.get(key) for slug in slugs]))

    def schema_org(self, slug: str) -> dict[str, Any]:
        """The facts schema.org has a property for, where they are true of the technique: a
        license and a first release date, for software only."""
        technique = self.techniques[slug]
        if not technique.facts or technique.kind.casefold() not in _SOFTWARE:
            return {}
        found: dict[str, Any] = {}
        license = technique.facts.get("license")
        if isinstance(license, str):
            link = _MARKDOWN_LINK.fullmatch(license)
            found["license"] = link.group(2) if link else \
                {"@type": "CreativeWork", "name": plain_text(self.md.inline(license))}
        released = technique.facts.get("first_release")
        if isinstance(released, date):
            found["datePublished"] = released.isoformat()
        if found:
            found["@type"] = "SoftwareApplication"
        return found


def _rule(spec: FactSpec | None, values: list[FactValue | None]) -> str:
    if spec is None or not spec.better:
        return ""
    shown = next((value for value in values if value is not None), None)
    return _RULES.get((kind(shown), spec.better), "") if shown is not None else ""
