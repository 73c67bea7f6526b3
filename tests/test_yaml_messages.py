"""YAML mistakes are reported where they are made, not where the parser gave up: the line of the
quote or bracket left open, the value YAML read as syntax, git's conflict markers; each with
what to do, exit 1, and the previous output untouched."""

from __future__ import annotations

import pytest
from conftest import Site
from test_errors import only_problem

TECHNIQUE = "comparisons/techniques/alpha.yaml"

# (the technique file alpha.yaml, the one line expected after "alpha.yaml:")
CASES = {
    "a double quote never closed": (
        'name: Alpha\nkind: library\ncategory: testing\ntagline: Fast.\nsummary: "Reach for it\n'
        "pros:\n  - Fast.\n  - Small.\ncons:\n  - Young.\nrelated: [python]\npopularity: 3\n"
        "links:\n  Home: https://example.org/\n",
        '5:10: YAML syntax error: the double quote (") opened here is never closed (add the '
        'closing " where the text ends)',
    ),
    "a single quote never closed": (
        "name: Alpha\nsummary: 'Reach for it\npros:\n  - Fast.\n",
        "2:10: YAML syntax error: the single quote (') opened here is never closed (add the "
        "closing ' where the text ends)",
    ),
    "a quote left open before quoted lines": (
        'name: Alpha\nsummary: "Reach for it\npros:\n  - "Fast."\n  - "Small."\ncons:\n'
        "  - Young.\n",
        '2:10: YAML syntax error: the double quote (") opened here is not closed on its line, so '
        'it runs on to line 4 (add the closing ", or quote a " inside the text as \\")',
    ),
    "a quote inside double-quoted text": (
        'name: Alpha\nsummary: "Say "hi" to tests"\n',
        '2:15: YAML syntax error: the text goes on after its closing " (write a " inside the '
        'text as \\", or put the whole text in single quotes)',
    ),
    "an apostrophe inside single-quoted text": (
        "name: Alpha\nsummary: 'It's fast'\n",
        "2:13: YAML syntax error: the text goes on after its closing ' (write a ' inside the "
        "text as '', or put the whole text in double quotes)",
    ),
    "a list never closed": (
        "name: Alpha\nsummary: Fast.\nrelated: [python, testing\npros:\n  - Fast.\n",
        "3:10: YAML syntax error: the '[' opened here is never closed (close it with ']' on the "
        "same line, or write one '- item' per line)",
    ),
    "a list never closed at the end": (
        "name: Alpha\nsummary: [unclosed\n",
        "2:10: YAML syntax error: the '[' opened here is never closed (close it with ']' on the "
        "same line, or write one '- item' per line)",
    ),
    "a mapping never closed": (
        "name: Alpha\nsummary: Fast.\nextra: {stars: 5\npros:\n  - Fast.\n",
        "3:8: YAML syntax error: the '{' opened here is never closed (close it with '}')",
    ),
    "a value starting with a backtick": (
        "name: Alpha\nsummary: `pytest` made simple\n",
        "2:10: YAML syntax error: text that starts with '`' must be in quotes ('`' is reserved "
        'in YAML; write summary: "`pytest` made simple")',
    ),
    "a value starting with @": (
        "name: Alpha\nsummary: Fast.\npros:\n  - @pytest fixtures\n",
        "4:5: YAML syntax error: text that starts with '@' must be in quotes ('@' is reserved in "
        'YAML; write - "@pytest fixtures")',
    ),
    "a value starting with % itself": (
        "name: Alpha\nsummary: '%'\ntagline: %s of tests\n",
        "3:10: YAML syntax error: text that starts with '%' must be in quotes ('%' starts a YAML"
        ' directive; write tagline: "%s of tests")',
    ),
    "a value starting with *": (
        "name: Alpha\nsummary: *Really* fast tests\n",
        "2:10: YAML syntax error: text that starts with '*' must be in quotes ('*' starts a YAML"
        ' alias; write summary: "*Really* fast tests")',
    ),
    "a value starting with [": (
        "name: Alpha\nsummary: [Fast] tests for everyone\n",
        "2:10: YAML syntax error: text that starts with '[' must be in quotes ('[' starts a YAML "
        'list; write summary: "[Fast] tests for everyone")',
    ),
    "a value with a double quote starting with `": (
        'name: Alpha\nsummary: `x` is "fast"\n',
        "2:10: YAML syntax error: text that starts with '`' must be in quotes ('`' is reserved "
        "in YAML; write summary: '`x` is \"fast\"')",
    ),
    "a backslash in double quotes": (
        'name: Alpha\nsummary: "Runs C:\\tests\\unit"\n',
        "2:24: YAML syntax error: expected escape sequence of 4 hexadecimal numbers, but "
        "found 'n' (in double quotes a backslash "
        "starts an escape: write \\\\ for a backslash, or use single quotes)",
    ),
    "a Windows path in double quotes": (
        'name: Alpha\nsummary: "Runs in C:\\work"\n',
        "2:21: YAML syntax error: found unknown escape character 'w' (in double quotes a backslash "
        "starts an escape: write \\\\ for a "
        "backslash, or use single quotes)",
    ),
    "a merge conflict": (
        "name: Alpha\n<<<<<<< HEAD\nsummary: Fast tests.\n=======\nsummary: Quick tests.\n"
        ">>>>>>> feature\n",
        "2: a merge-conflict marker ('<<<<<<<') from git (resolve the conflict: keep the lines "
        "you want and remove the <<<<<<<, ======= and >>>>>>> lines)",
    ),
    "a merge conflict inside a block of text": (
        "name: Alpha\nsummary: Fast.\nbody: |\n  Intro.\n<<<<<<< HEAD\n  Ours.\n=======\n"
        "  Theirs.\n>>>>>>> feature\n",
        "5: a merge-conflict marker ('<<<<<<<') from git (resolve the conflict: keep the lines "
        "you want and remove the <<<<<<<, ======= and >>>>>>> lines)",
    ),
    "a raw control character": (
        "name: Alpha\nsummary: Fast\x07 tests.\n",
        "2:14: the control character U+0007 cannot appear in YAML (remove it; most editors do "
        "not show it)",
    ),
    "a list item with no key": (
        "name: Alpha\nsummary: Fast.\n- Small.\n",
        "3:1: YAML syntax error: a list item where a key was expected (a list goes under a key "
        "with nothing after its ':', e.g. 'pros:' and then '  - item' on the lines below it)",
    ),
    "a list item one space too far left": (
        (
            "name: Alpha\nsummary: Fast.\npros:\n  - Fast.\ncons:\n  - Young.\n - Small.\n"
            "  - Loud.\n"
        ),
        (
            "7:2: YAML syntax error: this list item is indented 1 space, out of line with the list "
            "above it (line its '-' up with the '-' on line 6, which is indented 2 spaces)"
        ),
    ),
    "a list item one space too far right": (
        "name: Alpha\nsummary: Fast.\npros:\n  - Fast.\n   - Small.\n",
        "5:4: this '-' is indented more than the item on line 4, so YAML reads it as more of "
        "that item's text (line its '-' up with the one on line 4, or quote the item if the "
        "dash belongs to it)",
    ),
    "a list item two spaces too far right, after a wrapped one": (
        "name: Alpha\nsummary: Fast.\ncons:\n  - Young, and the docs\n    are thin.\n"
        "    - Small.\n",
        "6:5: this '-' is indented more than the item on line 4, so YAML reads it as more of "
        "that item's text (line its '-' up with the one on line 4, or quote the item if the "
        "dash belongs to it)",
    ),
    "a key indented under a list": (
        "name: Alpha\nsummary: Fast.\ncons:\n  - Young.\n  popularity: 90\n",
        (
            "5:3: YAML syntax error: 'popularity:' is indented 2 spaces, out of line with the keys "
            "above it (line it up with 'cons:' on line 3, which is not indented)"
        ),
    ),
    "a key indented under a value": (
        "name: Alpha\nsummary: Fast.\n  popularity: 90\n",
        (
            "3:3: YAML syntax error: 'popularity:' is indented more than 'summary:' on line 2, so "
            "YAML reads it as more of that value (if it is a key, line it up with 'summary:', "
            "which is not indented; if it is text, put it in quotes)"
        ),
    ),
    "a key between two indentations": (
        "name: Alpha\nsummary: Fast.\nfacts:\n  license: MIT\n stars: 5\n",
        (
            "5:2: YAML syntax error: 'stars:' is indented 1 space, out of line with the keys above "
            "it (line it up with 'license:' on line 4 (indented 2 spaces), or with 'facts:' on "
            "line 3 (not indented))"
        ),
    ),
    "a key after a block of text": (
        "name: Alpha\nsummary: Fast.\nbody: |\n  Note: it is fast.\n popularity: 90\n",
        (
            "5:2: YAML syntax error: 'popularity:' is indented 1 space, out of line with the keys "
            "above it (line it up with 'body:' on line 3, which is not indented)"
        ),
    ),
    "the first key indented": (
        "  name: Alpha\nsummary: Fast.\n",
        (
            "1:3: YAML syntax error: the first key, 'name:', is indented 2 spaces (start the keys "
            "of the file at the beginning of their lines)"
        ),
    ),
    # PyYAML finds a missing ':' a line later, at the next key, or past the end.
    "a key without its colon": (
        "name: Alpha\nkind library\nsummary: Fast.\n",
        "2:1: YAML syntax error: this line 'kind library' has no ':' after its key (write "
        "kind: library)",
    ),
    "a key without its colon on the last line": (
        "name: Alpha\nsummary: Fast.\nkind library\n",
        "3:1: YAML syntax error: this line 'kind library' has no ':' after its key (write "
        "kind: library)",
    ),
    "a key without its colon on the first line": (
        "name Alpha\nsummary: Fast.\n",
        "1:1: YAML syntax error: this line 'name Alpha' has no ':' after its key (write "
        "name: Alpha)",
    ),
    "a colon without its space": (
        "name: Alpha\nkind:library\nsummary: Fast.\n",
        "2:1: YAML syntax error: this line 'kind:library' has no space after its ':' (write "
        "kind: library)",
    ),
    "a no-break space after the colon": (
        "name: Alpha\nkind:\u00a0library\nsummary: Fast.\n",
        "2:6: YAML syntax error: a no-break space (U+00A0) where YAML needs an ordinary one "
        "(retype the space; copied text often brings these)",
    ),
    "a no-break space after the colon of the first key": (
        "name:\u00a0Alpha\nsummary: Fast.\n",
        "1:6: YAML syntax error: a no-break space (U+00A0) where YAML needs an ordinary one "
        "(retype the space; copied text often brings these)",
    ),
    "no-break spaces indenting a list item": (
        "name: Alpha\nsummary: Fast.\npros:\n\u00a0\u00a0- Fast.\n",
        "4:1: YAML syntax error: a no-break space (U+00A0) where YAML needs an ordinary one "
        "(retype the space; copied text often brings these)",
    ),
    "a line of text with no key": (
        "name: Alpha\nsummary: Fast.\nand also small\npros: [Fast.]\n",
        "3:1: YAML syntax error: this line 'and also small' is not 'key: value' (add the ':' "
        "after its key, or indent it under the key it belongs to)",
    ),
    "a bracket too many": (
        "name: Alpha\nsummary: Fast.\nrelated: [python, testing]]\n",
        "3:27: YAML syntax error: this ']' closes nothing (remove it)",
    ),
    "a second document": (
        "name: Alpha\nsummary: Fast.\n---\n",
        "3:1: YAML syntax error: a second document starts here (keep one document per file; "
        "remove the extra '---')",
    ),
    "a no-break space before a key": (
        "name: Alpha\n\u00a0summary: Fast.\n",
        "2: unknown key '\u00a0summary' in a technique file (it holds a no-break space, U+00A0, "
        "which looks like nothing or a space; retype it as 'summary')",
    ),
    "text after a block indicator": (
        "name: Alpha\nsummary: | Fast tests.\n",
        "2:10: YAML syntax error: text that starts with '|' must be in quotes ('|' starts a "
        'block of text; write summary: "| Fast tests.")',
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_yaml_mistake_is_reported_where_it_is(site: Site, case: str) -> None:
    site.build()
    before = {p: p.read_bytes() for p in site.public.rglob("*") if p.is_file()}
    text, expected = CASES[case]
    site.write(TECHNIQUE, text)
    assert only_problem(site) == f"{TECHNIQUE}:{expected}"
    assert {p: p.read_bytes() for p in site.public.rglob("*") if p.is_file()} == before


def test_every_conflict_is_listed(site: Site) -> None:
    site.write(
        TECHNIQUE,
        "name: Alpha\n<<<<<<< HEAD\nsummary: A.\n=======\nsummary: B.\n"
        ">>>>>>> x\npros:\n<<<<<<< HEAD\n  - Fast.\n=======\n  - Quick.\n"
        ">>>>>>> x\n",
    )
    result = site.build(expect=1)
    lines = result.output.splitlines()
    assert [line.split(": ")[0] for line in lines[:-1]] == [f"{TECHNIQUE}:2", f"{TECHNIQUE}:8"]


def test_a_quoted_text_over_two_lines_is_still_fine(site: Site) -> None:
    site.write(
        TECHNIQUE,
        'name: Alpha\nsummary: "Reach for Alpha when you need\n  fast tests."\n'
        "category: testing\nkind: library\npopularity: 90\n",
    )
    site.build()
    assert "Reach for Alpha when you need fast tests." in site.text("tools/alpha/")


def test_a_no_break_space_inside_a_text_is_still_fine(site: Site) -> None:
    """French and careful English write '10\u00a0km': only where YAML reads its structure
    is a no-break space a mistake."""
    site.write(
        TECHNIQUE,
        "name: Alpha\nsummary: Runs 10\u00a0km a day.\ncategory: testing\nkind: library\n"
        "popularity: 90\npros:\n  - Light, at 200\u00a0g.\n",
    )
    site.build()
    assert "Runs 10\u00a0km a day." in (site.public / "tools/alpha/index.html").read_text()


def test_a_wrapped_list_item_and_a_quoted_dash_are_still_fine(site: Site) -> None:
    site.write(
        TECHNIQUE,
        "name: Alpha\nsummary: Reach for Alpha.\ncategory: testing\nkind: library\n"
        "popularity: 90\npros:\n  - It runs tests in parallel\n    out of the box.\n"
        "  - 'Fast to start\n    - and to stop.'\n",
    )
    site.build()
    text = site.text("tools/alpha/")
    assert "It runs tests in parallel out of the box." in text
    assert "Fast to start - and to stop." in text
