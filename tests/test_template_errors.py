"""Whatever a template raises while a page renders is the template's problem: one line naming
the template, its line and the page, exit 1, no traceback, the previous output untouched; the
same in forked render workers, in `check` and over serve's preview."""

from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import Site
from test_parallel_render import render_in_two_processes

from nicepick.cli import main
from nicepick.config import load_config
from nicepick.errors import Problems
from nicepick.serve.preview import Preview

TAG_PAGE = "while building /tags/coverage/ from related tag 'coverage'"

# (template file, its text, the line reported after "templates/")
CASES = {
    "division by zero": (
        "tag.html",
        """
        {% extends "default/tag.html" %}
        {% block main %}
        {{ 1 / 0 }}
        {% endblock %}
    """,
        f"tag.html:3: template error: ZeroDivisionError: division by zero ({TAG_PAGE})",
    ),
    "a base template that extends itself": (
        "base.html",
        """
        {% extends "base.html" %}
    """,
        "base.html:1: template error: endless recursion (does a template extend, include or "
        "call itself?) (while building / from the home page)",
    ),
    "a macro that calls itself": (
        "tag.html",
        """
        {% macro again(n) %}{{ again(n + 1) }}{% endmacro %}
        {{ again(0) }}
    """,
        "tag.html:1: template error: endless recursion (does a template extend, include or "
        f"call itself?) ({TAG_PAGE})",
    ),
    "text plus a number": (
        "tag.html",
        """
        {% extends "default/tag.html" %}
        {% block main %}{{ "count: " + tag.label | length }}{% endblock %}
    """,
        'tag.html:2: template error: TypeError: can only concatenate str (not "int") to str '
        f"({TAG_PAGE})",
    ),
    "a loop over a number": (
        "tag.html",
        """
        {% extends "default/tag.html" %}
        {% block main %}
        {% for x in 5 %}{{ x }}{% endfor %}
        {% endblock %}
    """,
        f"tag.html:3: template error: TypeError: 'int' object is not iterable ({TAG_PAGE})",
    ),
    "a filter given the wrong kind of value": (
        "tag.html",
        """
        {% extends "default/tag.html" %}
        {% block main %}{{ tag.label | readable_date }}{% endblock %}
    """,
        "tag.html:2: template error: AttributeError: 'str' object has no attribute 'day' "
        f"({TAG_PAGE})",
    ),
    "string formatting gone wrong": (
        "tag.html",
        """
        {% extends "default/tag.html" %}
        {% block main %}{{ "%d pages" % tag.label }}{% endblock %}
    """,
        "tag.html:2: template error: TypeError: %d format: a real number is required, not str "
        f"({TAG_PAGE})",
    ),
    "an include of a missing template": (
        "tag.html",
        """
        {% extends "default/tag.html" %}
        {% block main %}{% include "_sidebar.html" %}{% endblock %}
    """,
        f"tag.html:2: template '_sidebar.html' not found ({TAG_PAGE})",
    ),
    "a misspelt attribute": (
        "tag.html",
        """
        {% extends "default/tag.html" %}
        {% block main %}{{ tag.lable }}{% endblock %}
    """,
        "tag.html:2: template error: 'nicepick.views.Link object' has no attribute 'lable' "
        f"(a misspelt variable or attribute?) ({TAG_PAGE})",
    ),
}


def expected(case: str) -> str:
    return "templates/" + CASES[case][2]


def break_template(site: Site, case: str) -> None:
    name, text, _ = CASES[case]
    site.write(f"templates/{name}", text)


def tree(public: Path) -> dict[str, bytes]:
    return {
        p.relative_to(public).as_posix(): p.read_bytes()
        for p in sorted(public.rglob("*"))
        if p.is_file()
    }


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_template_that_raises_is_one_line_with_its_place(site: Site, case: str) -> None:
    site.build()
    before = tree(site.public)
    break_template(site, case)
    for flags in ([], ["--clean"]):
        result = site.build(*flags, expect=1)
        assert result.output == f"{expected(case)}\n1 problem found; nothing was written.\n"
        assert tree(site.public) == before


@pytest.mark.parametrize("case", ["division by zero", "a base template that extends itself"])
def test_the_same_line_from_forked_render_workers(
    site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str
) -> None:
    site.build()
    before = tree(site.public)
    render_in_two_processes(tmp_path, monkeypatch)
    break_template(site, case)
    result = site.build("--clean", expect=1)
    line, total = result.output.splitlines()
    # Every page fails here; which one a worker meets first depends on who is faster.
    assert (
        line.partition("(while building /")[0] == expected(case).partition("(while building /")[0]
    )
    assert total == "1 problem found; nothing was written."
    assert tree(site.public) == before


@pytest.mark.parametrize(
    "case", ["division by zero", "a base template that extends itself", "a loop over a number"]
)
def test_check_reports_the_same_line(site: Site, case: str) -> None:
    break_template(site, case)
    result = site.runner.invoke(main, ["check", "--source", str(site.root)])
    assert result.exit_code == 1
    assert expected(case) + "\n" in result.output
    assert "Traceback" not in result.output
    listed = site.runner.invoke(main, ["check", "--source", str(site.root), "--format", "json"])
    path, line = expected(case).split(":")[:2]
    errors = [f for f in json.loads(listed.output) if f["severity"] == "error"]
    assert [(f["path"], f["line"]) for f in errors] == [(path, int(line))]


@pytest.mark.parametrize("case", ["division by zero", "a base template that extends itself"])
def test_serve_shows_the_same_line_over_the_page(site: Site, tmp_path: Path, case: str) -> None:
    config = load_config(site.root, tmp_path / "preview", Problems())
    preview = Preview(replace(config, live_reload=True, base_url="http://127.0.0.1:1/"), log=False)
    assert preview.rebuild() is not None
    break_template(site, case)
    assert preview.rebuild() is None
    assert preview.errors == [expected(case)]
    assert not any("this is a bug" in e for e in preview.errors)


def test_check_finds_errors_in_the_feed_and_sitemap_templates(site: Site) -> None:
    site.write("templates/feed.xml", '<?xml version="1.0"?>\n<feed>{{ 1 / 0 }}</feed>\n')
    result = site.runner.invoke(main, ["check", "--source", str(site.root)])
    assert result.exit_code == 1
    assert (
        "templates/feed.xml:2: template error: ZeroDivisionError: division by zero (while "
        "building /feed.xml from the feed)\n"
    ) in result.output


@pytest.mark.parametrize("case", ["division by zero", "text plus a number"])
def test_a_template_kept_compiled_still_names_its_line(site: Site, case: str) -> None:
    """The second failing build loads the template compiled by the first from the cache
    folder: the message still names the template and the line."""
    site.build()
    break_template(site, case)
    for _ in range(2):
        result = site.build(expect=1)
        assert result.output == f"{expected(case)}\n1 problem found; nothing was written.\n"
    kept = list(Path(os.environ["NICEPICK_CACHE_DIR"]).glob("templates-*/*.cache"))
    assert len(kept) >= 3  # the broken template, the ones it extends, and the rest


def _tag_page_saying(site: Site, word: str) -> None:
    site.write(
        "templates/tag.html",
        '{% extends "default/tag.html" %}{% block main %}' + word + "{% endblock %}",
    )


def test_an_edited_template_is_compiled_again(site: Site) -> None:
    site.build()
    _tag_page_saying(site, "firstmark")
    site.build()
    assert "firstmark" in site.text("/tags/coverage/")
    _tag_page_saying(site, "secondmark")
    site.build()
    assert "secondmark" in site.text("/tags/coverage/")
    assert "firstmark" not in site.text("/tags/coverage/")


def test_a_cache_folder_that_cannot_be_written_costs_only_the_compiling(
    site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder should be")
    monkeypatch.setenv("NICEPICK_CACHE_DIR", str(blocked / "cache"))
    site.build()
    _tag_page_saying(site, "thirdmark")
    site.build()
    assert "thirdmark" in site.text("/tags/coverage/")
