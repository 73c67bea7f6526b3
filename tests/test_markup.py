"""The Markdown renderer's plain-text shortcut must give exactly what Markdown gives."""

from __future__ import annotations

import markdown
from hypothesis import example, given
from hypothesis import strategies as st

from nicepick.markup import EXTENSIONS, MarkdownRenderer, is_plain_text

# Plain characters, every character the shortcut refuses, and a few that only matter at the
# start of a line, so both paths are exercised.
ALPHABET = st.sampled_from(list("aZé漢1 ,.;:'\"?!()/%+=-–—’“”…*_`[]<>&\\#|~\n\t{}"))


def reference(text: str, inline: bool) -> str:
    """The renderer's output computed the slow way, through a fresh Markdown instance."""
    fresh = MarkdownRenderer()
    fresh._convert = lambda md, t: (md.reset(), md.convert(t))[1]  # type: ignore[method-assign]
    return str(fresh.inline(text) if inline else fresh.block(text))


@given(st.text(ALPHABET, min_size=1, max_size=40), st.booleans())
@example("Fast, typed (mostly) and 100% free—really.", True)
@example("It is “plain” prose… isn’t it?", False)
@example("1. Not plain: a list", True)
@example("A trailing space ", True)
@example('It\'s "quoted" text', False)
@example("AT&amp;T", True)
def test_shortcut_matches_markdown(text: str, inline: bool) -> None:
    renderer = MarkdownRenderer()
    got = str(renderer.inline(text) if inline else renderer.block(text))
    assert got == reference(text, inline)


@given(st.text(ALPHABET, min_size=1, max_size=40))
def test_plain_text_is_rendered_unchanged_by_markdown(text: str) -> None:
    if is_plain_text(text):
        converted = markdown.Markdown(extensions=EXTENSIONS).convert(text)
        assert converted == f"<p>{text}</p>"


def test_shortcut_takes_ordinary_prose_and_refuses_markup() -> None:
    assert is_plain_text("Runs anywhere Python 3.11 does, with no build step.")
    for marked in (
        "Use *this*",
        "A `code` span",
        "See [docs](/x)",
        "A < B",
        "- item",
        "Two\nlines",
        "# heading",
        "snake_case",
        "AT&T",
    ):
        assert not is_plain_text(marked), marked
