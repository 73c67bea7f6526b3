"""The deployment recipes in docs/deploy.md, run: each host's build command is executed on a copy
of the example site, and the output is served under the recipe's base path and link-checked."""

from __future__ import annotations

import re
import shlex
import shutil
import tomllib
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import REPO
from support.crawl import broken_links, crawl, published_paths
from support.statichost import static_host

from nicepick.cli import main

DOCS = REPO / "docs"


def example_copy(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    shutil.copytree(REPO / "comparisons", site / "comparisons")
    shutil.copy(REPO / "nicepick.yaml", site / "nicepick.yaml")
    return site


def run_nicepick_commands(
    command_line: str, site: Path, env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> list[str]:
    """Run every `nicepick …` part of a shell command line in `site`; pip steps are skipped
    (the package under test is already installed). Returns the commands run."""
    monkeypatch.chdir(site)
    ran = []
    for part in command_line.split("&&"):
        if part.strip() == "(git fetch --unshallow || true)":
            continue  # the whole history, for the dates; here the site is no clone
        words = shlex.split(part.strip())
        if words[:1] != ["nicepick"]:
            assert words[:2] == ["pip", "install"], f"unexpected step: {part}"
            continue
        words = [re.sub(r"\$(\w+)", lambda m: env[m.group(1)], w) for w in words]
        result = CliRunner().invoke(main, words[1:])
        assert result.exit_code == 0, f"{part}: {result.output}"
        ran.append(" ".join(words))
    return ran


def assert_serves_cleanly(output: Path, base_url: str, prefix: str) -> None:
    with static_host(output, prefix) as local:
        site = crawl(local, base_url, extra=("missing/", *published_paths(output)))
    assert broken_links(site, expect_missing=(site.local + "missing/",)) == []
    assert site.pages[site.local + "missing/"].status == 404
    assert (output / "404.html").is_file()


def test_github_pages_workflow_builds_a_project_site_under_its_sub_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    workflow = yaml.safe_load((DOCS / "deploy/github-pages.yml").read_text())
    steps = workflow["jobs"]["build"]["steps"]
    assert any(s.get("id") == "pages" and "configure-pages" in s.get("uses", "") for s in steps)
    upload = next(s for s in steps if "upload-pages-artifact" in s.get("uses", ""))
    assert upload["with"]["path"] == "public"
    assert "deploy-pages" in workflow["jobs"]["deploy"]["steps"][0]["uses"]
    # The whole history: a shallow checkout dates every page by its one commit.
    checkout = next(s for s in steps if "actions/checkout" in s.get("uses", ""))
    assert checkout["with"]["fetch-depth"] == 0
    # configure-pages gives the base URL without a trailing slash, e.g. a project site's:
    pages_url = "https://octo.github.io/picks"
    site = example_copy(tmp_path)
    ran = []
    for step in steps:
        if "run" in step:
            line = step["run"].replace("${{ steps.pages.outputs.base_url }}", pages_url)
            ran += run_nicepick_commands(line, site, {}, monkeypatch)
    assert ran == ["nicepick check --strict", f"nicepick build --base-url {pages_url}/"]
    assert_serves_cleanly(site / upload["with"]["path"], pages_url + "/", "/picks/")


def test_netlify_file_builds_the_site_for_its_url(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tomllib.loads((DOCS / "deploy/netlify.toml").read_text())["build"]
    site = example_copy(tmp_path)
    url = "https://nice-picks.netlify.app"
    assert config["command"].startswith("(git fetch --unshallow || true) && ")
    ran = run_nicepick_commands(config["command"], site, {"URL": url}, monkeypatch)
    assert ran == [f"nicepick build --base-url {url}/"]
    assert float(config["environment"]["PYTHON_VERSION"]) >= 3.11
    assert_serves_cleanly(site / config["publish"], url + "/", "/")


def test_cloudflare_pages_settings_build_the_site_for_its_base_url(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = (DOCS / "deploy.md").read_text().split("## Cloudflare Pages", 1)[1]
    settings = dict(re.findall(r"^\| ([^|]+?) \| `?([^|`]+?)`? \|$", text, re.MULTILINE))
    site = example_copy(tmp_path)
    ran = run_nicepick_commands(settings["Build command"], site, {}, monkeypatch)
    assert ran == ["nicepick build"]
    base_url = yaml.safe_load((site / "nicepick.yaml").read_text())["base_url"]
    assert_serves_cleanly(site / settings["Build output directory"], base_url, "/")
    preview = re.search(r"`(pip install nicepick && nicepick build --base-url [^`]+)`", text)
    assert preview is not None
    ran = run_nicepick_commands(
        preview.group(1), site, {"CF_PAGES_URL": "https://1a2b3c.picks.pages.dev"}, monkeypatch
    )
    assert ran == ["nicepick build --base-url https://1a2b3c.picks.pages.dev/"]
