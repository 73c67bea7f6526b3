"""Loading a site's content files as YAML trees that remember their lines (sitefiles.py finds
them, filetext.py reads their text, tree.py declares the tree).

This is the only module that imports `yaml`. It composes YAML into nodes (with the C parser when
present) and builds its own tree instead of calling `yaml.load`, for four reasons: every value
keeps its line for error messages; duplicate keys are caught; only plain data tags are accepted;
and aliases are expanded under a budget, so an "alias bomb" is refused instead of eating memory.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from nicepick.errors import Problems
from nicepick.filetext import read_content
from nicepick.reuse import ParsedFiles
from nicepick.sitefiles import (
    CONFIG_FILE,
    CONTENT_DIR,
    TECHNIQUES_DIR,
    YAML_SUFFIXES,
    SiteFiles,
    find_site_files,
    relative,
)
from nicepick.tree import Document, Node
from nicepick.yamlerrors import (
    Explained,
    Failure,
    Mark,
    Token,
    conflict_markers,
    explain,
    reader_error,
)

# For every stage that reads content, re-exported as it always was from here: where content
# lives (sitefiles.py) and the tree it loads into (tree.py).
__all__ = [
    "CONFIG_FILE",
    "CONTENT_DIR",
    "TECHNIQUES_DIR",
    "YAML_SUFFIXES",
    "Document",
    "Node",
    "SiteFiles",
    "find_site_files",
    "load_file",
    "parse_yaml",
    "relative",
]

try:  # libyaml is several times faster; fall back quietly where it was not compiled in.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


MAX_VALUES = 20_000
MAX_DEPTH = 40

_STANDARD = "tag:yaml.org,2002:"
_SCALAR_TAGS = {
    _STANDARD + "str": "str",
    _STANDARD + "int": "int",
    _STANDARD + "float": "float",
    _STANDARD + "bool": "bool",
    _STANDARD + "null": "null",
    _STANDARD + "timestamp": "timestamp",
}
_SEQ, _MAP, _MERGE = _STANDARD + "seq", _STANDARD + "map", _STANDARD + "merge"
_scalar_constructor = yaml.constructor.SafeConstructor()


class _Budget:
    """Counts values built from one file; aliases may multiply them, so the count is capped.
    Holds the file's text for the rare check that needs its lines (`_folded_item`)."""

    def __init__(self, text: str = "") -> None:
        self.values = 0
        self.text = text
        self._lines: list[str] | None = None

    def line(self, index: int) -> str:
        """Line `index` (from 0) as YAML counts lines."""
        if self._lines is None:
            self._lines = _LINE_BREAK.split(self.text)
        return self._lines[index] if index < len(self._lines) else ""


_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


class _Refused(Exception):
    def __init__(self, line: int, column: int, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.line, self.column, self.message, self.hint = line, column, message, hint


def _place(node: yaml.Node) -> tuple[int, int]:
    mark = node.start_mark
    return mark.line + 1, mark.column + 1


def _build(node: yaml.Node, budget: _Budget, depth: int) -> Node:
    mark = node.start_mark
    line, column = mark.line + 1, mark.column + 1
    budget.values += 1
    if budget.values > MAX_VALUES:
        raise _Refused(
            line,
            column,
            f"more than {MAX_VALUES:,} values (are aliases expanding too far?)",
            "use fewer anchors and aliases",
        )
    if depth > MAX_DEPTH:
        raise _Refused(line, column, f"nested more than {MAX_DEPTH} levels deep")
    kind = type(node)
    if kind is yaml.ScalarNode:
        tag = _SCALAR_TAGS.get(node.tag)
        if tag is None:
            raise _Refused(
                line,
                column,
                f"YAML tag '{node.tag}' is not allowed",
                "only plain text, numbers, true/false, dates, lists and mappings are read",
            )
        if tag == "str" or tag == "timestamp":  # dates: parsed by the validator, per field
            value: Any = node.value
        else:
            try:
                value = _scalar_constructor.construct_object(node, deep=True)
            except (ValueError, yaml.YAMLError):
                value = node.value
                tag = "str"
        style = node.style  # type: ignore[attr-defined]
        return Node("scalar", tag, line, column, value, node.value, quoted=style in ("'", '"'))
    if kind is yaml.SequenceNode:
        if node.tag != _SEQ:
            raise _Refused(line, column, f"YAML tag '{node.tag}' is not allowed")
        for item in node.value:
            _folded_item(item, budget)
        return Node("seq", "seq", line, column, [_build(n, budget, depth + 1) for n in node.value])
    if kind is yaml.MappingNode:
        if node.tag != _MAP:
            raise _Refused(line, column, f"YAML tag '{node.tag}' is not allowed")
        return _build_mapping(node, budget, depth, line, column)  # type: ignore[arg-type]
    raise _Refused(line, column, "unsupported YAML node")  # pragma: no cover - no other kinds


def _folded_item(item: yaml.Node, budget: _Budget) -> None:
    """Refuse a list item that swallowed the next one: "- a" over "   - b", the second '-'
    indented past the first, is one item of plain text "a - b" to YAML, and the page would
    show it so."""
    first, last = item.start_mark.line, item.end_mark.line
    if type(item) is not yaml.ScalarNode or item.style or last <= first:  # plain: "" or None
        return
    for index in range(first + 1, last + 1):
        text = budget.line(index)
        stripped = text.lstrip(" ")
        if stripped == "-" or stripped.startswith("- "):
            raise _Refused(
                index + 1,
                len(text) - len(stripped) + 1,
                f"this '-' is indented more than the item on line {first + 1}, so YAML reads "
                "it as more of that item's text",
                f"line its '-' up with the one on line {first + 1}, or quote the item if the "
                "dash belongs to it",
            )


def _build_mapping(
    node: yaml.MappingNode, budget: _Budget, depth: int, line: int, column: int
) -> Node:
    values: dict[str, Node] = {}
    keys: dict[str, Node] = {}
    merged: dict[str, tuple[Node, Node]] = {}
    for key_node, value_node in node.value:
        if key_node.tag == _MERGE:
            # `<<: *defaults` copies keys that the mapping does not set itself.
            sources = (
                value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
            )
            for source in sources:
                built = _build(source, budget, depth + 1)
                if built.kind != "map":
                    raise _Refused(*_place(source), "'<<' must merge a mapping")
                for k, v in built.value.items():
                    merged.setdefault(k, (built.keys[k], v))
            continue
        if type(key_node) is not yaml.ScalarNode:
            raise _Refused(*_place(key_node), "a key must be plain text, not a list or mapping")
        key = key_node.value
        mark = key_node.start_mark
        key_line, key_column = mark.line + 1, mark.column + 1
        if key in values:
            first = keys[key].line
            raise _Refused(
                key_line, key_column, f"duplicate key '{key}'", f"first set on line {first}"
            )
        keys[key] = Node("scalar", "str", key_line, key_column, key, key)
        budget.values += 1
        values[key] = _build(value_node, budget, depth + 1)
    for k, (key_at, v) in merged.items():
        if k not in values:
            values[k], keys[k] = v, key_at
    return Node("map", "map", line, column, values, keys=keys)


def _python_error(text: str) -> tuple[yaml.MarkedYAMLError | None, list[yaml.Token]]:
    """The pure-Python parser's error for `text`, and the tokens scanned before it."""
    tokens: list[yaml.Token] = []
    loader = yaml.SafeLoader(text)
    try:
        while loader.check_token():
            tokens.append(loader.get_token())  # type: ignore[no-untyped-call]
    except yaml.MarkedYAMLError as exc:
        return exc, tokens
    except yaml.YAMLError:
        return None, tokens
    finally:
        loader.dispose()
    try:
        yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        return exc, tokens
    except yaml.YAMLError:
        pass
    return None, tokens


def _mark(mark: yaml.Mark) -> Mark:
    return Mark(mark.line, mark.column, mark.index)


def _explained(text: str, exc: yaml.MarkedYAMLError) -> Explained:
    """A syntax error read again with the pure-Python parser, whose messages name the
    character, with the tokens it scanned first: yamlerrors.explain finds the mistake."""
    python, scanned = _python_error(text)
    error = python or exc
    failure = Failure(
        error.context or "",
        error.problem or "",
        _mark(error.context_mark) if error.context_mark is not None else None,
        _mark(error.problem_mark) if error.problem_mark is not None else None,
    )
    tokens = [
        Token(
            isinstance(token, yaml.ScalarToken),
            getattr(token, "style", None),
            _mark(token.start_mark),
            _mark(token.end_mark),
        )
        for token in scanned
    ]
    return explain(text, failure, tokens)


def _what_to_write(shown: str) -> str:
    """What an empty file should start with, by where it is: a comparison has no name, it
    names the pair it compares."""
    if shown.startswith(f"{CONTENT_DIR}/") and not shown.startswith(
        f"{CONTENT_DIR}/{TECHNIQUES_DIR}/"
    ):
        return "write the pair it compares, such as 'compare: [postgresql, mysql]'"
    return "write a mapping of keys, such as 'name: …'"


def parse_yaml(text: str, shown: str, problems: Problems, allow_empty: bool = False) -> Node | None:
    """Parse one YAML text into a Node tree, adding a problem (and returning None) on failure.
    `allow_empty`: a file with nothing in it (or only comments) is an empty mapping."""
    conflicts = conflict_markers(text)
    if conflicts:
        for found in conflicts:
            problems.add(shown, found.line, found.message, found.hint)
        return None
    try:
        composed = yaml.compose(text, Loader=_Loader)
    except yaml.reader.ReaderError as exc:
        found = reader_error(text, exc.position, exc.character)
        problems.add(shown, found.line, found.message, found.hint, found.column)
        return None
    except yaml.MarkedYAMLError as exc:
        found = _explained(text, exc)
        problems.add(shown, found.line, found.message, found.hint, found.column)
        return None
    except yaml.YAMLError as exc:
        problems.add(shown, 0, f"YAML error: {exc}")
        return None
    if composed is None and allow_empty:
        return Node("map", "map", 1, 1, {})
    if composed is None:
        problems.add(shown, 1, "the file is empty", _what_to_write(shown))
        return None
    try:
        return _build(composed, _Budget(text), 0)
    except _Refused as refused:
        problems.add(shown, refused.line, refused.message, refused.hint, refused.column)
        return None
    except RecursionError:
        problems.add(shown, 1, "the YAML is nested too deeply")
        return None


def load_file(
    path: Path,
    shown: str,
    problems: Problems,
    cache: ParsedFiles | None = None,
    allow_empty: bool = False,
) -> Document | None:
    """Read and parse one YAML file; problems go to the collector and None comes back.
    `cache`: parsed files from earlier builds (serve's), for files that did not change."""
    if cache is None:
        return _load_file(path, shown, problems, allow_empty)
    return cache.load(path, shown, problems, _load_file)


def _load_file(
    path: Path, shown: str, problems: Problems, allow_empty: bool = False
) -> Document | None:
    text = read_content(path, shown, problems)
    if text is None:
        return None
    root = parse_yaml(text, shown, problems, allow_empty)
    if root is None:
        return None
    return Document(path, shown, root)
