"""What editors, CI scripts and careless deploys do to a site, case by case: each ends in the
exact problem lines (file:line, what is wrong, what to do), exit 1, no traceback and the
previous output byte for byte as it was; or, where the site is fine, in a build.

Each case changes the small default site (tests/conftest.py) after a first build. `files`
maps a path to its new text (bytes as they are; None removes it); `links` makes symbolic
links; `expect` is the whole of stderr, or None where the build must go through.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import pytest
from conftest import Site
from hypothesis import given
from hypothesis import strategies as st

T = "comparisons/techniques/"
A = T + "alpha.yaml"
AB = "comparisons/alpha-vs-beta.yaml"
ALPHA = "name: Alpha\nsummary: A.\n"
END1 = "1 problem found; nothing was written."
QUIET = "remove it, or put an ordinary file in its place"
SCALED = "title: Test Picks\nbase_url: https://example.org/\npopularity: {max: 100}\n"


@dataclass
class Case:
    files: dict[str, str | bytes | None] = field(default_factory=dict)
    expect: str | None = None
    links: dict[str, str] = field(default_factory=dict)


def one(line: str) -> str:
    return f"{line}\n{END1}"


CASES: dict[str, Case] = {
    # An editor's files, as saved.
    "saved as UTF-16": Case(
        {A: ALPHA.encode("utf-16")},
        one(f"{A}:1: not valid UTF-8 (byte 1 of the file) (save the file as UTF-8)"),
    ),
    "only blank lines": Case(
        {A: "  \n\n"}, one(f"{A}:1: the file is empty (write a mapping of keys, such as 'name: …')")
    ),
    "only a document marker": Case(
        {A: "---\n"},
        one(
            f"{A}:2: a technique file should be a mapping of keys, not empty (start with 'name: …' "
            "on the first line)"
        ),
    ),
    "a null document": Case(
        {A: "~\n"},
        one(
            f"{A}:1: a technique file should be a mapping of keys, not empty (start with 'name: …' "
            "on the first line)"
        ),
    ),
    "BOM and CRLF": Case({A: "\ufeffname: Alpha\r\nsummary: A.\r\n".encode()}),
    "a NUL byte": Case(
        {A: "name: Alpha\nsummary: A.\x00\n"},
        one(
            f"{A}:2:12: the control character U+0000 cannot appear in YAML (remove it; most "
            "editors "
            "do not show it)"
        ),
    ),
    "an escaped lone surrogate": Case(
        {A: 'name: Alpha\nsummary: "A\\ud800."\n'},
        one(
            f"{A}:2:12: YAML syntax error: found invalid Unicode character escape code (a \\u "
            "escape must name a real character, e.g. \\u00e9 for é)"
        ),
    ),
    "an escaped control character in a list item": Case(
        {A: 'name: Alpha\nsummary: A.\npros:\n  - Fast.\n  - "Bell \\a here."\n'},
        one(
            f"{A}:5: 'pros' item 2 contains the control character U+0007 (remove it; it cannot "
            "appear in a web page)"
        ),
    ),
    "a list item with an unquoted ': '": Case(
        {A: "name: Alpha\nsummary: A.\ncons:\n  - Note: it has a smaller community.\n"},
        one(
            f"{A}:4: 'cons' item 1 should be Markdown text, not a mapping (quote text that "
            "contains ': ')"
        ),
    ),
    "a tagline with an unquoted ': '": Case(
        {A: "name: Alpha\nsummary: A.\ntagline: Fast: and small\n"},
        one(
            f"{A}:3:14: YAML syntax error: mapping values are not allowed here (quote text "
            "that contains ': ')"
        ),
    ),
    "an escaped control character": Case(
        {A: 'name: Alpha\nsummary: "A\\x1b[31m."\n'},
        one(
            f"{A}:2: 'summary' contains the control character U+001B (remove it; it cannot appear "
            "in a web page)"
        ),
    ),
    "a tab inside a value": Case({A: "name: Alpha\nsummary: Fast\ttests.\n"}),
    "a number as a key": Case(
        {A: ALPHA + "1: one\n"},
        one(
            f"{A}:3: unknown key '1' in a technique file (known keys: aliases, body, category, "
            "cons, extra, facts, kind, links, name, popularity, pros, related, slug, summary, "
            "tagline)"
        ),
    ),
    "a list as a key": Case(
        {A: ALPHA + "? [a, b]\n: x\n"},
        one(f"{A}:3:3: a key must be plain text, not a list or mapping"),
    ),
    "a list item on the key's line": Case(
        {A: ALPHA + "pros: - Fast.\n"},
        one(f"{A}:3:7: YAML syntax error: sequence entries are not allowed here"),
    ),
    "nested too deep": Case(
        {A: ALPHA + "extra: " + "[" * 45 + "]" * 45 + "\n"},
        one(f"{A}:3:48: nested more than 40 levels deep"),
    ),
    "a name that YAML reads as nothing": Case(
        {A: "name: Null\nsummary: A.\n"},
        one(
            f"{A}:1: 'name' is empty (YAML reads 'Null' as nothing; to mean the word, quote it: "
            'name: "Null")'
        ),
    ),
    "a merge of an undefined anchor": Case(
        {A: ALPHA + "extra:\n  <<: *defaults\n"},
        one(
            f"{A}:4:7: YAML syntax error: found undefined alias 'defaults' (define the anchor with "
            "'&name' before using '*name')"
        ),
    ),
    "anchors used as meant": Case({A: ALPHA + "pros: &p [Fast.]\nextra:\n  again: *p\n"}),
    "a summary of spaces": Case(
        {A: "name: Alpha\nsummary: '   '\n"},
        one(f"{A}:2: 'summary' is empty (One sentence on when to reach for it (inline Markdown).)"),
    ),
    "a name as a block": Case({A: "name: |\n  Alpha\n  Two\nsummary: A.\n"}),
    "a name of 5,000 letters": Case({A: f"name: {'A' * 5000}\nsummary: A.\n"}),
    "popularity not a number": Case(
        {A: ALPHA + "popularity: .nan\n"}, one(f"{A}:3: 'popularity' should be a finite number")
    ),
    "popularity of 400 digits": Case(
        {A: ALPHA + "popularity: 1" + "0" * 400 + "\n"},
        one(f"{A}:3: 'popularity' should be a finite number"),
    ),
    "popularity in percent": Case(
        {A: ALPHA + "popularity: 90%\n"},
        one(
            f"{A}:3: 'popularity' should be a number, not text (write the number alone, without "
            "'%': 90)"
        ),
    ),
    "links as a list": Case(
        {A: ALPHA + "links: [https://example.org/]\n"},
        one(
            f"{A}:3: 'links' should be a mapping of label to URL, not a list (write "
            "'Documentation: "
            "https://…' per line)"
        ),
    ),
    "a link with no URL": Case(
        {A: ALPHA + "links:\n  Home:\n"}, one(f"{A}:4: 'links.Home' should be text, not empty")
    ),
    "a javascript link": Case(
        {A: ALPHA + "links:\n  Home: javascript:alert(1)\n"},
        one(
            f"{A}:4: link 'Home' has an unusable URL 'javascript:alert(1)' (only http, https and "
            "mailto links are allowed)"
        ),
    ),
    "an alias that is its own slug": Case(
        {A: ALPHA + "aliases: [alpha]\n"},
        one(f"{A}:3: alias 'alpha' is the slug of {A} (remove the alias)"),
    ),
    "an alias that is another's name": Case(
        {A: ALPHA + "aliases: [Beta]\n"},
        one(f"{A}:3: alias 'beta' is the slug of {T}beta.yaml (remove the alias)"),
    ),
    "an empty slug": Case({A: ALPHA + "slug: ''\n"}, one(f"{A}:3: 'slug' is empty")),
    "a slug in capitals": Case(
        {A: ALPHA + "slug: Alpha\n"},
        one(
            f"{A}:3: 'slug' 'Alpha' is not a valid slug: use lowercase letters, digits and single "
            "hyphens (try 'alpha')"
        ),
    ),
    "a kind of punctuation": Case(
        {A: ALPHA + "kind: '!!!'\n"},
        one(f"{A}:3: kind '!!!' has no letters or digits to make a URL from"),
    ),
    "extra as text": Case(
        {A: ALPHA + "extra: hello\n"}, one(f"{A}:3: 'extra' should be a mapping, not text")
    ),
    "a related tag only of emoji": Case(
        {A: ALPHA + "related: ['🚀']\n"},
        one(f"{A}:3: 'related' item '🚀' has no letters or digits to make a URL from"),
    ),
    # Comparisons as written in a hurry.
    "compare as plain text": Case(
        {AB: "compare: alpha, beta\n"},
        one(f"{AB}:1: 'compare' should be a list, not text (write one '- item' per line)"),
    ),
    "compare with an empty item": Case(
        {AB: "compare: [alpha, ]\n"},
        one(
            f"{AB}:1: 'compare' should list exactly two techniques, found 1 (e.g. compare: "
            "[batch-normalization, layer-normalization])"
        ),
    ),
    "compare by display names": Case({AB: "compare: [Alpha, Beta]\n"}),
    "a pick by its alias": Case({AB: "compare: [alpha, beta]\npick: alpha-classic\n"}),
    "the 30th of February": Case(
        {AB: "compare: [alpha, beta]\nupdated: 2026-02-30\n"},
        one(
            f"{AB}:2: 'updated' is not a valid date: '2026-02-30' (write dates as YYYY-MM-DD, e.g. "
            "2026-03-14)"
        ),
    ),
    "a date without leading zeros": Case(
        {AB: "compare: [alpha, beta]\nupdated: 2026-1-5\n"},
        one(
            f"{AB}:2: 'updated' is not a valid date: '2026-1-5' "
            "(write dates as YYYY-MM-DD, e.g. 2026-03-14)"
        ),
    ),
    "a date with a time": Case({AB: "compare: [alpha, beta]\nupdated: 2026-01-05T10:00:00Z\n"}),
    "draft as quoted text": Case(
        {AB: "compare: [alpha, beta]\ndraft: 'true'\n"},
        one(f"{AB}:2: 'draft' should be true or false, not text"),
    ),
    "a script in a verdict": Case({AB: "compare: [alpha, beta]\nverdict: <script>x()</script>\n"}),
    # Files in the wrong place, or that are not what they seem.
    "a comparison among techniques": Case(
        {T + "x-vs-y.yaml": "compare: [alpha, beta]\n"},
        one(
            f"{T}x-vs-y.yaml:1: this is a comparison file (it has 'compare:' and no 'name:'), in "
            "the "
            "folder of techniques (move it to comparisons/, or any folder there but techniques/)"
        ),
    ),
    "a technique among comparisons": Case(
        {"comparisons/delta.yaml": "name: Delta\nsummary: D.\n"},
        one(
            "comparisons/delta.yaml:1: this is a technique file "
            "(it has 'name:' and no 'compare:'), in the folder of "
            "comparisons (move it to comparisons/techniques/)"
        ),
    ),
    "a zero-width space in a file name": Case(
        {T + "del\u200bta.yaml": "name: D\nsummary: D.\n"},
        one(
            f"{T}del\u200bta.yaml: the file name "
            "'del\u200bta' is not a valid slug: use lowercase "
            "letters, digits and single hyphens (rename the "
            "file to delta.yaml or set 'slug:')"
        ),
    ),
    "a space in a file name": Case(
        {T + "my tool.yaml": "name: D\nsummary: D.\n"},
        one(
            f"{T}my tool.yaml: the file name 'my tool' is not a valid slug: use lowercase letters, "
            "digits and single hyphens (rename the file to my-tool.yaml or set 'slug:')"
        ),
    ),
    "a file name Windows refuses": Case(
        {T + "nul.yaml": "name: Nul device\nsummary: N.\n"},
        one(
            f"{T}nul.yaml: the file name 'nul' is a reserved file name on Windows (rename the file "
            "to nul-1.yaml or set 'slug:')"
        ),
    ),
    "a file name in capitals beside its twin": Case(
        {T + "Alpha.yaml": ALPHA},
        one(
            f"{T}Alpha.yaml: the file name 'Alpha' is not a valid slug: use lowercase letters, "
            "digits and single hyphens (rename the file to alpha.yaml or set 'slug:')"
        ),
    ),
    "a link that loops": Case(
        links={T + "loop.yaml": "loop.yaml"},
        expect=one(f"{T}loop.yaml: a symbolic link that leads round in a loop ({QUIET})"),
    ),
    "an editor's lock link and backups": Case(
        {A + "~": "old", A + ".orig": "old", T + "#alpha.yaml#": "old"},
        links={T + ".#alpha.yaml": "user@host.1234"},
    ),
    # The theme: overrides, partials and static files.
    "a template that includes /etc/passwd": Case(
        {"templates/tag.html": '{% include "../../../../etc/passwd" %}\n'},
        one(
            "templates/tag.html:1: template '../../../../etc/passwd' not found (while building "
            "/tags/coverage/ from related tag 'coverage')"
        ),
    ),
    "a macro never closed": Case(
        {"templates/_macros.html": "{% macro x() %}\n"},
        one(
            "templates/_macros.html:1: template syntax error: Unexpected end of template. Jinja "
            "was "
            "looking for the following tags: 'endmacro'. The innermost block that needs to be "
            "closed is 'macro'. (while building / from the home page)"
        ),
    ),
    "a template link that loops": Case(
        links={"templates/loop.html": "loop.html"},
        expect=one(f"templates/loop.html: a symbolic link that leads round in a loop ({QUIET})"),
    ),
    "a static link that loops": Case(
        links={"static/loop.css": "loop.css"},
        expect=one(f"static/loop.css: a symbolic link that leads round in a loop ({QUIET})"),
    ),
    "a static folder linked to itself": Case(
        {"static/logo.txt": "logo\n"},
        links={"static/again": "."},
        expect=one(
            "static/again: a link to a folder it is in, which would repeat without end (remove the "
            "link)"
        ),
    ),
    "a static manifest": Case(
        {"static/.nicepick-manifest.json": "{}\n"},
        one(
            "static/.nicepick-manifest.json: '.nicepick-manifest.json' is a name nicepick keeps "
            "for "
            "itself (rename the file)"
        ),
    ),
    "a static file where pages need a folder": Case(
        {"static/tools": "x\n"},
        one(
            "static/tools: is a file where the output needs the folder /tools/ (rename or remove "
            "the file)"
        ),
    ),
    "a static file inside a page": Case(
        {"static/tools/alpha/index.html/x.txt": "x\n"},
        one(
            "static/tools/alpha/index.html/x.txt: would turn the generated page "
            "/tools/alpha/index.html into a folder (move the file elsewhere in static/)"
        ),
    ),
    "a static file over the theme's folder": Case(
        {"static/assets": "x\n"},
        one(
            "static/assets: is a file where the output needs the folder /assets/ (rename or remove "
            "the file)"
        ),
    ),
    # The pages made per comparison (pages, redirects, cards) are looked at only when a
    # static file is in or at their folder (planlist.Made.apart_from): each way of meeting one.
    "a static file over a comparison page": Case(
        {"static/compare/alpha-vs-beta/index.html": "<p>mine</p>\n"},
        one(
            "static/compare/alpha-vs-beta/index.html: would replace the generated page "
            "/compare/alpha-vs-beta/index.html (rename or remove the file)"
        ),
    ),
    "a static file over a comparison's card": Case(
        {"static/compare/alpha-vs-beta/card.png": "png\n"},
        one(
            "static/compare/alpha-vs-beta/card.png: would replace the generated page "
            "/compare/alpha-vs-beta/card.png (rename or remove the file)"
        ),
    ),
    "a static file over a reverse-order redirect": Case(
        {"static/compare/beta-vs-alpha/index.html": "<p>mine</p>\n"},
        one(
            "static/compare/beta-vs-alpha/index.html: would replace the generated page "
            "/compare/beta-vs-alpha/index.html (rename or remove the file)"
        ),
    ),
    "a static file where comparisons need a folder": Case(
        {"static/compare": "x\n"},
        one(
            "static/compare: is a file where the output needs the folder /compare/ (rename or "
            "remove the file)"
        ),
    ),
    "a static file beside the comparisons": Case({"static/compare/notes.txt": "notes\n"}),
    # A popularity off the site's scale would read "140 of 100" and still decide picks.
    "a popularity above the site's scale": Case(
        {
            "nicepick.yaml": SCALED,
            A: "name: Alpha\nsummary: A.\npopularity: 140\n",
        },
        one(
            f"{A}:3: popularity 140 is above the top of the site's scale (0 to 100, "
            "popularity.max in nicepick.yaml) (write a number from 0 to 100, or change "
            "popularity.max)"
        ),
    ),
    "a popularity below the site's scale": Case(
        {"nicepick.yaml": SCALED, A: "name: Alpha\nsummary: A.\npopularity: -2.5\n"},
        one(
            f"{A}:3: popularity -2.5 is below the bottom of the site's scale (0 to 100, "
            "popularity.max in nicepick.yaml) (write a number from 0 to 100, or change "
            "popularity.max)"
        ),
    ),
    "a popularity at the top of the site's scale": Case(
        {"nicepick.yaml": SCALED, A: "name: Alpha\nsummary: A.\npopularity: 100\n"}
    ),
    "a popularity of any size on an open scale": Case(
        {A: "name: Alpha\nsummary: A.\npopularity: 140000\n"}
    ),
    "a static sitemap": Case(
        {"static/sitemap.xml": "<urlset/>\n"},
        one(
            "static/sitemap.xml: would replace the generated page /sitemap.xml (rename or remove "
            "the file)"
        ),
    ),
    # Settings.
    "an empty settings file": Case({"nicepick.yaml": ""}),
    "settings of comments only": Case({"nicepick.yaml": "# all defaults\n"}),
    "a base URL without a scheme": Case(
        {"nicepick.yaml": "base_url: example.org\n"},
        one(
            "nicepick.yaml:1: 'base_url' should be an absolute http(s) URL, not 'example.org' "
            "(e.g. https://example.org/ or https://user.github.io/picks/)"
        ),
    ),
    "a base URL with a query": Case(
        {"nicepick.yaml": "base_url: https://example.org/?a=1\n"},
        one(
            "nicepick.yaml:1: 'base_url' should be an absolute "
            "http(s) URL, not 'https://example.org/?a=1' (e.g. "
            "https://example.org/ or https://user.github.io/picks/)"
        ),
    ),
    "a language by name": Case(
        {"nicepick.yaml": "language: english\n"},
        one("nicepick.yaml:1: 'language' is not a language code: 'english' (e.g. en, en-GB, fr)"),
    ),
    "a title as a list": Case(
        {"nicepick.yaml": "title: [Picks]\n"},
        one("nicepick.yaml:1: 'title' should be text, not a list"),
    ),
    "unsafe_html quoted": Case(
        {"nicepick.yaml": "unsafe_html: 'yes'\n"},
        one("nicepick.yaml:1: 'unsafe_html' should be true or false, not text"),
    ),
    "settings that are a technique": Case(
        {"nicepick.yaml": "name: Picks\n"},
        one(
            "nicepick.yaml:1: unknown key 'name' in a nicepick.yaml file (known keys: base_url, "
            "contact_email, description, dynamic_pairs, extra, facts, labels, language, "
            "popularity, ranking_fact, share_cards, title, unsafe_html)"
        ),
    ),
}
CASES["comparisons/ is a file"] = Case(
    {"comparisons": "not a folder\n"},
    one("comparisons: should be a folder of YAML files, not a file (rename or remove it)"),
)
CASES["comparisons/ is gone"] = Case(
    {"comparisons": None},
    one(
        "comparisons: there is no comparisons/ folder beside nicepick.yaml: the site would "
        "publish no technique and no comparison (create it: nicepick new technique NAME writes "
        "its first file)"
    ),
)
CASES["comparisons/ renamed"] = Case(
    {"comparisons": None, "Comparisons/techniques/alpha.yaml": "name: Alpha\nsummary: A.\n"},
    one(
        "comparisons: there is no comparisons/ folder beside nicepick.yaml: the site would "
        "publish no technique and no comparison (did you mean Comparisons/? Rename it to "
        "comparisons/)"
    ),
)
CASES["the techniques folder is a file"] = Case(
    {T.rstrip("/"): "not a folder\n"},
    (
        f"{AB}:1: unknown technique 'alpha' (add a file for it under comparisons/techniques/)\n"
        f"{AB}:1: unknown technique 'beta' (add a file for it under comparisons/techniques/)\n"
        "comparisons/beta-vs-gamma.yaml:1: unknown technique 'beta' (add a file for it under "
        "comparisons/techniques/)\n"
        "comparisons/beta-vs-gamma.yaml:1: unknown technique 'gamma' (add a file for it under "
        "comparisons/techniques/)\n"
        "comparisons/techniques: should be a folder of YAML files, not a file (rename or remove "
        "it)\n5 problems found; nothing was written."
    ),
)


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def apply(site: Site, case: Case) -> None:
    """Write each file as it is (no dedent), after removing what was at its path."""
    import shutil

    for rel, text in case.files.items():
        target = site.root / rel
        if target.is_dir() and not target.is_symlink():
            shutil.rmtree(target)
        else:
            target.unlink(missing_ok=True)
        if text is not None:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(
                text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass")
            )
    for rel, link in case.links.items():
        (site.root / rel).parent.mkdir(parents=True, exist_ok=True)
        (site.root / rel).symlink_to(link)


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_case(site: Site, name: str) -> None:
    case = CASES[name]
    site.build()
    before = tree(site.public)
    apply(site, case)
    result = site.build(expect=None)
    assert "Traceback" not in result.output
    if case.expect is None:
        assert result.exit_code == 0, result.output
        return
    assert result.exit_code == 1, result.output
    assert result.output.rstrip("\n") == case.expect
    assert tree(site.public) == before


def test_at_least_sixty_cases() -> None:
    assert len(CASES) >= 60


# What a CI script or a deploy does around the build.


def run(
    site: Site, *args: str, env: dict[str, str] | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "nicepick", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=cwd or site.root,
        env={**os.environ, **(env or {})},
    )


def test_an_output_that_is_a_link_stays_a_link(site: Site, tmp_path: Path) -> None:
    """public -> /var/www/site: the build replaces the folder the link leads to, never the
    link, which a deploy set up."""
    served = tmp_path / "www"
    served.mkdir()
    (site.root / "public").symlink_to(served)
    for flags in ([], ["--clean"], []):
        result = run(site, "build", "-q", *flags)
        assert result.returncode == 0, result.stderr
        assert (site.root / "public").is_symlink()
    assert (served / "compare/alpha-vs-beta/index.html").is_file()
    assert [p.name for p in tmp_path.iterdir() if ".nicepick-" in p.name] == [
        ".www.nicepick-manifest.json"
    ]  # beside the folder the link names, like its staging


@pytest.mark.parametrize("flag", ["--output", "--source"])
def test_a_folder_link_that_loops(site: Site, flag: str) -> None:
    (site.root / "loop").symlink_to("loop")
    result = run(site, "build", "-q", flag, "loop")
    assert "Traceback" not in result.stderr and result.returncode == 1
    if flag == "--output":
        assert result.stderr == (
            "Error: refusing to build into loop: it is a symbolic link that leads round in a loop\n"
        )
    else:
        assert result.stderr == "Error: loop is not a folder (point --source at a site's folder)\n"


def test_a_cache_folder_that_is_a_file_only_costs_time(site: Site) -> None:
    (site.root.parent / "cache").write_text("not a folder\n")
    for _ in range(2):
        result = run(
            site, "build", "-q", env={"NICEPICK_CACHE_DIR": str(site.root.parent / "cache")}
        )
        assert result.returncode == 0 and result.stderr == ""


def test_a_garbled_source_date_epoch_is_ignored(site: Site) -> None:
    result = run(site, "check", env={"SOURCE_DATE_EPOCH": "yesterday"})
    assert result.returncode == 0 and "Traceback" not in result.stderr


def test_an_output_deleted_between_builds_comes_back(site: Site) -> None:
    import shutil

    assert run(site, "build", "-q").returncode == 0
    shutil.rmtree(site.public)
    assert run(site, "build", "-q").returncode == 0
    assert (site.public / "index.html").is_file()


def test_a_manifest_deleted_by_a_deploy_is_refused_with_the_way_out(site: Site) -> None:
    assert run(site, "build", "-q").returncode == 0
    (site.root / ".public.nicepick-manifest.json").unlink()
    result = run(site, "build", "-q")
    assert result.returncode == 1 and result.stderr == (
        "Error: refusing to build into public: it already holds files that nicepick did not "
        "write (empty it, choose another --output, or pass --force)\n"
    )
    assert run(site, "build", "-q", "--force").returncode == 0
    assert run(site, "build", "-q").returncode == 0


_segments = st.sampled_from(["a", "b", "index.html", "x.css"])
_paths = st.lists(_segments, min_size=1, max_size=4).map("/".join)


@given(
    pages=st.lists(st.one_of(_paths, _paths.map(lambda p: p + "/")), max_size=12),
    static=st.lists(_paths, max_size=5),
)
def test_static_collisions_are_every_clash_of_a_file_with_a_page_or_its_folders(
    pages: list[str], static: list[str]
) -> None:
    """The one-pass check finds what gathering every page and every folder of the output
    finds: a static file at a page, at a folder some page needs, or below a page."""
    from nicepick import urls
    from nicepick.themefiles import static_collisions

    files = {urls.output_file(p) for p in pages}
    needed = {str(f) for rel in (*files, *static) for f in PurePosixPath(rel).parents}
    expected = {
        f"static/{rel}"
        for rel in static
        if rel in files or rel in needed or any(str(f) in files for f in PurePosixPath(rel).parents)
    }
    found = static_collisions(dict.fromkeys(static, Path("x")), pages)
    assert {problem.path for problem in found} == expected
