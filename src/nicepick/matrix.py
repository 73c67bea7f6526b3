"""Who beats whom: a ranking's techniques against each other, as a table of results.

Only alternatives count: two techniques used together have no winner, and the ranking does not
count them either. The table holds the top of the ranking only (`SIZE`): beyond a dozen columns
it stops being readable on a phone, and the ranking's list above it names every technique.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from nicepick.models import Comparison
from nicepick.ranking import Record

SIZE = 12
WON, LOST = "won", "lost"


@dataclass(frozen=True, slots=True)
class Heading:
    rank: int
    name: str


@dataclass(frozen=True, slots=True)
class Cell:
    """The row's technique against the column's: `result` is WON or LOST, empty where they
    were never compared; `own` marks the diagonal."""

    own: bool = False
    result: str = ""
    path: str = ""  # the comparison's page
    opponent: str = ""  # the column's name, for the cell's text


@dataclass(frozen=True, slots=True)
class Row:
    rank: int
    name: str
    cells: tuple[Cell, ...]


@dataclass(frozen=True, slots=True)
class Matrix:
    columns: tuple[Heading, ...]
    rows: tuple[Row, ...]
    more: bool  # the ranking has techniques the table leaves out


def who_beats_whom(
    entries: Sequence[str],
    names: Mapping[str, str],
    records: Mapping[str, Record],
    paths: Mapping[Comparison, str],
) -> Matrix:
    """`entries`: technique slugs, best first; `paths`: each comparison's page. Empty when no
    two of the shown techniques were compared: a table of blanks says nothing."""
    shown = list(entries[:SIZE])
    rank = {slug: n for n, slug in enumerate(shown, 1)}
    rows = []
    any_result = False
    for slug in shown:
        results = {
            r.opponent: r for r in records[slug].results if not r.together and r.opponent in rank
        }
        cells = []
        for column in shown:
            result = results.get(column)
            if column == slug:
                cells.append(Cell(own=True))
            elif result is None:
                cells.append(Cell())
            else:
                any_result = True
                cells.append(
                    Cell(
                        result=WON if result.won else LOST,
                        path=paths[result.comparison],
                        opponent=names[column],
                    )
                )
        rows.append(Row(rank[slug], names[slug], tuple(cells)))
    if not any_result:
        return Matrix((), (), False)
    columns = tuple(Heading(rank[slug], names[slug]) for slug in shown)
    return Matrix(columns, tuple(rows), len(entries) > SIZE)
