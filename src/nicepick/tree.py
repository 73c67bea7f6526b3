"""The tree a YAML file loads into: values with their place in the file (sources.py builds
it, and is the only module that sees YAML itself)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(slots=True)
class Node:
    """A loaded YAML value with its place in the file; treat it as read-only.

    Not a frozen dataclass: a frozen __init__ sets each field through object.__setattr__,
    which made building nodes a fifth of loading a large site.

    `kind` is "map", "seq" or "scalar". For scalars `tag` says what YAML made of the text
    (str, int, float, bool, null, timestamp) and `text` keeps the text as written, so a field
    that wants a string can take `no` or `1.10` literally instead of YAML 1.1's False and 1.1.
    """

    kind: str
    tag: str
    line: int
    column: int
    value: Any
    text: str = ""
    keys: dict[str, Node] = field(default_factory=dict)
    quoted: bool = False  # a scalar written in quotes: '85' is text, and meant so

    def plain(self) -> Any:
        """The value as ordinary Python data (for `extra` mappings handed to templates)."""
        if self.kind == "map":
            return {k: v.plain() for k, v in self.value.items()}
        if self.kind == "seq":
            return [v.plain() for v in self.value]
        return self.value


@dataclass(frozen=True, slots=True)
class Document:
    """One YAML file: its path, the path to print in messages, and its root node."""

    path: Path
    shown: str
    root: Node
