"""The build, as a recipe: load, check, plan, render into staging, swap in.

Nothing is written until every file has been read and checked and every page planned; a
template error while rendering discards the staging folder, so the last good site stays.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from types import SimpleNamespace

from nicepick import dates, facts, sources, urls
from nicepick.assetnames import publish_names
from nicepick.config import SiteConfig
from nicepick.derived import Plan
from nicepick.dynamic import with_dynamic_pairs
from nicepick.errors import Problem, Problems, SiteError
from nicepick.inputs import theme_hash
from nicepick.loadcache import ComparisonCache
from nicepick.lookalikes import lookalikes
from nicepick.manifest import Manifest
from nicepick.markup import MarkdownRenderer
from nicepick.models import Catalog, Comparison, Technique
from nicepick.outputguard import check_output
from nicepick.pages import KeptFacts, plan_site
from nicepick.parallel import Parallel
from nicepick.regular import read_regular
from nicepick.render import render_all
from nicepick.sitefiles import require_site
from nicepick.theme import Assets, Environment, forget_rendered, make_environment
from nicepick.themedirs import template_dirs
from nicepick.themefiles import check_templates, static_files
from nicepick.uptodate import Assessment, BuildReport, assess
from nicepick.validate import (
    TechniqueIndex,
    ValidationCache,
    assemble_catalog,
    comparisons_from,
    index_of,
    index_techniques,
    technique_from,
)
from nicepick.verdict import undecided
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
    """What `serve` keeps between rebuilds: parsed files and rendered Markdown."""

    parsed: sources.ParseCache = field(default_factory=sources.ParseCache)
    validated: ValidationCache = field(default_factory=ValidationCache)
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


def _site_files(
    config: SiteConfig, problems: Problems, cache: BuildCache | None
) -> tuple[sources.SiteFiles, frozenset[Path] | None]:
    """The content files, and which of them may have changed (None: any of them).

    serve's watcher reports the files written since its last build; when it saw nothing
    created, removed or renamed, the last listing still holds, and only the written files
    need a stat. At 10,000 comparisons that is 0.19 s of a 0.6 s rebuild.
    """
    if cache is not None and cache.edited is not None and cache.listing is not None:
        return cache.listing, cache.edited
    own = Problems()
    files = sources.find_site_files(config.source, own)
    problems.extend(own.items)
    if cache is not None:
        cache.listing = None if own.items or files.linked else files
    return files, None


def _comparisons(
    paths: list[Path],
    source: Path,
    index: TechniqueIndex,
    parse: Callable[[list[Path]], list[Comparison | None]],
) -> list[Comparison | None]:
    """Each file's checked comparison, from the kept ones where its file is unchanged; the
    rest are parsed and checked (`parse`), and the kept ones updated for the next build."""
    kept = ComparisonCache(source, index.resolver.signature())
    shown = [sources.relative(p, source) for p in paths]
    results = [kept.get(path, name) for path, name in zip(paths, shown, strict=True)]
    missing = [k for k, result in enumerate(results) if result is None]
    for k, result in zip(missing, parse([paths[k] for k in missing]), strict=True):
        results[k] = result
    kept.save(dict(zip(shown, results, strict=True)))
    return results


def load_catalog(
    config: SiteConfig,
    problems: Problems,
    cache: BuildCache | None = None,
    keep: bool = False,
    workers: Parallel | None = None,
) -> Catalog:
    """The checked catalog. `keep`: take unchanged comparison files from, and leave them in,
    the cache of checked comparisons (loadcache.py); a one-off build does, serve keeps its
    own in memory, and `check` reads everything."""
    files, edited = _site_files(config, problems, cache)
    parsed = cache.parsed if cache else None
    validated = cache.validated if cache else None

    def load(paths: list[Path]) -> list[sources.Document | None]:
        """Each file's document, None where it could not be parsed (and said why)."""
        documents = []
        for path in paths:
            if edited is not None and parsed is not None and path not in edited:
                known, document = parsed.unedited(path, problems)
                if known:
                    documents.append(document)
                    continue
            documents.append(
                sources.load_file(path, sources.relative(path, config.source), problems, parsed)
            )
        return documents

    def techniques(part: list[Path]) -> tuple[list[Technique], list[Problem]]:
        own = Problems()
        loaded = (sources.load_file(p, sources.relative(p, config.source), own) for p in part)
        return [t for d in loaded if d is not None and (t := technique_from(d, own))], own.items

    # serve passes a cache and no workers: it loads in its own process, from its caches.
    if cache is None and workers is not None and workers.forks("techniques", len(files.techniques)):
        # Parsed and checked in forked processes, then indexed here: the checks across
        # files (slugs, aliases) need them all.
        found: list[Technique] = []
        for part, part_problems in workers.map(techniques, files.techniques):
            found += part
            problems.extend(part_problems)
        index = index_of(found, problems, [p.stem for p in files.techniques])
    else:
        index = index_techniques(
            [d for d in load(files.techniques) if d is not None],
            problems,
            [p.stem for p in files.techniques],
            validated,
        )

    def compared(part: list[Path]) -> tuple[list[Comparison | None], list[Problem]]:
        own = Problems()
        loaded = (sources.load_file(p, sources.relative(p, config.source), own) for p in part)
        return comparisons_from(loaded, index, own), own.items

    def parse(paths: list[Path]) -> list[Comparison | None]:
        if cache is None and workers is not None and workers.forks("comparisons", len(paths)):
            # Only the small checked models come back from the workers: a parsed YAML tree
            # costs as much to send as to parse again.
            results: list[Comparison | None] = []
            for part, part_problems in workers.map(compared, paths):
                results += part
                problems.extend(part_problems)
            return results
        return comparisons_from(load(paths), index, problems, validated)

    if keep and cache is None:
        comparisons = _comparisons(files.comparisons, config.source, index, parse)
    else:
        comparisons = parse(files.comparisons)
    catalog = assemble_catalog(index, comparisons, problems, config.drafts)
    undecided(catalog, problems)
    if problems.items:
        return catalog  # dynamic pairs are composed from a site that passed its checks
    catalog, report = with_dynamic_pairs(catalog, config.dynamic_pairs)
    if config.dynamic_pairs in ("category", "tag"):
        catalog = replace(catalog, notes=(str(report),))
    return catalog


def check_site(
    config: SiteConfig,
    cache: BuildCache | None = None,
    keep: bool = False,
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
) -> BuildReport:
    """Check, render into a staging folder, then swap it in for the output.

    Incremental unless `clean`: a build whose inputs are unchanged stops before reading them,
    pages whose fingerprints are unchanged are linked from the current output instead of
    rendered, and pages that render to the same bytes keep their old files. `warnings`
    (check.editor_warnings) counts what `check` would warn about in the report. `workers`
    (processes.Workers, from the cli) reads files and renders pages in forked processes too;
    serve passes none: it runs threads, and forking under threads is unsafe.
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
    site = check_site(config, cache, not clean, workers)
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
