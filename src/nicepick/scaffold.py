"""Creating files for editors: a new site (`init`), a technique or a comparison (`new`).

Nothing here overwrites a file: every target is checked before the first one is written.
"""

from __future__ import annotations

import json
import shutil
import unicodedata
from pathlib import Path

from nicepick import schema, sources
from nicepick.errors import Problem, Problems, SiteError, UserError, UserErrors
from nicepick.parallel import Parallel
from nicepick.references import Resolver
from nicepick.slugs import slug_problem, slugify
from nicepick.themedirs import builtin_dir

SCHEMA_DIR = "schemas"
TECHNIQUES_SHOWN = f"{sources.CONTENT_DIR}/{sources.TECHNIQUES_DIR}/"  # as messages name them


def schema_hint(kind: str, depth: int) -> str:
    """The comment that lets YAML-aware editors check a file as it is typed."""
    return f"# yaml-language-server: $schema={'../' * depth}{SCHEMA_DIR}/{kind}.schema.json\n"


_CONFIG = """title: {title}
# Where the site will be published; used for canonical links, the sitemap and the feed.
base_url: https://example.org/
description: Opinionated comparisons, with one clear pick for every pair.
contact_email: picks@example.org
language: en
# What techniques' popularity numbers mean: pages say so where popularity decides a pick.
popularity:
  means: our 0–100 estimate of how widely each is used
  max: 100
# Facts that techniques list under `facts:`: each comparison shows them side by side, in this
# order. `better: higher` or `better: lower` marks the better number or date; `unit` follows
# numbers. A key no declaration names still shows, labelled from the key.
facts:
  command: {{label: Command}}
  rewrites_commits: {{label: Rewrites commits}}
  merge_commit: {{label: Adds a merge commit}}
  history: {{label: History on the main branch}}
"""

_TECHNIQUES = {
    "git-merge": """name: Git merge
kind: technique
category: version-control
tagline: Join two histories with a merge commit.
summary: Reach for a merge when you want the history to show exactly how work was integrated.
pros:
  - It never rewrites commits, so shared branches stay safe.
  - The merge commit records when and how a branch came in.
cons:
  - Busy repositories collect many merge commits that clutter the log.
related: [git, branching]
popularity: 80
facts:
  command: "`git merge`"
  rewrites_commits: false
  merge_commit: true
  history: Every commit, joined by a merge commit
""",
    "git-rebase": """name: Git rebase
kind: technique
category: version-control
tagline: Replay your commits on top of another branch.
summary: Reach for a rebase when you want a straight, readable history before sharing a branch.
pros:
  - The history reads as one straight line.
  - Conflicts are solved one commit at a time.
cons:
  - It rewrites commits, which breaks the branches of anyone who already pulled them.
related: [git, branching]
popularity: 70
facts:
  command: "`git rebase`"
  rewrites_commits: true
  merge_commit: false
  history: Every commit, replayed in a straight line
""",
    "squash-merge": """name: Squash merge
kind: technique
category: version-control
tagline: Fold a whole branch into one commit.
summary: Reach for a squash merge when each pull request should land as a single tidy commit.
pros:
  - Every change on the main branch is one reviewable unit.
cons:
  - The individual commits of the branch are lost from the main history.
related: [git, pull-requests]
popularity: 60
facts:
  command: "`git merge --squash`"
  rewrites_commits: false
  merge_commit: false
  history: One new commit per branch
""",
    "pull-requests": """name: Pull requests
kind: workflow
category: version-control
tagline: Propose a branch, review it, then merge it.
summary: Reach for pull requests when every change should be reviewed before it reaches the \
main branch.
pros:
  - Every change gets a second pair of eyes and a place for discussion.
cons:
  - Small fixes can wait hours for a reviewer.
related: [git, code-review]
popularity: 85
""",
}

_COMPARISONS = {
    "git-merge-vs-git-rebase": """compare: [git-merge, git-rebase]
choose_if:
  git-rebase: when the branch is yours alone and you want a linear history
""",
    "pull-requests-vs-squash-merge": """\
# Used together, not instead of each other: no winner, an order.
compare: [pull-requests, squash-merge]
relation: complements
pick: pull-requests
reason: A squash merge is one way to land a pull request, so the review workflow comes first.
choose_if:
  pull-requests: as soon as more than one person commits to the repository
  squash-merge: when each reviewed pull request should land as a single commit
""",
    "squash-merge-vs-git-merge": """compare: [squash-merge, git-merge]
pick: squash-merge
reason: One commit per pull request keeps the main branch easy to read, bisect and revert.
""",
}


def _refuse_existing(targets: list[Path]) -> None:
    existing = [t for t in targets if t.exists()]
    if existing:
        listed = ", ".join(str(t) for t in existing)
        raise UserError(f"refusing to overwrite existing files: {listed}")


def _own_schema_hint(site: Path, kind: str, depth: int) -> str:
    """schema_hint, for a site that has the schema (`init` writes them): a line leading
    editors to a file that is not there would only make them complete nothing."""
    if (site / SCHEMA_DIR / f"{kind}.schema.json").is_file():
        return schema_hint(kind, depth)
    return ""


def write_schemas(site: Path) -> list[Path]:
    folder = site / SCHEMA_DIR
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in schema.KINDS:
        path = folder / f"{kind}.schema.json"
        path.write_text(json.dumps(schema.json_schema(kind), indent=2) + "\n", "utf-8")
        written.append(path)
    return written


def init_site(site: Path, with_theme: bool = False, title: str = "Nice Pick") -> list[Path]:
    """Create a working site in `site`: settings, four techniques, three comparisons (one of
    them complements), schemas. With `with_theme` in a folder that is a site already, only
    the theme is copied: an editor who began without it and now wants to change the look
    asks for just that."""
    if with_theme and (site / sources.CONFIG_FILE).is_file():
        return copy_theme(site)
    content = site / sources.CONTENT_DIR
    files: dict[Path, str] = {
        site / sources.CONFIG_FILE: schema_hint("config", 0) + _CONFIG.format(title=title)
    }
    for slug, text in _TECHNIQUES.items():
        files[content / sources.TECHNIQUES_DIR / f"{slug}.yaml"] = (
            schema_hint("technique", 2) + text
        )
    for name, text in _COMPARISONS.items():
        files[content / f"{name}.yaml"] = schema_hint("comparison", 1) + text
    files[site / ".gitignore"] = "/public/\n.public.nicepick-*\n"
    theme_targets = _theme_targets(site) if with_theme else []
    schema_targets = [site / SCHEMA_DIR / f"{kind}.schema.json" for kind in schema.KINDS]
    _refuse_existing([*files, *(t for _, t in theme_targets), *schema_targets])
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
    for source, target in theme_targets:
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    return [*files, *(t for _, t in theme_targets), *write_schemas(site)]


def copy_theme(site: Path) -> list[Path]:
    """The built-in templates and static files, copied into the site to be changed; refused
    if any of them is there already."""
    targets = _theme_targets(site)
    _refuse_existing([target for _, target in targets])
    for source, target in targets:
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    return [target for _, target in targets]


def _theme_targets(site: Path) -> list[tuple[Path, Path]]:
    """Each file of the built-in theme, and where a site's own copy of it goes."""
    targets = []
    for name in ("templates", "static"):
        source = builtin_dir(name)
        for path in sorted(source.rglob("*")):
            if path.is_file():
                targets.append((path, site / name / path.relative_to(source)))
    return targets


def new_technique(
    site: Path,
    name: str,
    kind: str = "technique",
    category: str = "",
    summary: str = "",
    slug: str | None = None,
) -> Path:
    """Write comparisons/techniques/<slug>.yaml; the slug is made from the name unless given."""
    if slug is not None:
        why = slug_problem(slug)
        if why:
            suggestion = slugify(slug)
            raise UserError(f"--slug {why}" + (f" (try --slug {suggestion})" if suggestion else ""))
    else:
        slug = slugify(name)
        if not slug:
            raise UserError(
                f"cannot make a URL name from {name!r}: it has no letters or digits "
                "(give one with --slug, e.g. --slug my-tool)"
            )
    path = site / sources.CONTENT_DIR / sources.TECHNIQUES_DIR / f"{slug}.yaml"
    _refuse_existing([path])
    text = _own_schema_hint(site, "technique", 2)
    text += f"name: {json.dumps(name, ensure_ascii=False)}\n"
    text += f"kind: {json.dumps(kind, ensure_ascii=False)}\n"
    if category:
        text += f"category: {json.dumps(category, ensure_ascii=False)}\n"
    placeholder = {key: text.format(name=name) for key, (text, _) in schema.PLACEHOLDERS.items()}
    text += "summary: " + json.dumps(summary or placeholder["summary"], ensure_ascii=False)
    text += "\npros:\n  - " + json.dumps(placeholder["pros"], ensure_ascii=False)
    text += "\ncons:\n  - " + json.dumps(placeholder["cons"], ensure_ascii=False) + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return path


def new_comparison(site: Path, first: str, second: str, workers: Parallel | None = None) -> Path:
    """Write comparisons/<a>-vs-<b>.yaml; A and B may be names, slugs or aliases."""
    from nicepick.config import load_config
    from nicepick.load import load_catalog

    problems = Problems()
    catalog = load_catalog(load_config(site, None, problems), problems, workers=workers)
    resolver = Resolver(dict(catalog.techniques), dict(catalog.aliases), set())
    slugs = []
    unknown: list[str] = []
    broken: list[Problem] = []
    for ref in (first, second):  # both, so two typos are told at once
        slug = resolver.resolve(ref)
        if slug is not None:
            slugs.append(slug)
            continue
        # Its file may be there but broken: then what is wrong with it is the answer.
        stems = {ref, slugify(ref)}
        own = [
            p
            for p in problems.sorted()
            if p.path.startswith(TECHNIQUES_SHOWN)
            and unicodedata.normalize("NFC", Path(p.path).stem) in stems
        ]
        if own:
            broken += [p for p in own if p not in broken]
            continue
        hint = (
            resolver.suggestion(ref)
            or f"create it first: nicepick new technique {json.dumps(ref, ensure_ascii=False)}"
        )
        unknown.append(f"unknown technique '{ref}' ({hint})")
    if unknown:
        raise UserErrors(unknown + [str(p) for p in broken])
    if broken:
        raise SiteError(broken)
    a, b = slugs
    if a == b:
        raise UserError(f"cannot compare '{a}' with itself")
    for comparison in catalog.comparisons:
        if comparison.pair == frozenset(slugs):
            raise UserError(f"{a} and {b} are already compared in {comparison.source}")
    path = site / sources.CONTENT_DIR / f"{a}-vs-{b}.yaml"
    _refuse_existing([path])
    path.write_text(
        _own_schema_hint(site, "comparison", 1) + f"compare: [{a}, {b}]\n"
        f"# pick: {a}            # the winner (or give both techniques a popularity)\n"
        "# reason: One sentence on why it wins.\n"
        "# relation: complements  # if the two are used together, not instead "
        "of each other\n"
        f"# choose_if:\n#   {b}: when you …\n",
        "utf-8",
    )
    return path
