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
from types import SimpleNamespace
from typing import Any

from markupsafe import Markup

from nicepick import localize, words
from nicepick.facts import FactSpec, better_side, kind, label_of, rank_of
from nicepick.htmlformat import format_html
from nicepick.markup import MarkdownRenderer, plain_text
from nicepick.models import FactValue, Technique

# Kinds of technique that are software, for which schema.org's SoftwareApplication is true.
_SOFTWARE = frozenset(
    [
        "tool",
        "library",
        "framework",
        "database",
        "platform",
        "application",
        "app",
        "software",
        "service",
        "engine",
        "package",
        "runtime",
        "server",
    ]
)
_MARKDOWN_LINK = re.compile(r"\[([^\]]+)\]\((https?://[^\s)]+)\)")
# The theme's word (strings file) for each rule a declaration can give.
_RULES = {
    ("number", "higher"): "higher_is_better",
    ("number", "lower"): "lower_is_better",
    ("date", "higher"): "later_is_better",
    ("date", "lower"): "earlier_is_better",
}


@dataclass(frozen=True, slots=True)
class FactCell:
    """One technique's value of one fact, ready for a page: `html` for a single value (a
    number with its unit, a date, Markdown text), `items` for a list. Shared by every page
    that shows it, so its HTML is rendered once per build (`fact_cell_html`)."""

    html: Markup
    items: tuple[Markup, ...] = ()
    better: bool = False  # the better of the two values on a comparison page
    missing: bool = False  # this side has no value: MISSING

    @property
    def inline(self) -> Markup:
        """The value on one line: a list's items joined by commas."""
        return Markup(", ").join(self.items) if self.items else self.html


MISSING = FactCell(Markup(""), missing=True)


@dataclass(frozen=True, slots=True)
class FactHeader:
    """A row's name and, when a value can be better, its rule: one per fact and build."""

    label: str
    rule: str  # "higher is better", "earlier is better"…; empty when neither value is


@dataclass(slots=True)
class FactRow:
    """Read-only by convention: one per row of every page, and a frozen __init__ costs a
    setattr call per field."""

    header: FactHeader
    cells: tuple[FactCell, ...]  # one per column; MISSING where that side has no value


@dataclass(slots=True)
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

    def __init__(
        self,
        techniques: Mapping[str, Technique],
        declarations: Mapping[str, FactSpec],
        language: str,
        ranking_fact: str,
        md: MarkdownRenderer,
        theme_words: SimpleNamespace,
    ) -> None:
        self.techniques = techniques
        self.declarations = declarations
        self.language = language
        self.words = theme_words
        self.ranking_fact = ranking_fact
        self.md = md
        self._cells: dict[str, dict[str, FactCell]] = {}
        self._better: dict[tuple[str, str], FactCell] = {}
        self._grouped: dict[tuple[str, str, bool], FactCell] = {}
        self._headers: dict[str, FactHeader] = {}
        self._ranks: dict[str, tuple[int, float, int, str]] = {}
        self._schema_org: dict[str, dict[str, Any]] = {}

    def cells(self, slug: str) -> dict[str, FactCell]:
        found = self._cells.get(slug)
        if found is None:
            facts = self.techniques[slug].facts
            found = self._cells[slug] = {
                key: self._cell(key, value) for key, value in facts.items()
            }
            for key in facts:
                if key not in self._ranks:
                    self._ranks[key] = rank_of(key, self.declarations)
        return found

    def _cell(self, key: str, value: FactValue) -> FactCell:
        language = self.language
        if isinstance(value, bool):
            return FactCell(Markup.escape(self.words.answer_yes if value else self.words.answer_no))
        if isinstance(value, int | Decimal):
            spec = self.declarations.get(key)
            text = localize.with_unit(
                localize.number(value, language), spec.unit if spec else "", language
            )
            return FactCell(Markup.escape(text))
        if isinstance(value, date):
            return FactCell(
                format_html(
                    '<time datetime="{}">{}</time>', value.isoformat(), words.day(value, self.words)
                )
            )
        if isinstance(value, tuple):
            return FactCell(Markup(""), tuple(self.md.inline(item) for item in value))
        return FactCell(self.md.inline(value))

    def table(self, *slugs: str, marks: bool = True) -> FactTable:
        """The facts of one technique, or of two side by side with the better value marked
        (`marks`; not for two used together, where neither is chosen over the other).

        Built for every comparison page, so it keeps to dictionary lookups: each fact's
        place, header and formatted values are made once per build."""
        techniques = [self.techniques[slug] for slug in slugs]
        names = tuple(t.name for t in techniques)
        facts = [t.facts for t in techniques]
        if not any(facts):
            return FactTable(names, (), False)
        sheets = [self.cells(slug) for slug in slugs]  # and every key's rank
        keys = facts[0].keys() | facts[1].keys() if len(facts) == 2 else facts[0].keys()
        declarations, headers = self.declarations, self._headers
        rows = []
        marked = False
        for key in sorted(keys, key=self._ranks.__getitem__):
            cells = [sheet.get(key, MISSING) for sheet in sheets]
            spec = declarations.get(key)
            if marks and spec is not None and spec.better and len(facts) == 2:
                side = better_side(spec, facts[0].get(key), facts[1].get(key))
                if side is not None:
                    cells[side] = self._better_cell(slugs[side], key)
                    marked = True
            if len(facts) == 2 and _grouped_apart(facts[0].get(key), facts[1].get(key)):
                cells = [
                    self._grouped_cell(slug, key, cell)
                    for slug, cell in zip(slugs, cells, strict=True)
                ]
            rows.append(FactRow(headers.get(key) or self._header(key, facts), tuple(cells)))
        return FactTable(names, tuple(rows), marked)

    def _header(self, key: str, facts: list[Mapping[str, FactValue]]) -> FactHeader:
        header = self._headers.get(key)
        if header is None:
            # A fact declared with `better` has values of one kind (the checks see to it).
            shown = next(f[key] for f in facts if key in f)
            header = self._headers[key] = FactHeader(
                label_of(key, self.declarations),
                _rule(self.declarations.get(key), shown, self.words),
            )
        return header

    def _grouped_cell(self, slug: str, key: str, cell: FactCell) -> FactCell:
        """A number of four digits grouped like the one beside it ("9,500" by "38,000"), as
        the verdict writes the two."""
        value = self.techniques[slug].facts[key]
        assert isinstance(value, int | Decimal)
        if abs(int(value)) >= 10_000:
            return cell
        found = self._grouped.get((slug, key, cell.better))
        if found is None:  # one per value, kept: pages render each cell once (fact_cell_html)
            spec = self.declarations.get(key)
            text = localize.with_unit(
                localize.number(value, self.language, group_four=True),
                spec.unit if spec else "",
                self.language,
            )
            found = FactCell(Markup.escape(text), better=cell.better)
            self._grouped[(slug, key, cell.better)] = found
        return found

    def _better_cell(self, slug: str, key: str) -> FactCell:
        cell = self._better.get((slug, key))
        if cell is None:
            plain = self.cells(slug)[key]
            cell = self._better[(slug, key)] = FactCell(plain.html, plain.items, better=True)
        return cell

    def column(self, slugs: Iterable[str]) -> FactColumn | None:
        """The ranking column, when the site asks for one and a technique of the ranking
        gives the fact: "Price: — not given" on every entry of a ranking whose kind has no
        price would be a row of nothing."""
        key = self.ranking_fact
        if not key:
            return None
        cells = {slug: cell for slug in slugs if (cell := self.cells(slug).get(key))}
        return FactColumn(label_of(key, self.declarations), cells) if cells else None

    def signature(self, slug: str) -> str:
        """Everything a page shows of a technique's facts: the values and their declarations."""
        facts = self.techniques[slug].facts
        if not facts:
            return ""
        return repr(
            [
                (key, value, spec.shown() if (spec := self.declarations.get(key)) else None)
                for key, value in facts.items()
            ]
        )

    def column_signature(self, slugs: Iterable[str]) -> str:
        """Everything a ranking's column shows."""
        key = self.ranking_fact
        if not key:
            return ""
        return repr(
            (
                self.declarations[key].shown(),
                [self.techniques[slug].facts.get(key) for slug in slugs],
            )
        )

    def schema_org(self, slug: str) -> dict[str, Any]:
        """The facts schema.org has a property for, where they are true of the technique: a
        license and a first release date, for software only. Made once per technique."""
        found = self._schema_org.get(slug)
        if found is None:
            found = self._schema_org[slug] = self._schema_org_of(self.techniques[slug])
        return found

    def _schema_org_of(self, technique: Technique) -> dict[str, Any]:
        if not technique.facts or technique.kind.casefold() not in _SOFTWARE:
            return {}
        found: dict[str, Any] = {}
        license = technique.facts.get("license")
        if isinstance(license, str):
            link = _MARKDOWN_LINK.fullmatch(license)
            found["license"] = (
                link.group(2)
                if link
                else {"@type": "CreativeWork", "name": plain_text(self.md.inline(license))}
            )
        released = technique.facts.get("first_release")
        if isinstance(released, date):
            found["datePublished"] = released.isoformat()
        if found:
            found["@type"] = "SoftwareApplication"
        return found


def _grouped_apart(first: FactValue | None, second: FactValue | None) -> bool:
    """Two numbers of which one is grouped and the other would not be: "38,000" and "9500"."""
    numbers = [
        v for v in (first, second) if isinstance(v, int | Decimal) and not isinstance(v, bool)
    ]
    if len(numbers) != 2:
        return False
    sizes = sorted(abs(int(v)) for v in numbers)
    return sizes[1] >= 10_000 and 1_000 <= sizes[0] < 10_000


def _rule(spec: FactSpec | None, value: FactValue, theme_words: SimpleNamespace) -> str:
    if spec is None or not spec.better:
        return ""
    key = _RULES.get((kind(value), spec.better))
    return str(getattr(theme_words, key)) if key else ""
