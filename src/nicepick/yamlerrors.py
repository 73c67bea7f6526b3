"""YAML's syntax errors, turned into one line that points where the mistake is and says what to do.

The parser reports where it gave up, which is often far from the mistake: a quote left open on
line 5 is reported at the end of the file, and one left open on line 2 swallows the next lines
until a later quote pairs with it, so the error lands on line 4. Here the error is read again
with the pure-Python parser (whose messages name the character) and the tokens scanned before
it, to find the quote or bracket that opened the trouble, a value that YAML reads as syntax
(`` `code` ``, `@name`, `*bold*`), or git's merge-conflict markers.

sources.py, the one module that imports `yaml`, hands the error and the tokens over as the
plain records below; this module reads text only.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from nicepick import schema
from nicepick.yamlindent import out_of_line

_CONFLICT = re.compile(r"^(<{7}|={7}|>{7})(?:[ \t].*)?$", re.MULTILINE)
# The start of a value on a line: after "key: ", "- " or both; group 2 is its first character.
_VALUE = re.compile(r"^(\s*(?:-\s+)*(?:[^\s#'\"\[{][^#]*?:\s+)?)(\S)")
_INDICATORS = {
    "`": "'`' is reserved in YAML",
    "@": "'@' is reserved in YAML",
    "%": "'%' starts a YAML directive",
    "*": "'*' starts a YAML alias",
    "&": "'&' starts a YAML anchor",
    "!": "'!' starts a YAML tag",
    "[": "'[' starts a YAML list",
    "{": "'{' starts a YAML mapping",
    "|": "'|' starts a block of text",
    ">": "'>' starts a block of text",
}
# A quoted text that runs over lines and holds what looks like the next key or list item was
# almost certainly left open.
_SWALLOWED = re.compile(r"\n\s*(?:-\s|[\w.-]+:(?:\s|$))")


@dataclass(frozen=True)
class Mark:
    """A place in the text, counted from 0 as YAML counts."""

    line: int
    column: int
    index: int


@dataclass(frozen=True)
class Token:
    """A token the parser scanned before its error: only scalars matter, and their quotes."""

    scalar: bool
    style: str | None  # "'" or '"' for quoted scalars
    start: Mark
    end: Mark


@dataclass(frozen=True)
class Failure:
    """A syntax error as the parser reported it: what it was in, what went wrong, and where."""

    context: str
    problem: str
    context_mark: Mark | None
    problem_mark: Mark | None


@dataclass(frozen=True)
class Explained:
    line: int
    column: int
    message: str
    hint: str = ""


def conflict_markers(text: str) -> list[Explained]:
    """git's conflict markers left in a file: one problem per conflict, at its first marker."""
    if "<<<<<<<" not in text and "=======" not in text and ">>>>>>>" not in text:
        return []
    found: list[Explained] = []
    inside = False
    for match in _CONFLICT.finditer(text):
        marker = match.group(1)[0]
        if marker == "<" or not inside:
            found.append(
                Explained(
                    text.count("\n", 0, match.start()) + 1,
                    1,
                    f"a merge-conflict marker ('{match.group(1)}') from git",
                    "resolve the conflict: keep the lines you want and remove the "
                    "<<<<<<<, ======= and >>>>>>> lines",
                )
            )
        inside = marker != ">"
    return found


def reader_error(text: str, position: object, character: object) -> Explained:
    """A character YAML refuses outright, named with its line instead of a raw position."""
    position = position if isinstance(position, int) else 0
    char = (
        text[position]
        if 0 <= position < len(text)
        else chr(character)
        if isinstance(character, int)
        else "?"
    )
    line = text.count("\n", 0, position) + 1
    column = position - (text.rfind("\n", 0, position) + 1) + 1
    kind = "control character" if unicodedata.category(char) == "Cc" else "character"
    return Explained(
        line,
        column,
        f"the {kind} U+{ord(char):04X} cannot appear in YAML",
        "remove it; most editors do not show it",
    )


def _place(mark: Mark | None) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)


def _quote_left_open(text: str, tokens: list[Token], before: int) -> Explained | None:
    """The first quoted text that ran over lines and swallowed what looks like YAML."""
    for token in tokens:
        if not token.scalar or token.style not in ("'", '"'):
            continue
        start, end = token.start, token.end
        if start.line >= before:
            break
        if end.line > start.line:
            raw = text[start.index : end.index]
            if _SWALLOWED.search(raw):
                quote = token.style
                return Explained(
                    start.line + 1,
                    start.column + 1,
                    f"the {_QUOTE_NAMES[quote]} opened here is not closed on its "
                    f"line, so it runs on to line {end.line + 1}",
                    f"add the closing {quote}, or quote a {quote} inside the text "
                    "as " + ('\\"' if quote == '"' else "''"),
                )
    return None


_QUOTE_NAMES = {'"': 'double quote (")', "'": "single quote (')"}


def _closed_early(tokens: list[Token], line: int, column: int) -> Explained | None:
    """Quoted text that goes on after its closing quote: `"say "hi" now"`."""
    at = (line - 1, column - 1)
    before = [t for t in tokens if (t.start.line, t.start.column) < at]
    if not before or not before[-1].scalar:
        return None
    token, end = before[-1], before[-1].end
    if token.style not in ("'", '"') or end.line != at[0] or token.start.line != end.line:
        return None
    quote = token.style
    inner = '\\"' if quote == '"' else "''"
    other = "single" if quote == '"' else "double"
    return Explained(
        line,
        end.column,
        f"YAML syntax error: the text goes on after its closing {quote}",
        f"write a {quote} inside the text as {inner}, or put the whole text in {other} quotes",
    )


def _unquoted_indicator(lines: list[str], line: int) -> Explained | None:
    """When the value on `line` starts with a character YAML reads as syntax: say to quote it."""
    if not 0 < line <= len(lines):
        return None
    match = _VALUE.match(lines[line - 1])
    if match is None or match.group(2) not in _INDICATORS:
        return None
    prefix, first = match.group(1), match.group(2)
    rest = lines[line - 1][len(prefix) :].rstrip()
    if first == "*" and re.fullmatch(r"\*[\w-]+", rest):
        return None  # an alias, meant as one: its anchor is what is missing
    if first in "|>" and re.fullmatch(r"[|>][-+0-9]*\s*(?:#.*)?", rest):
        return None  # `body: |`, a block of text as meant: the mistake is elsewhere
    quoted = "'" + rest.replace("'", "''") + "'" if '"' in rest else f'"{rest}"'
    example = f"{prefix.strip()} {quoted}".strip()
    return Explained(
        line,
        len(prefix) + 1,
        f"YAML syntax error: text that starts with '{first}' must be in quotes",
        f"{_INDICATORS[first]}; write {example}",
    )


# The keys of every kind of file: a line that starts with one of them was meant as it.
_KNOWN_KEYS = frozenset(
    name for declared in schema.KINDS.values() for name in schema.field_names(declared)
)


def _unmatched_closer(lines: list[str], line: int) -> Explained | None:
    """A value in brackets with one closing bracket too many: `compare: [a, b]]`. Saying to
    quote the list would make the list a text."""
    if not 0 < line <= len(lines):
        return None
    match = _VALUE.match(lines[line - 1])
    if match is None or match.group(2) not in "[{":
        return None
    depth, quote = 0, ""
    for offset, char in enumerate(lines[line - 1][len(match.group(1)) :]):
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char == "#" and depth == 0:
            break
        elif char in "[{":
            depth += 1
        elif char in "]}":
            depth -= 1
            if depth < 0:
                return Explained(
                    line,
                    len(match.group(1)) + offset + 1,
                    f"YAML syntax error: this '{char}' closes nothing",
                    "remove it",
                )
    return None


# A no-break space where YAML reads its structure: in the indentation, after a key's colon,
# after a list's dash. Inside a text it is only a character (French writes "10\u00a0km").
_STRUCTURAL_NBSP = re.compile(r"^[ \u00a0]*\u00a0|^\s*[\w-]+:\u00a0|^\s*-\u00a0")


def _structural_no_break_space(lines: list[str], line: int) -> Explained | None:
    """The first no-break space YAML cannot read, up to the line it gave up on (copied text
    brings them; they look like any other space)."""
    for number, text in enumerate(lines[: max(line, 1)], start=1):
        match = _STRUCTURAL_NBSP.search(text)
        if match:
            return Explained(
                number,
                text.index("\u00a0") + 1,
                "YAML syntax error: a no-break space (U+00A0) where YAML needs an ordinary one",
                "retype the space; copied text often brings these",
            )
    return None


def _key_glued_to_the_line_above(
    lines: list[str], line: int, column: int, problem: str
) -> Explained | None:
    """`compare [a, b]` above `choose_if:`: YAML reads the two lines as one key and says
    'mapping values are not allowed here' at the second; the first lacks its ':'."""
    if "mapping values are not allowed" not in problem or not 1 < line <= len(lines):
        return None
    here = lines[line - 1]
    if not re.fullmatch(r"\s*[\w-]+", here[: column - 1]):
        return None
    above = next(
        (n for n in range(line - 1, 0, -1) if lines[n - 1].strip() and "#" not in lines[n - 1][:1]),
        0,
    )
    text = lines[above - 1] if above else ""
    indent = len(here) - len(here.lstrip())
    if not above or ":" in text or text.lstrip().startswith("-"):
        return None
    if len(text) - len(text.lstrip()) != indent:
        return None
    return _no_colon(lines, above, indent + 1)


def _no_colon(lines: list[str], line: int, column: int) -> Explained:
    """A line that was meant as `key: value` and is not one (`kind technique`,
    `kind:technique`, a no-break space after the colon): PyYAML finds out a line later, at
    the next key; the mistake is here."""
    source = lines[line - 1] if 0 < line <= len(lines) else ""
    body = source.strip()
    glued = re.match(r"([\w-]+):(\S.*)$", body)
    spaced = re.match(r"([\w-]+)\s+(.+)$", body)
    if "\u00a0" in source:
        what = "has a no-break space (U+00A0) where YAML needs an ordinary one"
        hint = "retype the space after the ':'; copied text often brings these"
    elif glued:
        what = f"'{body}' has no space after its ':'"
        hint = f"write {glued.group(1)}: {glued.group(2)}"
    elif spaced and spaced.group(1) in _KNOWN_KEYS:
        what = f"'{body}' has no ':' after its key"
        hint = f"write {spaced.group(1)}: {spaced.group(2)}"
    elif body:
        what = f"'{body}' is not 'key: value'"
        hint = "add the ':' after its key, or indent it under the key it belongs to"
    else:
        what = f"'{body}' is not 'key: value'"
        hint = "every line of the file is 'key: value', or an item of the key above"
    return Explained(line, column, f"YAML syntax error: this line {what}", hint)


def explain(text: str, error: Failure, tokens: list[Token]) -> Explained:
    """One problem for a YAML syntax error: where the mistake most likely is, and what to do.
    `error` is the pure-Python parser's where it has one, and `tokens` what it scanned first."""
    context, problem = error.context, error.problem
    line, column = _place(error.problem_mark or error.context_mark)
    opened_line, opened_column = _place(error.context_mark)
    lines = text.splitlines()
    source = lines[line - 1] if 0 < line <= len(lines) else ""
    what = problem or context or "invalid YAML"

    spaced = _structural_no_break_space(lines, line)
    if spaced is not None:
        return spaced
    if "quoted scalar" in context and "end of stream" in problem:
        quote = text[error.context_mark.index] if error.context_mark else '"'
        name = _QUOTE_NAMES.get(quote, "quote")
        return Explained(
            opened_line,
            opened_column,
            f"YAML syntax error: the {name} opened here is never closed",
            f"add the closing {quote} where the text ends",
        )
    if "quoted scalar" in context and "escape" in problem:
        column = source.rfind("\\", 0, column) + 1 or column  # at the backslash itself
        hint = (
            "a \\u escape must name a real character, e.g. \\u00e9 for é"
            if "Unicode" in problem
            else "in double quotes a backslash starts an escape: "
            "write \\\\ for a backslash, or use single quotes"
        )
        return Explained(line, column, f"YAML syntax error: {what}", hint)
    left_open = _quote_left_open(text, tokens, line - 1 if line else 1 << 30)
    if left_open is not None:
        return Explained(
            left_open.line,
            left_open.column,
            "YAML syntax error: " + left_open.message,
            left_open.hint,
        )
    flow = re.search(r"flow (sequence|mapping)", context)
    if flow and error.context_mark is not None and line > opened_line:
        bracket, closing = ("[", "]") if flow.group(1) == "sequence" else ("{", "}")
        hint = (
            f"close it with '{closing}' on the same line, or write one '- item' per line"
            if bracket == "["
            else f"close it with '{closing}'"
        )
        return Explained(
            opened_line,
            opened_column,
            f"YAML syntax error: the '{bracket}' opened here is never closed",
            hint,
        )
    if "\t" in source:
        return Explained(line, column, f"YAML syntax error: {what}", "indent with spaces, not tabs")
    closed = _closed_early(tokens, line, column)
    if closed is not None:
        return closed
    if "expected a single document" in f"{context} {problem}":
        return Explained(
            line,
            column,
            "YAML syntax error: a second document starts here",
            "keep one document per file; remove the extra '---'",
        )
    unmatched = _unmatched_closer(lines, line) or _unmatched_closer(lines, opened_line)
    if unmatched is not None:
        return unmatched
    if "could not find expected ':'" in problem and error.context_mark is not None:
        return _no_colon(lines, opened_line, opened_column)
    glued = _key_glued_to_the_line_above(lines, line, column, problem)
    if glued is not None:
        return glued
    indicator = _unquoted_indicator(lines, line) or _unquoted_indicator(lines, opened_line)
    if indicator is not None:
        return indicator
    indentation = out_of_line(lines, line, column, problem)
    if indentation is not None:
        return Explained(*indentation)
    both = f"{context} {problem}"
    hint = ""
    if "mapping values are not allowed" in both:
        hint = "quote text that contains ': '"
    elif "expected a single document" in both:
        hint = "keep one document per file; remove the extra '---'"
    elif "found undefined alias" in both:
        hint = "define the anchor with '&name' before using '*name'"
    elif "block scalar" in both:
        hint = "after '|' or '>' the text starts on the next line, indented"
    return Explained(line, column, f"YAML syntax error: {what}", hint)
