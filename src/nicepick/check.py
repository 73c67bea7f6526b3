"""`nicepick check`: every content check, every rendered link, and an editor's warnings.

Errors are what `build` would refuse; warnings are what a careful editor wants to hear about
(pick cycles, lonely techniques, copied placeholder cons…), failures only with --strict.
Nothing is written: pages are rendered in memory and their links resolved against the plan.
"""

from __future__ import annotations

import html
import re
from collections import defaultdict, deque
from dataclasses import dataclass
from posixpath import normpath
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

from nicepick import facts, urls
from nicepick.build import CheckedSite, check_site
from nicepick.config import SiteConfig
from nicepick.errors import Problem, SiteError
from nicepick.models import Catalog
from nicepick.parallel import Parallel
from nicepick.pickwarnings import named_fact_warnings, pick_warnings
from nicepick.planlist import PlanList
from nicepick.prose import count
from nicepick.render import TemplateProblem, render_plan
from nicepick.sitewarnings import site_warnings
from nicepick.sources import CONFIG_FILE
from nicepick.theme import make_environment
from nicepick.themedirs import template_dirs
from nicepick.verdict import Outcome

ERROR, WARNING, NOTE = "error", "warning", "note"
_LINK = re.compile(r"""\b(?:href|src)\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)


@dataclass(frozen=True, order=True)
class Finding:
    problem: Problem
    severity: str

    def __str__(self) -> str:
        text = str(self.problem)
        if self.severity in (WARNING, NOTE):
            place, _, rest = text.partition(": ")
            return f"{place}: {self.severity}: {rest}"
        return text

    def as_dict(self) -> dict[str, object]:
        p = self.problem
        return {
            "path": p.path,
            "line": p.line,
            "column": p.column,
            "severity": self.severity,
            "message": p.message,
            "hint": p.hint,
        }


def check(config: SiteConfig, workers: Parallel | None = None) -> tuple[list[Finding], bool]:
    """All findings, sorted, and whether every check ran: content errors stop before
    rendering, as a build would, and then no link or warning was looked at."""
    try:
        site = check_site(config, workers=workers)
    except SiteError as refused:
        return sorted(Finding(p, ERROR) for p in refused.problems), False
    findings = _rendered_links(
        config, site.plans, set(site.static), make_environment(config, site.words, site.assets)
    )
    findings += [Finding(p, WARNING) for p in editor_warnings(site)]
    findings += [Finding(Problem(CONFIG_FILE, 0, 0, note, ""), NOTE) for note in site.catalog.notes]
    return sorted(set(findings)), True


def editor_warnings(site: CheckedSite) -> set[Problem]:
    """Every warning about a site that passed its checks, each once; `build` counts them."""
    # Decided once, by the standings: deciding again here copied the index of techniques for
    # every comparison (0.9 s of a one-edit build at 100,000 comparisons).
    outcomes = site.planned.derived.outcomes
    return {
        *quality_warnings(site.catalog, outcomes),
        *facts.near_misses(site.catalog.techniques.values(), site.config.facts),
        *named_fact_warnings(site.catalog, site.config.facts, site.config.language),
        *site_warnings(site),
    }


def _rendered_links(
    config: SiteConfig,
    plans: PlanList,
    static: set[str],
    env: Any,
) -> list[Finding]:
    roots = template_dirs(config)
    files = {str(urls.output_file(path)) for path in plans.paths()} | static
    base = config.base_path
    broken: dict[str, list[tuple[str, str]]] = defaultdict(list)
    template_errors: dict[str, Problem] = {}
    for plan in plans:
        if not plan.template:
            continue
        try:  # the feed and sitemaps too: a template error there fails the build as well
            page = render_plan(plan, env, roots).decode("utf-8")
        except TemplateProblem as failure:
            key = f"{failure.problem.path}:{failure.problem.line}:{failure.problem.message}"
            template_errors.setdefault(key, failure.problem)
            continue
        if not plan.template.endswith(".html"):
            continue
        page_url = base + plan.path
        for match in _LINK.finditer(page):
            url = html.unescape(match.group(1) if match.group(1) is not None else match.group(2))
            target = _internal_target(_own(url, config.base_url), page_url, base)
            if target is not None and not _resolves(target, files):
                broken[url].append((plan.path, plan.source))
    findings = [Finding(p, ERROR) for p in template_errors.values()]
    for url, pages in broken.items():
        path, source = pages[0]
        more = f" and {count(len(pages) - 1, 'more page')}" if len(pages) > 1 else ""
        written, line = _written_at(config, source, url)
        findings.append(
            Finding(
                Problem(
                    written,
                    line,
                    0,
                    f"broken link to {url} on /{path}{more}",
                    "no page or file of the site has that address",
                ),
                ERROR,
            )
        )
    return findings


def _written_at(config: SiteConfig, source: str, url: str) -> tuple[str, int]:
    """Where a broken link was written: the line of the page's own file that holds it, or
    else of one of the site's templates ("the 404 page" is templates/404.html); the page's
    source, with no line, when neither does (a link the theme makes)."""
    candidates = [source] if (config.source / source).is_file() else []
    templates = config.source / "templates"
    if templates.is_dir():
        candidates += sorted(
            p.relative_to(config.source).as_posix() for p in templates.rglob("*") if p.is_file()
        )
    for shown in candidates:
        try:
            text = (config.source / shown).read_text("utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        # As written: the address itself, or (in a template) what the `url` filter was given.
        forms = {url, html.escape(url), url.removeprefix(config.base_path)} - {""}
        for number, line in enumerate(text.splitlines(), start=1):
            if any(form in line for form in forms):
                return shown, number
    return source, 0


def _own(url: str, base_url: str) -> str:
    """A link to the site's own address ("https://picks.dev/tools/x/") as the path it is."""
    origin = urlsplit(base_url)
    parts = urlsplit(url)
    if parts.scheme in ("http", "https") and parts.netloc == origin.netloc:
        return parts.path + (f"?{parts.query}" if parts.query else "")
    return url


def _internal_target(url: str, page_url: str, base: str) -> str | None:
    """The site-relative path a link points at, or None for external links and anchors."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    absolute = urljoin(page_url, parts.path)
    if not absolute.startswith(base):
        return "\0outside"  # above the site's base path: never served
    return unquote(normpath(absolute[len(base) :]) if absolute[len(base) :] else "") + (
        "/" if absolute.endswith("/") and absolute[len(base) :] else ""
    )


def _resolves(target: str, files: set[str]) -> bool:
    if target in ("", "."):
        return "index.html" in files
    if target.endswith("/"):
        return target + "index.html" in files
    return target in files or target + "/index.html" in files


def _cycle(graph: dict[str, set[str]], members: set[str]) -> list[str]:
    """One shortest cycle through a strongly connected set of winners, from its first member
    in a fixed order. A walk that takes the first unseen winner each step can end where no
    pick leads back (a dead end inside the set), and name a cycle that is not one."""
    start = min(members)
    came_from: dict[str, str] = {}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for following in sorted(n for n in graph[node] if n in members):
            if following == start:
                path = [node]
                while path[-1] != start:
                    path.append(came_from[path[-1]])
                return path[::-1]
            if following not in came_from:
                came_from[following] = node
                queue.append(following)
    return [start]  # pragma: no cover - a strongly connected set always has a cycle


def _strong_components(graph: dict[str, set[str]]) -> list[set[str]]:
    """Tarjan's algorithm, iteratively (a long chain of picks must not hit the recursion limit)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[set[str]] = []
    counter = 0
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(component)
    return found


def quality_warnings(catalog: Catalog, outcomes: dict) -> list[Problem]:  # type: ignore[type-arg]
    warnings: list[Problem] = []
    graph: dict[str, set[str]] = {slug: set() for slug in catalog.techniques}
    where: dict[tuple[str, str], str] = {}
    in_comparison: set[str] = set()
    # Each technique's pros, casefolded once, not once per comparison it is in.
    pros = {slug: {p.casefold() for p in t.pros} for slug, t in catalog.techniques.items()}
    for comparison in catalog.comparisons:
        outcome: Outcome = outcomes[comparison]
        if not outcome.together:
            graph[outcome.pick].add(outcome.other)
            where[(outcome.pick, outcome.other)] = comparison.source
        in_comparison |= {comparison.first, comparison.second}
        shared = pros[comparison.first] & pros[comparison.second]
        for pro in sorted(shared) if shared else ():
            warnings.append(
                Problem(
                    comparison.source,
                    comparison.line,
                    0,
                    f"both sides list the same pro: '{pro}'",
                    "say what sets each one apart",
                )
            )
    for component in _strong_components(graph):
        cycle = _cycle(graph, component)
        steps = [
            f"{catalog.techniques[a].name} beats {catalog.techniques[b].name}"
            for a, b in zip(cycle, [*cycle[1:], cycle[0]], strict=True)
        ]
        files = [
            where[(a, b)]
            for a, b in zip(cycle, [*cycle[1:], cycle[0]], strict=True)
            if where[(a, b)].endswith((".yaml", ".yml"))
        ]
        # A cycle made only of dynamic pairs is the popularity numbers' doing.
        source = files[0] if files else CONFIG_FILE
        warnings.append(
            Problem(
                source,
                0,
                0,
                "pick cycle: " + ", ".join(steps),
                "readers will find the rankings contradictory; change a pick, "
                "or the popularity that decides one",
            )
        )
    cons_seen: dict[str, str] = {}
    for slug, technique in catalog.techniques.items():
        line = technique.lines.get("name", 1)
        if slug not in in_comparison:
            warnings.append(
                Problem(
                    technique.source,
                    line,
                    0,
                    f"{technique.name} is in no comparison",
                    f"nicepick new comparison {slug} <other>",
                )
            )
        if not technique.pros:
            warnings.append(Problem(technique.source, line, 0, "no pros listed"))
        if not technique.cons:
            warnings.append(Problem(technique.source, line, 0, "no cons listed"))
        for con in technique.cons:
            origin = cons_seen.setdefault(con.casefold(), technique.source)
            if origin != technique.source:
                warnings.append(
                    Problem(
                        technique.source,
                        technique.lines.get("cons", line),
                        0,
                        f"the con '{con}' is copied from {origin}",
                        "a placeholder? write what this technique costs",
                    )
                )
    return warnings + pick_warnings(catalog, outcomes)
