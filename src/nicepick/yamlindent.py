"""Indentation mistakes in YAML, in plain words: which line is out of line, and with what.

The parser says "expected <block end>, but found '?'" or "mapping values are not allowed here"
at a line indented one step too far or not far enough. An editor needs to hear which key or
list item it is, how far it is indented, and which line above it should line up with.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A line's key, after its indentation and any "- ": plain, or in quotes.
_KEY = re.compile(r"""^( *)((?:- +)*)("[^"]*"|'[^']*'|[^\s#'"\[{&*!|>%@`-][^#]*?):(?: +(.*))?$""")
_ITEM = re.compile(r"^( *)-(?: |$)")
_UNDER_A_KEY = (
    "a list goes under a key with nothing after its ':', e.g. 'pros:' and then "
    "'  - item' on the lines below it"
)
_BLOCK_TEXT = re.compile(r"^[|>][-+0-9]*\s*(?:#.*)?$")  # `body: |`: the lines below are text


@dataclass(frozen=True)
class _Line:
    number: int
    indent: int  # spaces before its first character
    key: str  # the key it holds, '' when none
    key_column: int  # where that key starts (after any "- ")
    value: str  # what follows the key's ':' on the line
    item: bool  # starts with "- "


def _read(lines: list[str], number: int) -> _Line | None:
    """One line of YAML as far as indentation goes; None for blank lines and comments."""
    text = lines[number - 1].rstrip()
    stripped = text.lstrip(" ")
    if not stripped or stripped.startswith("#"):
        return None
    indent = len(text) - len(stripped)
    match = _KEY.match(text)
    if match is None:
        return _Line(number, indent, "", 0, "", bool(_ITEM.match(text)))
    return _Line(
        number,
        indent,
        match.group(3),
        len(match.group(1)) + len(match.group(2)),
        (match.group(4) or "").strip(),
        bool(match.group(2)),
    )


def _above(lines: list[str], number: int) -> list[_Line]:
    """The lines the one at `number` may belong under, nearest first: going up, each less
    indented than the one before; the text of a `|` or `>` block is not YAML and is skipped."""
    found: list[_Line] = []
    limit = 1 << 30
    for earlier in range(number - 1, 0, -1):
        line = _read(lines, earlier)
        if line is None or line.indent >= limit or not (line.key or line.item):
            continue
        if _BLOCK_TEXT.match(line.value):
            found = []  # what was found so far was the block's text
        found.append(line)
        limit = line.indent
        if limit == 0:
            break
    return found


def _spaces(count: int) -> str:
    if count == 0:
        return "not indented"
    return f"indented {count} space{'' if count == 1 else 's'}"


def _nearest(candidates: list[tuple[int, _Line]], indent: int) -> list[tuple[int, _Line]]:
    """The candidate columns closest to `indent`: one, or one either side of it."""
    by_column: dict[int, _Line] = {}
    for column, line in candidates:
        if column != indent:
            by_column.setdefault(column, line)
    if not by_column:
        return []
    best = min(abs(column - indent) for column in by_column)
    return sorted(
        ((c, line) for c, line in by_column.items() if abs(c - indent) == best),
        key=lambda pair: -pair[0],
    )


def _line_up(what: str, choices: list[tuple[int, _Line]]) -> str:
    """'line it up with 'cons:' on line 7, which is not indented', or with either of two."""
    if len(choices) == 1:
        column, line = choices[0]
        return (
            f"line {what} up with {_named(line)} on line {line.number}, which is {_spaces(column)}"
        )
    return f"line {what} up with " + ", or with ".join(
        f"{_named(line)} on line {line.number} ({_spaces(column)})" for column, line in choices
    )


def _named(line: _Line) -> str:
    return f"'{line.key}:'" if line.key else "the '-'"


# Where the mistake is (line, column) and what to say: the message and the hint.
Said = tuple[int, int, str, str]


def out_of_line(lines: list[str], number: int, column: int, problem: str) -> Said | None:
    """The indentation mistake behind a parser error at `number`:`column`, if it is one."""
    if not 0 < number <= len(lines):
        return None
    if problem.startswith("expected '<document start>'"):
        first = next(
            (line for n in range(1, number + 1) if (line := _read(lines, n)) is not None), None
        )
        if first is not None and first.indent and first.key:
            message = (
                f"YAML syntax error: the first key, '{first.key}:', is {_spaces(first.indent)}"
            )
            return (
                first.number,
                first.indent + 1,
                message,
                "start the keys of the file at the beginning of their lines",
            )
        return None
    line = _read(lines, number)
    if line is None:
        return None
    above = _above(lines, number)
    if problem == "mapping values are not allowed here":
        # `  popularity: 90` under `summary: x`: YAML reads it as more of summary's text.
        owner = above[0] if above else None
        if (
            owner is None
            or not line.key
            or owner.key_column >= line.indent
            or not owner.key
            or column != line.key_column + len(line.key) + 1
        ):
            return None
        message = (
            f"YAML syntax error: '{line.key}:' is indented more than '{owner.key}:' "
            f"on line {owner.number}, so YAML reads it as more of that value"
        )
        hint = (
            f"if it is a key, line it up with '{owner.key}:', which is "
            f"{_spaces(owner.key_column)}; if it is text, put it in quotes"
        )
        return number, line.indent + 1, message, hint
    if not problem.startswith("expected <block end>"):
        return None
    if line.item:
        choices = _nearest([(a.indent, a) for a in above if a.item], line.indent)
        if not choices:
            return (
                number,
                line.indent + 1,
                "YAML syntax error: a list item where a key was expected",
                _UNDER_A_KEY,
            )
        message = (
            f"YAML syntax error: this list item is {_spaces(line.indent)}, out of line "
            "with the list above it"
        )
        return number, line.indent + 1, message, _line_up("its '-'", choices)
    if line.key:
        choices = _nearest([(a.key_column, a) for a in above if a.key], line.indent)
        if choices:
            message = (
                f"YAML syntax error: '{line.key}:' is {_spaces(line.indent)}, out of "
                "line with the keys above it"
            )
            return number, line.indent + 1, message, _line_up("it", choices)
    return None
