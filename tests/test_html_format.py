"""format_html is markupsafe's Markup.format, only faster: the same HTML for every template
and value, the values escaped unless marked safe, and the same error for a bad template."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markupsafe import Markup

from nicepick.htmlformat import format_html

_TEXT = st.text(alphabet=st.sampled_from("ab <>&\"'{}:.!x0é"), max_size=12)
_VALUES = st.one_of(
    _TEXT,
    _TEXT.map(Markup),
    st.integers(-10_000, 10_000),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.dates(),
    st.none(),
)
_FIELDS = st.sampled_from(
    ["{}", "{a}", "{b}", "{0}", "{a!r}", "{a:>5}", "{b.real}", "{0[0]}", "{{", "}}"]
)


def _both(template: str, *args: Any, **values: Any) -> tuple[object, object]:
    def outcome(fill: Any) -> object:
        try:
            result = fill()
        except (ValueError, IndexError, KeyError, AttributeError, TypeError) as error:
            return type(error)
        assert isinstance(result, Markup)
        return str(result)

    return (
        outcome(lambda: format_html(template, *args, **values)),
        outcome(lambda: Markup(template).format(*args, **values)),
    )


@given(
    st.lists(st.one_of(_TEXT, _FIELDS), max_size=6).map("".join),
    st.lists(_VALUES, max_size=3),
    _VALUES,
    _VALUES,
)
def test_any_template_reads_as_markupsafe_writes_it(
    template: str, args: list[Any], a: Any, b: Any
) -> None:
    mine, theirs = _both(template, *args, a=a, b=b)
    assert mine == theirs


def test_values_are_escaped_and_safe_html_is_kept() -> None:
    filled = format_html("<p>{}: {name}</p>", "<b>&", name=Markup("<em>x</em>"))
    assert filled == Markup("<p>&lt;b&gt;&amp;: <em>x</em></p>")
    assert isinstance(filled, Markup)
    assert format_html("{} on {}", 3, datetime.date(2026, 12, 6)) == "3 on 2026-12-06"


def test_a_field_with_a_spec_still_works() -> None:
    assert format_html("{n:,} {s!r}", n=12345, s="<") == "12,345 &#39;&lt;&#39;"


def test_a_broken_template_fails_as_markupsafe_does() -> None:
    with pytest.raises(ValueError):
        format_html("{a", a=1)


@given(st.text())
def test_text_is_escaped_as_markupsafe_escapes_it(text: str) -> None:
    """Templates write text through `escaped` (theme._Template), and composed sentences fill
    their frames with it: the same characters as markupsafe's escape, Markup kept as it is."""
    from markupsafe import escape

    from nicepick.htmlformat import escaped

    assert escaped(text) == str(escape(text))
    assert escaped(Markup(text)) == text
    assert escaped(12) == "12" and escaped(None) == "None"
