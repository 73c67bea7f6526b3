"""The YAML loader: lines kept, text kept as written, hostile input refused quickly."""

from __future__ import annotations

import time
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from nicepick.errors import Problems
from nicepick.sources import find_site_files, parse_yaml, relative


def parse(text: str) -> tuple[object, list[str]]:
    problems = Problems()
    node = parse_yaml(text, "f.yaml", problems)
    return node, [str(p) for p in problems.sorted()]


def test_values_keep_their_lines() -> None:
    node, found = parse("name: A\npros:\n  - one\n  - two\n")
    assert not found
    assert node.keys["pros"].line == 2
    assert [item.line for item in node.value["pros"].value] == [3, 4]


def test_yaml_1_1_surprises_keep_the_text_as_written() -> None:
    node, _ = parse("a: no\nb: 1.10\nc: on\nd: 010\n")
    assert {k: v.text for k, v in node.value.items()} == {
        "a": "no",
        "b": "1.10",
        "c": "on",
        "d": "010",
    }
    assert node.value["a"].tag == "bool"  # what YAML thought; text fields ignore it


def test_bom_and_crlf_are_accepted(tmp_path) -> None:
    from nicepick.sources import load_file

    path = tmp_path / "x.yaml"
    path.write_bytes(b"\xef\xbb\xbfname: A\r\nsummary: B\r\n")
    problems = Problems()
    doc = load_file(path, "x.yaml", problems)
    assert not problems and doc is not None
    assert doc.root.value["summary"].text == "B"
    assert doc.root.value["summary"].line == 2


def test_alias_bomb_is_refused_fast() -> None:
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, 10):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]")
    started = time.perf_counter()
    node, found = parse("\n".join(lines))
    assert node is None and "aliases expanding too far" in found[0]
    assert time.perf_counter() - started < 1.0


def test_recursive_alias_and_deep_nesting_are_refused() -> None:
    node, found = parse("a: " + "[" * 60 + "]" * 60 + "\n")
    assert node is None and "nested more than 40 levels deep" in found[0]
    node, found = parse("a: &x\n  b: *x\n")
    assert node is None and found


def test_merge_keys_copy_unset_keys() -> None:
    node, found = parse("base: &b {kind: tool, category: x}\nitem:\n  <<: *b\n  kind: library\n")
    assert not found
    item = node.value["item"].value
    assert item["kind"].text == "library" and item["category"].text == "x"


def test_multiple_documents_are_refused_with_a_hint() -> None:
    _, found = parse("a: 1\n---\nb: 2\n")
    assert "keep one document per file" in found[0]


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_any_text_gives_a_tree_or_problems_never_an_exception(text: str) -> None:
    node, found = parse(text)
    assert (node is None) == bool(found) or (node is None and not found and not text.strip())


_PART = st.sampled_from(["a", "b", "ab", "a-b", "..", "comparisons", "x.yaml", "é"])


@settings(max_examples=300, deadline=None)
@given(st.booleans(), st.lists(_PART, max_size=4), st.booleans(), st.lists(_PART, max_size=4))
def test_relative_answers_like_pathlib(
    site_abs: bool, site_parts: list[str], path_abs: bool, path_parts: list[str]
) -> None:
    """`relative` works on strings for speed; it must say what Path.relative_to says."""
    site = Path("/" if site_abs else ".").joinpath(*site_parts)
    path = Path("/" if path_abs else ".").joinpath(*path_parts)
    try:
        expected = path.relative_to(site).as_posix()
    except ValueError:
        expected = str(path)
    assert relative(path, site) == expected


def test_content_files_are_found_in_path_order_skipping_hidden_and_outside_links(
    tmp_path: Path,
) -> None:
    site = tmp_path / "site"
    content = site / "comparisons"
    (content / "techniques").mkdir(parents=True)
    (content / "a-b").mkdir()
    (content / "a").mkdir()
    (content / ".hidden").mkdir()
    for name in [
        "a-b/x.yaml",
        "a/x.yaml",
        "z.yml",
        "y.yaml",
        "notes.txt",
        ".draft.yaml",
        ".hidden/h.yaml",
        "techniques/t.yaml",
    ]:
        (content / name).write_text("compare: [a, b]\n")
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "o.yaml").write_text("compare: [a, b]\n")
    (content / "linked.yaml").symlink_to(outside / "o.yaml")
    (content / "linked-folder").symlink_to(outside)
    (content / "inner-link.yaml").symlink_to(content / "y.yaml")
    problems = Problems()
    files = find_site_files(site, problems)
    assert [p.relative_to(content).as_posix() for p in files.comparisons] == [
        "a/x.yaml",
        "a-b/x.yaml",
        "inner-link.yaml",
        "y.yaml",
        "z.yml",
    ]
    assert [p.name for p in files.techniques] == ["t.yaml"]
    assert sorted(p.path for p in problems.items) == [
        "comparisons/linked-folder",
        "comparisons/linked.yaml",
    ]
