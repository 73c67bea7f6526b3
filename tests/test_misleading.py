"""Messages that told a user something untrue ("write it without quotes" when there were none,
a hint about technique keys in nicepick.yaml, "unknown technique" for a technique whose file is
broken) now say what was written and what to write instead."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import REPO, Site
from test_errors import only_problem

from nicepick.cli import main


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        ("1e5", "YAML reads '1e5' as text; write it as 100000"),
        ("90%", "write the number alone, without '%': 90"),
        ("'85'", "write it without quotes: 85"),
        ('"12.5"', "write it without quotes: 12.5"),
        ("1,000", "write it without separators: 1000"),
        ("high", "write a number, e.g. 85"),
        ("'lots'", "write a number, e.g. 85"),
    ],
)
def test_a_popularity_that_is_not_a_number(site: Site, written: str, hint: str) -> None:
    site.technique("gamma", f"name: Gamma\nsummary: G.\npopularity: {written}\n")
    assert only_problem(site) == (
        f"comparisons/techniques/gamma.yaml:3: 'popularity' should be a number, not text ({hint})"
    )


@pytest.mark.parametrize(
    ("rel", "text", "expected"),
    [
        (
            "nicepick.yaml",
            "- title: Picks\n- base_url: https://example.org/\n",
            "nicepick.yaml:1: a nicepick.yaml file should be a mapping of keys, not a list (write "
            "one "
            "'key: value' per line, such as 'title: …')",
        ),
        (
            "comparisons/techniques/gamma.yaml",
            "- name: Gamma\n",
            "comparisons/techniques/gamma.yaml:1: a technique file should be a mapping of keys, "
            "not a "
            "list (start with 'name: …' on the first line)",
        ),
        (
            "comparisons/beta-vs-gamma.yaml",
            "beta vs gamma\n",
            "comparisons/beta-vs-gamma.yaml:1: a comparison file should be a mapping of keys, not "
            "text "
            "(start with 'compare: [first, second]')",
        ),
        (
            "comparisons/techniques/gamma.yaml",
            "name:Gamma\nsummary:G.\n",
            "comparisons/techniques/gamma.yaml:1: a technique file should be a mapping of keys, "
            "not "
            "text (put a space after the ':' of each key, as in 'name: Alpha')",
        ),
        (
            "nicepick.yaml",
            "title: Picks\ndescription: Fast\x1b[0m picks\n",
            "nicepick.yaml:2:18: the control character U+001B cannot appear in YAML (remove it; "
            "most "
            "editors do not show it)",
        ),
    ],
)
def test_a_file_of_the_wrong_shape_gets_the_hint_for_its_kind(
    site: Site, rel: str, text: str, expected: str
) -> None:
    site.write(rel, text)
    assert only_problem(site) == expected


def test_new_comparison_with_a_broken_technique_names_its_problem(site: Site) -> None:
    site.technique("gamma", 'name: "Gamma\nsummary: G.\n')
    for ref in ("gamma", "Gamma"):
        result = site.runner.invoke(
            main, ["new", "comparison", "alpha", ref, "--source", str(site.root)]
        )
        assert result.exit_code == 1
        assert result.output == (
            'comparisons/techniques/gamma.yaml:1:7: YAML syntax error: the double quote (") '
            'opened here is never closed (add the closing " where the text ends)\n'
            "1 problem found; nothing was written.\n"
        )
    assert not (site.root / "comparisons/alpha-vs-gamma.yaml").exists()
    result = site.runner.invoke(
        main, ["new", "comparison", "alpha", "postgresql", "--source", str(site.root)]
    )
    assert result.output == (
        "Error: unknown technique 'postgresql' (create it first: "
        'nicepick new technique "postgresql")\n'
    )


def test_new_comparison_names_every_unknown_technique(site: Site) -> None:
    """Two typos are told at once, each with its did-you-mean, and a broken file with them."""
    result = site.runner.invoke(
        main, ["new", "comparison", "alpah", "betta", "--source", str(site.root)]
    )
    assert result.exit_code == 1
    assert result.output == (
        "Error: unknown technique 'alpah' (did you mean 'alpha'?)\n"
        "Error: unknown technique 'betta' (did you mean 'beta'?)\n"
    )
    site.technique("gamma", 'name: "Gamma\nsummary: G.\n')
    result = site.runner.invoke(
        main, ["new", "comparison", "gamma", "betta", "--source", str(site.root)]
    )
    assert result.output == (
        "Error: unknown technique 'betta' (did you mean 'beta'?)\n"
        'Error: comparisons/techniques/gamma.yaml:1:7: YAML syntax error: the double quote (") '
        'opened here is never closed (add the closing " where the text ends)\n'
    )
    assert sorted(p.name for p in (site.root / "comparisons").glob("*.yaml")) == [
        "alpha-vs-beta.yaml",
        "beta-vs-gamma.yaml",
    ]


def _readme_blocks() -> tuple[list[list[str]], list[list[str]], list[str]]:
    """The README's walkthrough: the commands that create files, the commands that check
    and build once they are filled in, and the example YAML files in between."""
    readme = (REPO / "README.md").read_text("utf-8")
    first = re.search(r"Add [^\n]*comparison:\n\n```sh\n(.*?)```", readme, re.DOTALL)
    second = re.search(r"then check and build:\n\n```sh\n(.*?)```", readme, re.DOTALL)
    assert first and second, "the README's walkthrough moved"
    yamls = re.findall(r"```yaml\n(.*?)```", readme[second.end() :], re.DOTALL)

    def commands(block: str) -> list[list[str]]:
        lines = [shlex.split(line, comments=True) for line in block.splitlines()]
        return [c[1:] for c in lines if c and c[0] == "nicepick"]

    return commands(first.group(1)), commands(second.group(1)), yamls


def test_the_readme_walkthrough_works_on_a_fresh_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runner = CliRunner()
    assert runner.invoke(main, ["init", str(tmp_path / "mysite")]).exit_code == 0
    monkeypatch.chdir(tmp_path / "mysite")
    create, finish, yamls = _readme_blocks()
    assert [s[:2] for s in create][:3] == [
        ["new", "technique"],
        ["new", "technique"],
        ["new", "comparison"],
    ]
    for args in create[:-1]:
        result = runner.invoke(main, args)
        assert result.exit_code == 0, (args, result.output)
    # The check names every placeholder the editor still has to replace, with its line.
    result = runner.invoke(main, create[-1])
    assert result.exit_code == 1
    assert (
        "comparisons/techniques/postgresql.yaml:5: 'summary' still holds the placeholder"
        in result.output
    )
    assert "comparisons/postgresql-vs-mysql.yaml:2: nothing decides the pick" in result.output
    # The editor writes the README's two example files, and MySQL like PostgreSQL.
    technique, comparison = yamls[:2]
    site = tmp_path / "mysite" / "comparisons"
    (site / "techniques/postgresql.yaml").write_text(technique)
    (site / "techniques/mysql.yaml").write_text(
        technique.replace("PostgreSQL", "MySQL")
        .replace("popularity: 90", "popularity: 80")
        .replace("[sql, mysql]", "[sql, postgresql]")
    )
    (site / "postgresql-vs-mysql.yaml").write_text(comparison)
    for args in finish:
        result = runner.invoke(main, args)
        assert result.exit_code == 0, (args, result.output)
    assert (tmp_path / "mysite/public/compare/postgresql-vs-mysql/index.html").is_file()
