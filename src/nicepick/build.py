"""The build, as a recipe: load, check, plan, render into staging, swap in.

Nothing is written until every file has been read and checked and every page planned; a
template error while rendering discards the staging folder, so the last good site stays.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from types import SimpleNamespace

from nicepick import dates, facts, sources, urls
from nicepick.assetnames import publish_names
from nicepick.config import SiteConfig
from nicepick.derived import Plan
from nicepick.errors import Problem, Problems, SiteError
from nicepick.inputs import theme_hash
from nicepick.load import load_catalog
from nicepick.lookalikes import lookalikes
from nicepick.manifest import Manifest
from nicepick.markup import MarkdownRenderer
from nicepick.models import Catalog
from nicepick.outputguard import check_output
from nicepick.pages import KeptFacts, plan_site
from nicepick.parallel import Parallel
from nicepick.regular import read_regular
from nicepick.render import render_all
from nicepick.reuse import CheckedFiles, Keeper, ParsedFiles
from nicepick.sitefiles import require_site
from nicepick.theme import Assets, Environment, forget_rendered, make_environment
from nicepick.themedirs import template_dirs
from nicepick.themefiles import check_templates, static_files
from nicepick.uptodate import Assessment, BuildReport, assess
from nicepick.words import load_words
from nicepick.writer import Output, StagedOutput


@dataclass(frozen=True)
class CheckedSite:
    """A site that passed every check: its catalog, its pages and its static files (by their
    published names), the theme's words and the published names of its assets."""

    config: SiteConfig
    catalog: Catalog
    plans: list[Plan]
    static: dict[str, Path]
    words: SimpleNamespace
    assets: Assets


@dataclass
class BuildCache:
    """What `serve` keeps between rebuilds: parsed files and rendered Markdown. serve fills
    `parsed` and `validated` from incremental/; left None, every file is read and checked."""

    parsed: ParsedFiles | None = None
    validated: CheckedFiles | None = None
    markdown: dict[tuple[bool, str], MarkdownRenderer] = field(default_factory=dict)
    environment: tuple[str, Environment] | None = None
    manifest: Manifest | None = None  # what the last in-place build wrote, kept in memory
    # The last listing of content files, and (set by serve for one build) the files its
    # watcher saw written since: when both are known, nothing else is listed or stat-ed.
    listing: sources.SiteFiles | None = None
    edited: frozenset[Path] | None = None
    facts: KeptFacts = field(default_factory=KeptFacts)  # the last build's derived facts
    history: dates.GitHistory | None = None  # the site's git history, as last read

    def jinja(
        self, config: SiteConfig, theme: str, words: SimpleNamespace, assets: Assets
    ) -> Environment:
        """The last build's environment, its templates compiled, while neither the settings
        nor any template changed; its memos of rendered fragments emptied."""
        key = f"{theme}\0{config!r}\0{assets!r}"
        if self.environment is None or self.environment[0] != key:
            self.environment = (key, make_environment(config, words, assets))
        else:
            forget_rendered(self.environment[1])
        return self.environment[1]

    def renderer(self, config: SiteConfig) -> MarkdownRenderer:
        key = (config.unsafe_html, config.base_path)
        if key not in self.markdown:
            self.markdown[key] = MarkdownRenderer(config.unsafe_html, config.base_path)
        return self.markdown[key]


def check_site(
    config: SiteConfig,
    cache: BuildCache | None = None,
    keep: Keeper | None = None,
    workers: Parallel | None = None,
) -> CheckedSite:
    """Every check a build makes before writing; raises SiteError listing all problems."""
    require_site(config.source)
    problems = Problems()
    # Only serve passes a cache: a one-off build has no use for every parsed tree afterwards.
    catalog = load_catalog(config, problems, cache, keep, workers)
    problems.extend(lookalikes(config.source, catalog.techniques.values()))
    problems.extend(facts.conflicts(catalog.techniques.values(), config.facts))
    check_templates(config, problems)
    theme_words = load_words(config, problems)
    static, assets = _published_static(config, problems)
    problems.raise_if_any()
    markdown = (cache or BuildCache()).renderer(config)
    plans = plan_site(
        catalog,
        config,
        markdown,
        problems,
        theme_words,
        _content_dates(config, catalog, cache),
        cache.facts if cache else None,
    )
    pages = {str(urls.output_file(p.path)) for p in plans}
    folders = {str(parent) for rel in (*pages, *static) for parent in PurePosixPath(rel).parents}
    for rel in static:
        above = next((str(f) for f in PurePosixPath(rel).parents if str(f) in pages), "")
        if rel in pages:
            problems.add(
                f"static/{rel}",
                0,
                f"would replace the generated page /{rel}",
                "rename or remove the file",
            )
        elif rel in folders:
            problems.add(
                f"static/{rel}",
                0,
                f"is a file where the output needs the folder /{rel}/",
                "rename or remove the file",
            )
        elif above:
            problems.add(
                f"static/{rel}",
                0,
                f"would turn the generated page /{above} into a folder",
                "move the file elsewhere in static/",
            )
    problems.raise_if_any()
    return CheckedSite(config, catalog, plans, static, theme_words, assets)


def _published_static(config: SiteConfig, problems: Problems) -> tuple[dict[str, Path], Assets]:
    """Static files by the names they are published under, the theme's assets hashed."""
    static = static_files(config, problems)
    try:
        published, names = publish_names(static)
    except OSError as exc:  # an asset unreadable: static_files let it through
        problems.add("static/assets", 0, f"cannot read a theme asset: {exc.strerror or exc}")
        return static, Assets()
    return published, Assets(**names)


def _content_dates(
    config: SiteConfig, catalog: Catalog, cache: BuildCache | None
) -> dates.ContentDates:
    """When each comparison and technique was published and last changed (dates.py)."""
    folder = config.source / sources.CONTENT_DIR
    history = None
    head = dates.git_head(folder) if folder.is_dir() else None
    if head is not None:
        history = dates.read_history(folder, head, cache.history if cache else None)
    if cache is not None:
        cache.history = history
    return dates.content_dates(
        config.source,
        ((slug, t.source) for slug, t in catalog.techniques.items()),
        ((c, "" if c.generated else c.source, c.updated) for c in catalog.comparisons),
        history,
    )


def build_site(
    config: SiteConfig,
    force: bool = False,
    clean: bool = False,
    on_file: Callable[[str, bool], None] | None = None,
    progress: Callable[[int, int], None] | None = None,
    cache: BuildCache | None = None,
    in_place: Callable[[Path, Manifest | None], Output] | None = None,
    assessment: Assessment | None = None,
    warnings: Callable[[CheckedSite], set[Problem]] | None = None,
    workers: Parallel | None = None,
    keep: Keeper | None = None,
) -> BuildReport:
    """Check, render into a staging folder, then swap it in for the output.

    Incremental unless `clean`: a build whose inputs are unchanged stops before reading them,
    pages whose fingerprints are unchanged are linked from the current output instead of
    rendered, and pages that render to the same bytes keep their old files. `warnings`
    (check.editor_warnings) counts what `check` would warn about in the report. `workers`
    (processes.Workers, from the cli) reads files and renders pages in forked processes too;
    serve passes none: it runs threads, and forking under threads is unsafe. `keep`
    (incremental.kept.ComparisonCache, from the cli) takes unchanged comparison files from
    the last build's checked ones; `clean` ignores it.
    """
    started = time.perf_counter()
    if in_place is not None:
        assert cache is not None, "in-place builds keep their manifest in the cache"
        # serve knows from its watcher that something changed; the signature is for `build`.
        previous = None if clean else cache.manifest
        inputs = ""
    else:
        assessment = assessment or assess(config, force, workers)
        if assessment.report is not None and not clean:
            return assessment.report
        previous = None if clean else assessment.previous
        inputs = assessment.inputs
    site = check_site(config, cache, None if clean else keep, workers)
    check_output(config.output, config.source, force)
    warned = len(warnings(site)) if warnings else 0
    roots = template_dirs(config)
    theme = theme_hash(config)
    env = (
        cache.jinja(config, theme, site.words, site.assets)
        if cache
        else make_environment(config, site.words, site.assets)
    )
    if previous is not None and previous.theme != theme:
        previous.files = {path: ("", content) for path, (_, content) in previous.files.items()}
    output_kind = in_place or StagedOutput
    with output_kind(config.output, previous) as staged:
        result = render_all(site.plans, env, roots, staged, workers, progress)
        if result.problem:
            raise SiteError([result.problem])
        staged.manifest.files, staged.manifest.stamps = result.files, result.stamps
        staged.written, staged.unchanged = len(result.written), result.unchanged
        if on_file:
            for path in result.written:
                on_file(path, True)
        for rel, source in site.static.items():
            try:
                stat = source.stat()
                fingerprint = f"static-{stat.st_size}-{stat.st_mtime_ns}"
                if not staged.keep(rel, fingerprint):
                    staged.write(rel, read_regular(source), fingerprint)
            except OSError as exc:  # checked above: changed while the build ran
                raise SiteError(
                    [Problem(f"static/{rel}", 0, 0, f"cannot read the file: {exc.strerror or exc}")]
                ) from exc
        staged.commit(inputs, theme)
    if in_place is not None:
        assert cache is not None
        cache.manifest = staged.manifest
    return BuildReport(
        len(site.plans) + len(site.static),
        staged.written,
        staged.unchanged,
        staged.removed,
        time.perf_counter() - started,
        config.output,
        warned,
    )
