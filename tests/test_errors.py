"""Every user mistake: one line naming file and line, all reported at once, exit 1, no traceback,
and the previous output left exactly as it was."""

from __future__ import annotations

import pytest
from conftest import Site

from nicepick.cli import main


def problems(site: Site, *args: str) -> list[str]:
    result = site.build(*args, expect=1)
    assert "Traceback" not in result.output
    lines = result.output.strip().splitlines()
    assert lines[-1].endswith("found; nothing was written.")
    return lines[:-1]


def only_problem(site: Site) -> str:
    found = problems(site)
    assert len(found) == 1, found
    return found[0]


def test_yaml_syntax_error_names_line_and_column(site: Site) -> None:
    """Where the bracket opens (line 2), not where the parser gave up (line 3): issue 15."""
    site.technique("alpha", "name: Alpha\nsummary: [unclosed\n")
    assert only_problem(site).startswith(
        "comparisons/techniques/alpha.yaml:2:10: YAML syntax "
        "error: the '[' opened here is never closed"
    )


def test_tab_indentation_gets_a_hint(site: Site) -> None:
    site.technique("alpha", "name: Alpha\nsummary: x\npros:\n\t- fast\n")
    line = only_problem(site)
    assert line.startswith("comparisons/techniques/alpha.yaml:4:")
    assert "indent with spaces, not tabs" in line


def test_empty_file(site: Site) -> None:
    site.technique("alpha", "# nothing yet\n")
    assert only_problem(site) == (
        "comparisons/techniques/alpha.yaml:1: the file is empty "
        "(write a mapping of keys, such as 'name: …')"
    )


def test_an_empty_comparison_file_says_what_a_comparison_starts_with(site: Site) -> None:
    """A comparison has no `name:`: the hint names what it does start with."""
    site.write("comparisons/alpha-vs-beta.yaml", "\n")
    assert only_problem(site) == (
        "comparisons/alpha-vs-beta.yaml:1: the file is empty "
        "(write the pair it compares, such as 'compare: [postgresql, mysql]')"
    )


def test_non_mapping_file(site: Site) -> None:
    site.comparison("alpha-vs-beta", "- alpha\n- beta\n")
    assert only_problem(site).startswith(
        "comparisons/alpha-vs-beta.yaml:1: a comparison file should be a mapping of keys, "
        "not a list"
    )


def test_non_utf8_file(site: Site) -> None:
    site.technique("alpha", b"name: Alpha\nsummary: caf\xe9\n")
    assert only_problem(site) == (
        "comparisons/techniques/alpha.yaml:2: not valid UTF-8 "
        "(byte 25 of the file) (save the file as UTF-8)"
    )


def test_python_tags_are_refused(site: Site) -> None:
    site.technique("alpha", "name: !!python/object/apply:os.system ['true']\nsummary: x\n")
    line = only_problem(site)
    assert line.startswith(
        "comparisons/techniques/alpha.yaml:1:7: YAML tag "
        "'tag:yaml.org,2002:python/object/apply:os.system' is not allowed"
    )


def test_custom_tags_are_refused(site: Site) -> None:
    site.technique("alpha", "name: Alpha\nsummary: !secret x\n")
    assert "alpha.yaml:2:10: YAML tag '!secret' is not allowed" in only_problem(site)


def test_alias_bomb_is_refused(site: Site) -> None:
    bomb = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        bomb.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]")
    site.technique("alpha", "name: Alpha\nsummary: x\nextra:\n  " + "\n  ".join(bomb) + "\n")
    assert "more than 20,000 values (are aliases expanding too far?)" in only_problem(site)


def test_duplicate_key(site: Site) -> None:
    site.technique("alpha", "name: Alpha\nsummary: x\nname: Alpha again\n")
    assert only_problem(site) == (
        "comparisons/techniques/alpha.yaml:3:1: duplicate key 'name' (first set on line 1)"
    )


def test_missing_required_key(site: Site) -> None:
    site.technique("alpha", "name: Alpha\n")
    assert only_problem(site).startswith(
        "comparisons/techniques/alpha.yaml:1: missing required key 'summary' (summary: One"
    )


def test_a_misspelt_required_key_is_one_problem(site: Site) -> None:
    """`sumary:` is reported once, with its did-you-mean, not also as 'summary' missing."""
    site.technique("alpha", "name: Alpha\nsumary: x\n")
    site.comparison("alpha-vs-beta", "compair: [alpha, beta]\n")
    assert problems(site) == [
        (
            "comparisons/alpha-vs-beta.yaml:1: unknown key 'compair' in a comparison file "
            "(did you mean 'compare'?)"
        ),
        (
            "comparisons/techniques/alpha.yaml:2: unknown key 'sumary' in a technique file "
            "(did you mean 'summary'?)"
        ),
    ]


def test_empty_required_value(site: Site) -> None:
    site.technique("alpha", "name:\nsummary: x\n")
    assert only_problem(site).startswith("comparisons/techniques/alpha.yaml:1: 'name' is empty")


def test_wrong_type(site: Site) -> None:
    site.technique("alpha", "name: Alpha\nsummary: x\npros: fast\n")
    assert only_problem(site) == (
        "comparisons/techniques/alpha.yaml:3: 'pros' should be a "
        "list, not text (write one '- item' per line)"
    )


def test_wrong_number_type(site: Site) -> None:
    site.technique("alpha", "name: Alpha\nsummary: x\npopularity: high\n")
    assert only_problem(site) == (
        "comparisons/techniques/alpha.yaml:3: 'popularity' should be "
        "a number, not text (write a number, e.g. 85)"
    )


def test_unknown_key_with_did_you_mean(site: Site) -> None:
    site.technique("alpha", "name: Alpha\nsummary: x\nprosx:\n  - fast\n")
    assert only_problem(site) == (
        "comparisons/techniques/alpha.yaml:3: unknown key 'prosx' in "
        "a technique file (did you mean 'pros'?)"
    )


def test_bad_slug_in_file_name(site: Site) -> None:
    site.technique("Delta Force", "name: Delta\nsummary: x\n")
    assert only_problem(site) == (
        "comparisons/techniques/Delta Force.yaml: the file name 'Delta Force' is not a valid "
        "slug: use lowercase letters, digits and single hyphens (rename the file to "
        "delta-force.yaml or set 'slug:')"
    )


def test_bad_slug_key_cannot_escape_the_output(site: Site) -> None:
    site.technique("delta", "name: Delta\nsummary: x\nslug: ../../etc\n")
    assert only_problem(site) == (
        "comparisons/techniques/delta.yaml:3: 'slug' '../../etc' is not a valid slug: use "
        "lowercase letters, digits and single hyphens (try 'etc')"
    )


def test_reserved_slug(site: Site) -> None:
    site.technique("con", "name: Con\nsummary: x\n")
    assert "the file name 'con' is a reserved file name on Windows" in only_problem(site)


def test_duplicate_slug(site: Site) -> None:
    site.technique("alpha-two", "name: Alpha 2\nsummary: x\nslug: alpha\n")
    assert only_problem(site) == (
        "comparisons/techniques/alpha.yaml: slug 'alpha' is already used by "
        "comparisons/techniques/alpha-two.yaml (give one of them another 'slug:')"
    )


def test_duplicate_alias(site: Site) -> None:
    site.technique("delta", "name: Delta\nsummary: x\naliases: [alpha-classic]\n")
    assert only_problem(site) == (
        "comparisons/techniques/delta.yaml:3: alias 'alpha-classic' is already an alias of "
        "comparisons/techniques/alpha.yaml (keep it on one technique)"
    )


def test_alias_equal_to_a_slug(site: Site) -> None:
    site.technique("delta", "name: Delta\nsummary: x\naliases: [beta]\n")
    assert only_problem(site) == (
        "comparisons/techniques/delta.yaml:3: alias 'beta' is the slug "
        "of comparisons/techniques/beta.yaml (remove the alias)"
    )


@pytest.mark.parametrize(
    ("name", "how"),
    [
        ("Alpha", "the same name as"),
        ("ALPHA", "a name readers cannot tell from 'Alpha' in"),
        ("Ａｌｐｈａ", "a name readers cannot tell from 'Alpha' in"),
        ("Al\u200bpha", "a name readers cannot tell from 'Alpha' in"),
    ],
)
def test_names_readers_cannot_tell_apart(site: Site, name: str, how: str) -> None:
    """A page 'Alpha vs Alpha' is no comparison: build and check refuse it, at the second."""
    site.comparison("alpha-vs-zeta", "compare: [alpha, zeta]\npick: alpha\n")
    site.technique("zeta", f"name: {name}\nsummary: Z.\n")
    expected = (
        f"comparisons/techniques/zeta.yaml:1: '{name}' is {how} "
        "comparisons/techniques/alpha.yaml:1 (rename one, or make one an alias of the "
        "other)"
    )
    assert problems(site) == [expected]
    result = site.runner.invoke(main, ["check", "--source", str(site.root)])
    assert result.exit_code == 1 and result.stdout.splitlines() == [expected]


@pytest.mark.parametrize(
    ("field", "value", "what"),
    [
        ("summary", '"# Big news"', "'summary' holds a heading"),
        ("summary", '"Fast.\\n\\nAnd small."', "'summary' holds a second paragraph"),
        ("pros", '["- a list in a pro"]', "'pros' item 1 holds a list"),
        ("cons", '["> quoted"]', "'cons' item 1 holds a quotation block"),
    ],
)
def test_markdown_blocks_in_a_one_sentence_field(
    site: Site, field: str, value: str, what: str
) -> None:
    """A heading in a summary was a second <h1> on the technique, comparison and ranking
    pages; a list in a pro a list inside a sentence. Refused at the field's line."""
    site.technique(
        "zeta",
        f"name: Zeta\nsummary: Z.\n{field}: {value}\n".replace("summary: Z.\nsummary:", "summary:"),
    )
    assert problems(site) == [
        f"comparisons/techniques/zeta.yaml:{2 if field == 'summary' else 3}: {what}, which a "
        "one-sentence field cannot show (write one sentence here; headings, lists and "
        "paragraphs belong in 'body')"
    ]


def test_names_differing_only_in_unicode_form(site: Site) -> None:
    site.technique("cafe", "name: Caf\u00e9\nsummary: C.\n")
    site.technique("cafe-two", "name: Cafe\u0301\nsummary: C.\n")
    assert problems(site) == [
        (
            "comparisons/techniques/cafe-two.yaml:1: 'Cafe\u0301' is a name readers cannot tell "
            "from 'Caf\u00e9' in comparisons/techniques/cafe.yaml:1 (rename one, or make one an "
            "alias of the other)"
        )
    ]


def test_a_link_that_publishes_a_technique_twice(site: Site) -> None:
    (site.root / "comparisons/techniques/b.yaml").symlink_to("beta.yaml")
    assert problems(site) == [
        (
            "comparisons/techniques/b.yaml: a link to comparisons/techniques/beta.yaml: the same "
            "technique is published twice, as 'b' and 'beta' (remove the link and add 'b' to the "
            "aliases of comparisons/techniques/beta.yaml)"
        )
    ]


def test_unknown_technique_with_did_you_mean(site: Site) -> None:
    site.comparison("alpha-vs-beta", "compare:\n  - alpha\n  - betta\n")
    assert only_problem(site) == (
        "comparisons/alpha-vs-beta.yaml:3: unknown technique 'betta' (did you mean 'beta'?)"
    )


def test_pick_outside_the_pair(site: Site) -> None:
    site.comparison("alpha-vs-beta", "compare: [alpha, beta]\npick: gamma\n")
    assert only_problem(site) == (
        "comparisons/alpha-vs-beta.yaml:2: pick 'gamma' is not one of "
        "the two compared techniques (pick alpha or beta)"
    )


def test_a_wrong_pick_is_one_problem(site: Site) -> None:
    """The reason explains a pick the file does give, wrongly: only the pick is reported."""
    site.comparison("alpha-vs-beta", "compare: [alpha, beta]\npick: oracle\nreason: It is.\n")
    assert only_problem(site) == (
        "comparisons/alpha-vs-beta.yaml:2: pick 'oracle' is not one "
        "of the two compared techniques (pick alpha or beta)"
    )
    site.comparison("alpha-vs-beta", "compare: [alpha, beta]\nreason: It is.\n")
    assert only_problem(site) == (
        "comparisons/alpha-vs-beta.yaml:2: 'reason' explains the "
        "pick, but the file has no 'pick' (add 'pick: alpha' (or beta))"
    )


def test_self_comparison(site: Site) -> None:
    site.comparison("alpha-vs-beta", "compare: [alpha, alpha-classic]\n")
    assert only_problem(site) == (
        "comparisons/alpha-vs-beta.yaml:1: compares 'alpha' with "
        "itself (name two different techniques)"
    )


def test_same_pair_twice_in_either_order(site: Site) -> None:
    site.comparison("zz-beta-alpha", "# again\ncompare: [beta, alpha]\n")
    assert only_problem(site) == (
        "comparisons/zz-beta-alpha.yaml:2: beta and alpha are already compared in "
        "comparisons/alpha-vs-beta.yaml:1 (keep one file per pair)"
    )


def test_wrong_compare_length(site: Site) -> None:
    site.comparison("alpha-vs-beta", "compare: [alpha, beta, gamma]\n")
    assert only_problem(site).startswith(
        "comparisons/alpha-vs-beta.yaml:1: 'compare' should list exactly two techniques, found 3"
    )


def test_invalid_date(site: Site) -> None:
    site.comparison("alpha-vs-beta", "compare: [alpha, beta]\nupdated: 2026-13-45\n")
    assert only_problem(site) == (
        "comparisons/alpha-vs-beta.yaml:2: 'updated' is not a valid date: '2026-13-45' "
        "(write dates as YYYY-MM-DD, e.g. 2026-03-14)"
    )


def test_unusable_link(site: Site) -> None:
    site.technique("delta", "name: Delta\nsummary: x\nlinks:\n  Home: javascript:alert(1)\n")
    assert only_problem(site) == (
        "comparisons/techniques/delta.yaml:4: link 'Home' has an unusable URL "
        "'javascript:alert(1)' (only http, https and mailto links are allowed)"
    )


def test_config_problems(site: Site) -> None:
    site.write("nicepick.yaml", "title: T\nbase_url: ftp://x\ntitel: T\n")
    assert problems(site) == [
        (
            "nicepick.yaml:2: 'base_url' should be an absolute http(s) URL, not 'ftp://x' "
            "(e.g. https://example.org/ or https://user.github.io/picks/)"
        ),
        "nicepick.yaml:3: unknown key 'titel' in a nicepick.yaml file (did you mean 'title'?)",
    ]


def test_all_problems_reported_at_once_and_sorted(site: Site) -> None:
    site.technique("gamma", "name: Gamma\nsummary: x\nkinds: tool\n")
    site.comparison("alpha-vs-beta", "compare: [alpha, betta]\n")
    site.comparison("beta-vs-gamma", "compare: [beta, gamma]\nupdated: soon\n")
    found = problems(site)
    assert [line.split(" ", 1)[0] for line in found] == [
        "comparisons/alpha-vs-beta.yaml:1:",
        "comparisons/beta-vs-gamma.yaml:2:",
        "comparisons/techniques/gamma.yaml:3:",
    ]


def test_previous_output_is_left_untouched(site: Site) -> None:
    site.build()
    before = {p: p.read_bytes() for p in site.public.rglob("*") if p.is_file()}
    site.technique("alpha", "name: Alpha\nsummary: [broken\n")
    problems(site)
    after = {p: p.read_bytes() for p in site.public.rglob("*") if p.is_file()}
    assert after == before


def test_template_error_names_template_line_and_page(site: Site) -> None:
    site.build()
    before = {p: p.read_bytes() for p in site.public.rglob("*") if p.is_file()}
    site.write(
        "templates/tag.html",
        """
        {% extends "base.html" %}
        {% block main %}
        <h1>{{ tag.labell }}</h1>
        {% endblock %}
    """,
    )
    line = only_problem(site)
    assert line.startswith("templates/tag.html:3: template error: ")
    assert "has no attribute 'labell'" in line
    assert "while building /tags/coverage/ from related tag 'coverage'" in line
    assert {p: p.read_bytes() for p in site.public.rglob("*") if p.is_file()} == before


def test_template_syntax_error(site: Site) -> None:
    site.write("templates/tag.html", "{% if %}\n")
    line = only_problem(site)
    assert line.startswith("templates/tag.html:1: template syntax error: ")


def test_no_site_here(tmp_path) -> None:
    from click.testing import CliRunner

    from nicepick.cli import main

    # One line, nothing before it (no note about base_url), pointing at `nicepick init`.
    for command in ("build", "check", "serve"):
        result = CliRunner().invoke(main, [command, "--source", str(tmp_path)])
        assert result.exit_code == 1
        assert result.output.splitlines() == [
            (
                f"Error: no nicepick site in {tmp_path}: there is no comparisons/ folder and no "
                f"nicepick.yaml (start one with 'nicepick init {tmp_path}', or point --source at "
                "a site's folder)"
            )
        ]
    result = CliRunner().invoke(main, ["build", "--source", str(tmp_path / "nothing")])
    assert result.output.splitlines() == [
        (
            f"Error: there is no folder {tmp_path / 'nothing'} (create a site there with 'nicepick "
            f"init {tmp_path / 'nothing'}', or point --source at a site's folder)"
        )
    ]


@pytest.mark.parametrize("value", ["not-a-url", "ftp://example.org/"])
def test_bad_base_url_flag(site: Site, value: str) -> None:
    result = site.build("--base-url", value, expect=2)
    assert "must be an absolute http(s) URL" in result.output


def test_file_too_large(site: Site) -> None:
    site.technique("alpha", "name: Alpha\nsummary: x\nbody: |\n" + "  word\n" * 200_000)
    assert only_problem(site).startswith("comparisons/techniques/alpha.yaml: file is too large (")


def test_symlink_pointing_outside_the_site(site: Site, tmp_path) -> None:
    outside = tmp_path / "secret.yaml"
    outside.write_text("name: Secret\nsummary: x\n")
    (site.root / "comparisons/techniques/secret.yaml").symlink_to(outside)
    assert only_problem(site) == (
        "comparisons/techniques/secret.yaml: symbolic link points "
        "outside the site (copy the file into the site instead)"
    )


@pytest.mark.parametrize(
    ("slugs", "one", "two", "expected"),
    [
        # "x-vs-y" vs "z" and "x" vs "y-vs-z" would both live at /compare/x-vs-y-vs-z/.
        (
            ("x", "x-vs-y", "y-vs-z", "z"),
            "compare: [x-vs-y, z]\npick: z\n",
            "compare: [x, y-vs-z]\npick: x\n",
            "comparisons/one.yaml: its page /compare/x-vs-y-vs-z/ is also produced by "
            "comparisons/two.yaml (rename a slug so the two URLs differ)",
        ),
        # x vs y-vs-z redirects from its reverse order, /compare/y-vs-z-vs-x/: the page of
        # y vs z-vs-x. The message says which file has the redirect there.
        (
            ("x", "y-vs-z", "y", "z-vs-x"),
            "compare: [x, y-vs-z]\npick: x\n",
            "compare: [y, z-vs-x]\npick: y\n",
            "comparisons/one.yaml: its redirect /compare/y-vs-z-vs-x/ is also produced by "
            "comparisons/two.yaml (rename a slug so the two URLs differ)",
        ),
    ],
)
def test_two_pages_at_one_url(
    site: Site, slugs: tuple[str, ...], one: str, two: str, expected: str
) -> None:
    for slug in slugs:
        site.technique(slug, f"name: {slug.upper()}\nsummary: s\n")
    site.comparison("one", one)
    site.comparison("two", two)
    assert only_problem(site) == expected


def test_static_file_replacing_a_page(site: Site) -> None:
    site.write("static/index.html", "<p>mine</p>\n")
    assert only_problem(site) == (
        "static/index.html: would replace the generated page "
        "/index.html (rename or remove the file)"
    )


def test_alias_without_letters(site: Site) -> None:
    site.technique("delta", "name: Delta\nsummary: x\naliases: ['---']\n")
    assert only_problem(site) == (
        "comparisons/techniques/delta.yaml:3: 'aliases' item '---' "
        "has no letters or digits to make a URL from"
    )


def test_symlinked_folder_pointing_outside_the_site(site: Site, tmp_path) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "x-vs-y.yaml").write_text("compare: [alpha, gamma]\n")
    (site.root / "comparisons/more").symlink_to(outside)
    assert only_problem(site) == (
        "comparisons/more: symbolic link points outside the site "
        "(copy the folder into the site instead)"
    )


def test_symlinked_folder_inside_the_site_is_read_once(site: Site) -> None:
    (site.root / "drafts").mkdir()
    (site.root / "drafts/alpha-vs-gamma.yaml").write_text("compare: [alpha, gamma]\n")
    (site.root / "comparisons/linked").symlink_to(site.root / "drafts")
    (site.root / "comparisons/loop").symlink_to(site.root / "comparisons")
    site.build()
    assert (site.public / "compare/alpha-vs-gamma/index.html").is_file()


def test_static_symlink_pointing_outside_the_site(site: Site, tmp_path) -> None:
    secret = tmp_path / "id_rsa"
    secret.write_text("PRIVATE KEY\n")
    (site.root / "static").mkdir()
    (site.root / "static/key.txt").symlink_to(secret)
    assert only_problem(site) == (
        "static/key.txt: symbolic link points outside the site "
        "(copy the file into the site instead)"
    )


def test_base_url_with_markup_characters(site: Site) -> None:
    site.write("nicepick.yaml", "base_url: 'https://example.org/\"><script>x</script>'\n")
    assert only_problem(site).startswith(
        "nicepick.yaml:1: 'base_url' should be an absolute http(s) URL"
    )
    result = site.build("--base-url", 'https://example.org/"onload="x', expect=2)
    assert "must be an absolute http(s) URL" in result.output


def test_slugs_differing_by_case_or_unicode_form_are_refused(site: Site) -> None:
    site.technique("Alpha", "name: Alpha upper\nsummary: x\n")
    site.technique("beta\u0301", "name: Beta accent\nsummary: x\n")
    found = problems(site)
    assert found[0].startswith(
        "comparisons/techniques/Alpha.yaml: the file name 'Alpha' is not a valid slug"
    )
    assert "rename the file to alpha.yaml" in found[0]
    assert found[1].startswith("comparisons/techniques/beta\u0301.yaml: the file name")
    assert "rename the file to beta.yaml" in found[1]


def test_underscore_names_are_refused_and_dot_files_skipped(site: Site) -> None:
    site.technique("_private", "name: P\nsummary: x\n")
    site.technique(".hidden", "name: [broken\n")  # editors' and tools' dot files are not content
    assert only_problem(site).startswith(
        "comparisons/techniques/_private.yaml: the file name '_private' is not a valid slug"
    )


def test_aliases_that_normalise_alike_collapse(site: Site) -> None:
    site.technique("delta", "name: Delta\nsummary: x\naliases: ['Café', 'Cafe\u0301', 'CAFE']\n")
    site.build()
    assert (site.public / "tools/cafe/index.html").is_file()


def test_control_characters_in_text(site: Site) -> None:
    site.write("nicepick.yaml", 'description: "Picks\\e[31m in red"\n')
    assert only_problem(site) == (
        "nicepick.yaml:1: 'description' contains the control "
        "character U+001B (remove it; it cannot appear in a web page)"
    )


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("https://user:secret@example.org/", "user:…@"),
        ("https://deploy@example.org/picks/", "deploy@"),
        ("https://:secret@example.org/", ":…@"),
    ],
)
def test_base_url_with_credentials_is_refused_without_repeating_them(
    site: Site, url: str, shown: str
) -> None:
    site.build()
    before = {p: p.read_bytes() for p in site.public.rglob("*") if p.is_file()}
    site.write("nicepick.yaml", f"title: T\nbase_url: {url}\n")
    line = only_problem(site)
    assert line == (
        f"nicepick.yaml:2: 'base_url' holds a user name or password ('{shown}'), "
        "which every page, the sitemap and the feed would publish (remove it: "
        "readers reach a static site without one)"
    )
    assert "secret" not in line
    site.write("nicepick.yaml", "title: T\n")
    result = site.build("--base-url", url, expect=2)
    assert (
        f"Invalid value for '--base-url': holds a user name or password ('{shown}')"
        in result.output
        and "secret" not in result.output
    )
    assert {p: p.read_bytes() for p in site.public.rglob("*") if p.is_file()} == before


@pytest.mark.parametrize(
    ("url", "said"),
    [
        (
            "https://user.github.io//repo/",
            "has an empty part in its path ('//') (write its path as /repo/)",
        ),
        (
            "https://user.github.io/repo/index.html",
            "ends with a file name ('index.html'), where it should name a folder (write its "
            "path as /repo/: pages are published below it)",
        ),
        (
            "https://example.org/repo/../x/",
            "has '.' or '..' in its path (write the path of the folder the site is published "
            "in, e.g. /picks/)",
        ),
        (
            "https://user.github.io/café/",
            "has characters a link cannot hold as written ('é') (write "
            "https://user.github.io/caf%C3%A9/)",
        ),
    ],
)
def test_a_base_url_that_names_no_folder_is_refused(site: Site, url: str, said: str) -> None:
    """Each of these built a site whose every link and asset broke: '//repo/assets/…' is a
    link to a host named 'repo'."""
    site.write("nicepick.yaml", f"title: T\nbase_url: {url}\n")
    assert only_problem(site) == f"nicepick.yaml:2: 'base_url' {said}"
    site.write("nicepick.yaml", "title: T\n")
    result = site.build("--base-url", url, expect=2)
    assert f"Invalid value for '--base-url': {said}" in " ".join(result.output.split())


def test_a_link_written_from_the_root_in_a_template_stays_on_the_site(site: Site) -> None:
    site.write(
        "templates/404.html",
        '{% extends "base.html" %}{% block main %}<a href="{{ "/tools/alpha/" | url }}">'
        "Alpha</a>{% endblock %}",
    )
    site.build()
    assert site.page("404.html").find("a", string="Alpha")["href"] == "/tools/alpha/"
    site.build("--base-url", "https://user.github.io/repo/")
    assert site.page("404.html").find("a", string="Alpha")["href"] == "/repo/tools/alpha/"


def test_base_url_with_a_port_that_is_no_port(site: Site) -> None:
    site.write("nicepick.yaml", "base_url: https://example.org:99999/\n")
    assert only_problem(site) == (
        "nicepick.yaml:1: 'base_url' has a port that is not a number "
        "from 0 to 65535 (e.g. https://example.org:8443/)"
    )


def test_a_link_with_a_password_is_refused(site: Site) -> None:
    site.technique(
        "delta", "name: Delta\nsummary: x\nlinks:\n  Admin: https://me:pw@example.org/\n"
    )
    assert only_problem(site) == (
        "comparisons/techniques/delta.yaml:4: link 'Admin' has an unusable URL "
        "'https://me:…@example.org/' (a password in a link would be published; link without it)"
    )
