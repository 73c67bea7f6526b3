"""What pages and composed sentences write: a value as HTML (`escaped`, for every value a
template writes), and HTML with its {fields} filled in (`format_html`): the values escaped,
those already marked safe (Markup) kept as they are. What markupsafe's `escape` and
`Markup(template).format(...)` do, without their cost.

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


def escaped(value: Any) -> str:
    """`value` as HTML: safe HTML (Markup) as it is, text escaped, anything else as
    markupsafe's `escape` writes it.

    Text is escaped with markupsafe's own five replacements, in its order
    (tests/test_html_format.py holds them to it), into a plain string: where the result is
    joined into a page or a sentence, a Markup around it costs more than the escaping
    (a `hasattr` and a copy), and `escape` copies safe HTML into a new Markup too."""
    kind = type(value)
    if kind is str:
        text: str = value
        return (
            text.replace("&", "&amp;")
            .replace(">", "&gt;")
            .replace("<", "&lt;")
            .replace("'", "&#39;")
            .replace('"', "&#34;")
        )
    if kind is Markup:
        return value  # type: ignore[no-any-return]
    return _safe(value)


def _safe(value: Any) -> str:
    """A value as markupsafe's formatter writes it under a field with no spec."""
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
        str.format(template, *map(escaped, args), **{k: escaped(v) for k, v in values.items()})
    )
