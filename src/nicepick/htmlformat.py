"""HTML with its {fields} filled in: the values escaped, those already marked safe (Markup)
kept as they are. What `Markup(template).format(...)` does, without its cost.

markupsafe fills a template through `string.Formatter`, written in Python: 20–30 us a call,
and a comparison page composes a dozen sentences so (the theme's words, names in <strong>,
paragraphs). A template whose fields are plain names or positions, with no format spec
and no conversion, means the same to `str.format` once each value is escaped; any other
template is handed to markupsafe.
"""

from __future__ import annotations

import string
from functools import lru_cache
from typing import Any

from markupsafe import Markup, escape

_FORMATTER = string.Formatter()


@lru_cache(maxsize=4096)
def _plain_fields(template: str) -> bool:
    """Every field is `{}`, `{0}` or `{name}`: no spec, no conversion, no `.attr` or `[key]`."""
    try:
        return all(
            name is None or (spec == "" and conversion is None and _plain_name(name))
            for _, name, spec, conversion in _FORMATTER.parse(template)
        )
    except ValueError:  # unbalanced braces: markupsafe raises its own error
        return False


def _plain_name(name: str) -> bool:
    return name == "" or name.isdigit() or name.isidentifier()


def _safe(value: Any) -> str:
    """A value as markupsafe's formatter writes it under a field with no spec."""
    if type(value) is str:
        return escape(value)
    if isinstance(value, Markup):
        return value
    if hasattr(value, "__html_format__"):
        return str(value.__html_format__(""))
    if hasattr(value, "__html__"):
        return str(value.__html__())
    return escape(format(value, ""))


def format_html(template: str, *args: Any, **values: Any) -> Markup:
    """`template` (HTML, trusted) with its fields filled by escaped values."""
    if not _plain_fields(template):
        return Markup(template).format(*args, **values)
    return Markup(
        str.format(template, *map(_safe, args), **{k: _safe(v) for k, v in values.items()})
    )
