"""The editor's commands: init, new, check and schema."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import jsonschema
import yaml
from click.testing import CliRunner
from conftest import REPO, Site, soup

from nicepick import schema
from nicepick.cli import main


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_init_creates_a_site_that_builds_and_refuses_to_overwrite(tmp_path: Path) -> None:
    code, output = run("init", str(tmp_path / "s"))
    assert code == 0 and "Next: cd" in output
    hint = (tmp_path / "s/comparisons/techniques/git-merge.yaml").read_text().splitlines()[0]
    assert hint == "# yaml-language-server: $schema=../../schemas/technique.schema.json"
    code, _ = run("build", "--source", str(tmp_path / "s"), "-q")
    assert code == 0 and (tmp_path / "s/public/compare/git-merge-vs-git-rebase/index.html").exists()
    # Every technique has facts, declared in nicepick.yaml; the files pass their own schemas.
    facts = soup(tmp_path / "s/public", "compare/git-merge-vs-git-rebase/").find(class_="facts")
    rows = {
        tr.th.get_text(): [td.get_text() for td in tr.find_all("td")]
        for tr in facts.tbody.find_all("tr")
    }
    assert rows["Rewrites commits"] == ["No", "Yes"]
    assert list(rows) == [
        "Command",
        "Rewrites commits",
        "Adds a merge commit",
        "History on the main branch",
    ]
    schemas = tmp_path / "s/schemas"
    for path in (tmp_path / "s").rglob("*.yaml"):
        kind = (
            "config"
            if path.name == "nicepick.yaml"
            else "technique"
            if path.parent.name == "techniques"
            else "comparison"
        )
        jsonschema.validate(
            as_editors_see_it(yaml.safe_load(path.read_text())),
            json.loads((schemas / f"{kind}.schema.json").read_text()),
        )
    code, output = run("check", "--source", str(tmp_path / "s"), "--strict")
    assert code == 0, output
    code, output = run("init", str(tmp_path / "s"))
    assert code == 1 and "refusing to overwrite existing files" in output


def test_init_with_theme_copies_templates(tmp_path: Path) -> None:
    code, _ = run("init", str(tmp_path / "s"), "--theme")
    assert code == 0
    assert (tmp_path / "s/templates/comparison.html").is_file()
    assert (tmp_path / "s/static/assets/style.css").is_file()


def test_init_with_theme_in_a_site_made_without_it_copies_only_the_theme(tmp_path: Path) -> None:
    site = tmp_path / "s"
    assert run("init", str(site))[0] == 0
    config = (site / "nicepick.yaml").read_text()
    code, output = run("init", str(site), "--theme")
    assert code == 0, output
    assert "Copied the theme" in output and "nicepick.yaml" not in output
    assert (site / "templates/comparison.html").is_file()
    assert (site / "static/assets/style.css").is_file()
    assert (site / "nicepick.yaml").read_text() == config
    # The copy is the theme as built in: the site builds as before, and a changed copy shows.
    page = site / "templates/404.html"
    page.write_text(page.read_text().replace("{{ words.page_not_found }}", "Nothing here"))
    assert run("build", "--source", str(site), "-q")[0] == 0
    assert "Nothing here" in (site / "public/404.html").read_text()
    code, output = run("init", str(site), "--theme")
    assert code == 1 and "refusing to overwrite existing files" in output
    assert "Nothing here" in page.read_text()


def test_new_outside_a_site_makes_no_second_site(site: Site, tmp_path: Path) -> None:
    """Run from comparisons/, `new technique` made comparisons/comparisons/techniques/x.yaml;
    in an empty folder, a site tree build then refused. Both say where the site is."""
    inside = site.root / "comparisons"
    code, output = run("new", "technique", "Zeta", "--source", str(inside))
    assert code == 1 and f"the site is {site.root}: run it there" in output, output
    assert not (inside / "comparisons").exists()
    empty = tmp_path / "empty"
    empty.mkdir()
    code, output = run("new", "comparison", "alpha", "beta", "--source", str(empty))
    assert code == 1 and "start one with 'nicepick init" in output, output
    assert list(empty.iterdir()) == []


def test_new_technique_and_comparison(site: Site) -> None:
    code, output = run(
        "new", "technique", "Delta Force", "--source", str(site.root), "--kind", "tool"
    )
    assert (
        code == 0
        and output.strip() == "comparisons/techniques/delta-force.yaml"
        or output.strip().endswith("comparisons/techniques/delta-force.yaml")
    )
    code, output = run("new", "technique", "Delta Force", "--source", str(site.root))
    assert code == 1 and "refusing to overwrite" in output
    code, output = run("new", "comparison", "delta force", "alphx", "--source", str(site.root))
    assert code == 1 and "unknown technique 'alphx' (did you mean 'alpha'?)" in output
    code, output = run(
        "new", "comparison", "Delta Force", "alpha-classic", "--source", str(site.root)
    )
    assert code == 0 and output.strip().endswith("comparisons/delta-force-vs-alpha.yaml")
    code, output = run("new", "comparison", "alpha", "delta-force", "--source", str(site.root))
    assert code == 1 and "already compared in comparisons/delta-force-vs-alpha.yaml" in output
    # What `new` wrote is for the editor to fill in: the build names each line until then.
    result = site.build(expect=1)
    assert (
        "comparisons/techniques/delta-force.yaml:3: 'summary' still holds the "
        "placeholder 'Reach for Delta Force when …' from 'nicepick new'" in result.output
    )
    assert (
        "comparisons/techniques/delta-force.yaml:5: 'pros' still holds the placeholder "
        "'What Delta Force does best.'" in result.output
    )
    assert "comparisons/techniques/delta-force.yaml:7: 'cons' still holds" in result.output
    assert (
        "comparisons/delta-force-vs-alpha.yaml:1: nothing decides the pick between "
        "Delta Force and Alpha (Delta Force has no popularity)" in result.output
    )
    site.technique(
        "delta-force",
        "name: Delta Force\nkind: tool\nsummary: Reach for it.\n"
        "pros: [It is sturdy.]\ncons: [It is heavy.]\n",
    )
    site.write(
        "comparisons/delta-force-vs-alpha.yaml",
        (site.root / "comparisons/delta-force-vs-alpha.yaml").read_text() + "pick: alpha\n",
    )
    site.build()
    assert (site.public / "compare/delta-force-vs-alpha/index.html").is_file()


def test_new_files_lead_editors_to_schemas_only_where_the_site_has_them(
    site: Site, tmp_path: Path
) -> None:
    """`init` writes schemas/ and `new` points its files at them; a site without schemas/
    (the example site) gets no line leading editors to a file that is not there."""
    run("new", "technique", "Delta", "--source", str(site.root))
    run("new", "comparison", "delta", "alpha", "--source", str(site.root))
    for made in ("techniques/delta.yaml", "delta-vs-alpha.yaml"):
        text = (site.root / "comparisons" / made).read_text()
        assert "yaml-language-server" not in text and "schemas" not in text
    run("init", str(tmp_path / "s"))
    code, _ = run("new", "technique", "Delta", "--source", str(tmp_path / "s"))
    assert code == 0
    code, _ = run("new", "comparison", "delta", "git-merge", "--source", str(tmp_path / "s"))
    assert code == 0
    for made, kind in (
        ("techniques/delta.yaml", "technique"),
        ("delta-vs-git-merge.yaml", "comparison"),
    ):
        path = tmp_path / "s/comparisons" / made
        line = path.read_text().splitlines()[0]
        target = line.removeprefix("# yaml-language-server: $schema=")
        assert target != line and (path.parent / target).resolve().is_file()
        assert target.endswith(f"{kind}.schema.json")


def as_editors_see_it(data: Any) -> Any:
    """YAML makes dates objects; editors' schema checks see them as text."""
    if isinstance(data, dict):
        return {key: as_editors_see_it(value) for key, value in data.items()}
    if isinstance(data, list):
        return [as_editors_see_it(value) for value in data]
    return data.isoformat() if isinstance(data, date) else data


def test_schema_accepts_every_example_file_and_rejects_unknown_keys() -> None:
    schemas = {kind: schema.json_schema(kind) for kind in schema.KINDS}
    techniques = sorted((REPO / "comparisons/techniques").glob("*.yaml"))
    comparisons = sorted((REPO / "comparisons").glob("*.yaml"))
    for path in techniques:
        jsonschema.validate(
            as_editors_see_it(yaml.safe_load(path.read_text())), schemas["technique"]
        )
    for path in comparisons:
        data = yaml.safe_load(path.read_text())
        data.pop("updated", None)  # YAML makes dates objects; editors see text
        jsonschema.validate(data, schemas["comparison"])
    jsonschema.validate(yaml.safe_load((REPO / "nicepick.yaml").read_text()), schemas["config"])
    try:
        jsonschema.validate({"name": "x", "summary": "y", "prosx": []}, schemas["technique"])
    except jsonschema.ValidationError as error:
        assert "prosx" in error.message
    else:
        raise AssertionError("unknown key accepted")


def test_schema_command_prints_json() -> None:
    code, output = run("schema", "technique")
    assert code == 0 and json.loads(output)["required"] == ["name", "summary"]


def check_site(site: Site, *args: str) -> tuple[int, list[str]]:
    """Exit code, and stdout's lines followed by the summary line from stderr."""
    result = site.runner.invoke(main, ["check", "--source", str(site.root), *args])
    return result.exit_code, result.stdout.strip().splitlines() + [result.stderr.strip()]


def test_check_is_clean_on_the_default_site_apart_from_warnings(site: Site) -> None:
    code, lines = check_site(site)
    assert code == 0
    assert lines[-1] == "0 errors, 2 warnings"
    assert "comparisons/techniques/gamma.yaml:1: warning: no cons listed" in lines
    assert (
        "comparisons/beta-vs-gamma.yaml:1: warning: Beta is a library and Gamma a tool: "
        "are they rivals, or used together? (add 'relation: complements' if they work "
        "together, or 'relation: alternatives' to say they are rivals)"
    ) in lines
    code, _ = check_site(site, "--strict")
    assert code == 1
    assert not site.public.exists()  # check writes nothing


def test_check_reports_content_errors(site: Site) -> None:
    site.comparison("alpha-vs-beta", "compare: [alpha, betta]\n")
    code, lines = check_site(site)
    assert code == 1
    assert lines[0] == (
        "comparisons/alpha-vs-beta.yaml:1: unknown technique 'betta' (did you mean 'beta'?)"
    )


def test_check_finds_broken_links_in_markdown_and_templates(site: Site) -> None:
    site.comparison(
        "alpha-vs-beta",
        """
        compare: [alpha, beta]
        body: See [the old page](/tools/alfa/) and [a good one](/tools/beta/).
    """,
    )
    site.write(
        "templates/404.html",
        """
        {% extends "default/404.html" %}
        {% block main %}<a href="{{ 'help/' | url }}">Help</a>{% endblock %}
    """,
    )
    code, lines = check_site(site)
    assert code == 1
    # Each at the line that holds it: the editor's file, or the template the page came from.
    assert (
        "comparisons/alpha-vs-beta.yaml:2: broken link to /tools/alfa/ on "
        "/compare/alpha-vs-beta/ (no page or file of the site has that address)"
    ) in lines
    assert any(
        line.startswith("templates/404.html:2: broken link to /help/ on /404.html")
        for line in lines
    ), lines


def test_check_finds_a_link_to_the_sites_own_address_that_leads_nowhere(site: Site) -> None:
    site.comparison(
        "alpha-vs-beta",
        "compare: [alpha, beta]\nbody: See [it](https://example.org/tools/alfa/).\n",
    )
    code, lines = check_site(site)
    assert code == 1
    assert any(
        line.startswith(
            "comparisons/alpha-vs-beta.yaml:2: broken link to https://example.org/tools/alfa/"
        )
        for line in lines
    ), lines


def test_a_broken_link_on_two_pages_counts_the_other_one_in_words(site: Site) -> None:
    site.technique(
        "gamma",
        (site.root / "comparisons/techniques/gamma.yaml")
        .read_text()
        .replace("related: [coverage]", "related: [python]"),
    )
    site.write(
        "templates/tag.html",
        """
        {% extends "default/tag.html" %}
        {% block main %}<a href="{{ 'help/' | url }}">Help</a>{% endblock %}
    """,
    )
    code, lines = check_site(site)
    assert code == 1
    # Two tag pages, python and unit-testing: '1 more page', never '1 more pages'.
    assert [line for line in lines if "broken link" in line] == [
        (
            "templates/tag.html:2: broken link to /help/ on /tags/python/ and 1 more page (no "
            "page or file of the site has that address)"
        )
    ]


def test_check_quality_warnings(site: Site) -> None:
    site.technique(
        "gamma",
        """
        name: Gamma
        kind: library
        category: testing
        summary: Reach for Gamma.
        pros: [It runs tests in parallel out of the box.]
        cons: [Plugins vary in quality.]
    """,
    )
    site.technique("delta", "name: Delta\nsummary: Reach for Delta.\npros: [x]\ncons: [y]\n")
    site.comparison("alpha-vs-gamma", "compare: [alpha, gamma]\npick: gamma\n")
    site.comparison("alpha-vs-beta", "compare: [alpha, beta]\n")
    site.comparison("beta-vs-gamma", "compare: [beta, gamma]\npick: beta\n")
    # alpha beats beta (popularity), beta beats gamma, gamma beats alpha: a cycle.
    code, lines = check_site(site, "--format", "json")
    found = {(f["path"], f["message"]) for f in json.loads("\n".join(lines[:-1]))}
    assert (
        "comparisons/alpha-vs-beta.yaml",
        "pick cycle: Alpha beats Beta, Beta beats Gamma, Gamma beats Alpha",
    ) in found
    assert ("comparisons/techniques/delta.yaml", "Delta is in no comparison") in found
    copied = "the con 'Plugins vary in quality.' is copied from comparisons/techniques/alpha.yaml"
    assert ("comparisons/techniques/gamma.yaml", copied) in found
    assert (
        "comparisons/alpha-vs-gamma.yaml",
        "both sides list the same pro: 'it runs tests in parallel out of the box.'",
    ) in found
    assert code == 0
