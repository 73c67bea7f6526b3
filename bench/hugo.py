#!/usr/bin/env python3
"""Make a Hugo project that builds nicepick's site from the same YAML, for the benchmark.

    python bench/hugo.py /dev/shm/site /dev/shm/hugo-project
    hugo --source /dev/shm/hugo-project --destination /dev/shm/hugo-out

Hugo reads the very files nicepick reads: the site's comparisons/ folder (techniques/ with
it) is hard-linked into the project's data/np/ folder (copied, with its files' times, where
a hard link cannot be made), and content adapters (content/*/_content.gotmpl,
Hugo >= 0.126) make one page per comparison, per technique and per ranking from them. The
templates are in bench/hugo_site/ beside this file; they render the same page kinds as
nicepick's theme, with the same sections on each page (see bench/hugo_site/README.md for
what differs). Only hugo.toml is written here, from nicepick.yaml: the base URL and title
Hugo needs before it reads any data, and the facts' declared order, which Hugo's maps lose.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
from pathlib import Path

import yaml

TEMPLATES = Path(__file__).resolve().parent / "hugo_site"
THEME_ASSETS = Path(__file__).resolve().parent.parent / "static" / "assets"

CONFIG = """\
baseURL = {base_url}
title = {title}
# nicepick has no /tags/ or /categories/ index pages, only one page per tag and category.
disableKinds = ["taxonomy"]
enableRobotsTXT = true
# nicepick publishes a comparison whatever its `updated:` date; Hugo would hold back future ones.
buildFuture = true
# Nothing in the site is Markdown files with shortcodes; Hugo's defaults otherwise.
capitalizeListTitles = false
pluralizeListTitles = false

[params]
contactEmail = {contact_email}
description = {description}
factOrder = [{fact_order}]

[params.factLabels]
{fact_labels}

[params.factBetter]
{fact_better}

[taxonomies]
tag = "tags"
category = "categories"
# A technique's comparisons, to look up from its pages: kept in memory, never rendered.
versus = "versus"

[pagination]
pagerSize = 500
disableAliases = true  # nicepick has no page/1/ redirect

[outputFormats.rss]
baseName = "feed"
[outputFormats.comparisons]
mediaType = "application/json"
baseName = "comparisons"
path = "api"
isPlainText = true
notAlternative = true
[outputFormats.techniques]
mediaType = "application/json"
baseName = "techniques"
path = "api"
isPlainText = true
notAlternative = true
[outputFormats.finder]
mediaType = "application/json"
baseName = "finder"
path = "api"
isPlainText = true
notAlternative = true
[outputFormats.pairs]
mediaType = "application/json"
baseName = "pairs"
isPlainText = true
notAlternative = true

[outputs]
home = ["html", "rss", "comparisons", "techniques", "finder"]
section = ["html"]
page = ["html"]
term = ["html"]

[sitemap]
disable = false

# compare/ and tools/ have no index page in nicepick, and versus/ terms are lookups only.
[[cascade]]
[cascade.build]
render = "never"
[cascade.target]
path = "{{/compare,/tools}}"
kind = "section"
[[cascade]]
[cascade.build]
render = "never"
[cascade.target]
path = "{{/versus,/versus/**}}"
"""


def _toml(value: object) -> str:
    """A TOML basic string (JSON's escapes are TOML's for the text a site config holds)."""
    return json.dumps("" if value is None else str(value), ensure_ascii=False)


def _link_tree(source: Path, target: Path) -> None:
    """Hard-link every file of `source` under `target`: the same bytes and modification
    times nicepick sees. Copies (with times) where the two are on different file systems."""
    for folder, _, files in os.walk(source):
        into = target / Path(folder).relative_to(source)
        into.mkdir(parents=True, exist_ok=True)
        for name in files:
            try:
                os.link(Path(folder) / name, into / name)
            except OSError:
                shutil.copy2(Path(folder) / name, into / name)


def make_project(site: Path, project: Path) -> None:
    """Write the Hugo project for the nicepick site at `site` into `project` (replaced)."""
    config = yaml.safe_load((site / "nicepick.yaml").read_text("utf-8")) or {}
    if project.exists():
        shutil.rmtree(project)
    shutil.copytree(TEMPLATES, project, ignore=shutil.ignore_patterns("README.md"))
    _link_tree(site / "comparisons", project / "data" / "np")
    # The theme's own files (style, finder script, icons), as nicepick copies them.
    _link_tree(THEME_ASSETS, project / "static" / "assets")
    facts = config.get("facts") or {}
    base_url = str(config.get("base_url") or "https://example.org/")
    (project / "hugo.toml").write_text(
        CONFIG.format(
            base_url=_toml(base_url if base_url.endswith("/") else base_url + "/"),
            title=_toml(config.get("title", "Nice Pick")),
            contact_email=_toml(config.get("contact_email")),
            description=_toml(
                config.get("description", "Opinionated comparisons: one pick for every pair.")
            ),
            fact_order=", ".join(_toml(key) for key in facts),
            fact_labels="\n".join(
                f"{key} = {_toml((spec or {}).get('label', key))}" for key, spec in facts.items()
            ),
            fact_better="\n".join(
                f"{key} = {_toml((spec or {}).get('better'))}"
                for key, spec in facts.items()
                if (spec or {}).get("better")
            ),
        ),
        "utf-8",
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path, help="a nicepick site (bench/generate.py writes one)")
    parser.add_argument("project", type=Path, help="the Hugo project to write (replaced)")
    args = parser.parse_args()
    make_project(args.site, args.project)


if __name__ == "__main__":
    main()
