"""Loading: the site's content files, read and checked, become one catalog.

Techniques first (comparisons refer to them), then comparisons, then the checks across files;
a site that passed them all gets its dynamic pairs.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TypeVar

from nicepick import sources
from nicepick.config import SiteConfig
from nicepick.dynamic import with_dynamic_pairs
from nicepick.errors import Problem, Problems
from nicepick.models import Catalog, Comparison, Technique
from nicepick.parallel import Parallel
from nicepick.reuse import Keeper, KeptFiles, Loading
from nicepick.sitefiles import Below
from nicepick.techniques import TechniqueIndex, index_of, index_techniques, technique_from
from nicepick.validate import assemble_catalog, comparisons_from
from nicepick.verdict import undecided

M = TypeVar("M")


def _site_files(
    config: SiteConfig, problems: Problems, cache: Loading | None, keep: Keeper | None
) -> tuple[sources.SiteFiles, frozenset[Path] | None]:
    """The content files, and which of them may have changed (None: any of them).

    serve's watcher reports the files written since its last build; when it saw nothing
    created, removed or renamed, the last listing still holds, and only the written files
    need a stat. At 10,000 comparisons that is 0.19 s of a 0.6 s rebuild. A one-off build
    takes them from the walk its up-to-date check made (`keep.listing`).
    """
    if cache is not None and cache.edited is not None and cache.listing is not None:
        return cache.listing, cache.edited
    walked = keep.listing(config.source) if keep is not None and cache is None else None
    if walked is not None:
        return walked, None
    own = Problems()
    files = sources.find_site_files(config.source, own)
    problems.extend(own.items)
    if cache is not None:
        cache.listing = None if own.items or files.linked else files
    return files, None


def _kept_or_checked(
    kept: KeptFiles[M],
    paths: Sequence[Path],
    source: Path,
    check: Callable[[list[Path]], list[tuple[M | None, bool]]],
) -> list[M | None]:
    """Each file's checked model, from the `kept` ones where its file is unchanged; the rest
    are read and checked (`check`: each file's model, and whether it is clean enough to keep),
    and the kept ones updated for the next build."""
    named: Iterable[str | Path]
    if isinstance(paths, Below) and paths.folder == source:
        # What sources.relative gives, and the files as strings: a Path for each of 100,000
        # files, made and taken apart again, was 0.6 s of a one-edit build.
        shown, root = paths.shown, str(source)
        named = (os.path.join(root, name) for name in shown)
    else:
        shown, named = [sources.relative(p, source) for p in paths], paths
    results = [kept.get(path, name) for path, name in zip(named, shown, strict=True)]
    keep = [True] * len(paths)
    missing = [k for k, result in enumerate(results) if result is None]
    for k, (result, clean) in zip(missing, check([paths[k] for k in missing]), strict=True):
        results[k], keep[k] = result, clean
    kept.save({name: r if ok else None for name, r, ok in zip(shown, results, keep, strict=True)})
    return results


@dataclass(frozen=True)
class CheckedComparisons:
    """serve's last checked comparisons, with what their checks said: still the answer while
    no comparison file was edited (its watcher says which files were), none came or went (the
    same listing), and every reference resolves as it did. A save to a technique's text then
    checks no comparison again: 0.25 s of a save at 100,000 comparisons."""

    files: Sequence[Path]
    index: TechniqueIndex
    drafts: bool
    catalog: Catalog
    problems: list[Problem]
    paths: frozenset[Path] = field(init=False)
    # Which pairs nothing decides, by what decides them: each technique's slug, name, popularity.
    decided: dict[tuple[object, ...], list[Problem]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "paths", frozenset(self.files))

    def undecided(self, catalog: Catalog) -> list[Problem]:
        """What verdict.undecided says of these comparisons among `catalog`'s techniques."""
        key = tuple((t.slug, t.name, t.popularity) for t in catalog.techniques.values())
        found = self.decided.get(key)
        if found is None:
            own = Problems()
            undecided(catalog, own)
            self.decided.clear()
            found = self.decided[key] = own.items
        return found

    def hold(
        self,
        files: Sequence[Path],
        edited: frozenset[Path] | None,
        index: TechniqueIndex,
        drafts: bool,
    ) -> bool:
        return (
            edited is not None
            and files is self.files
            and edited.isdisjoint(self.paths)
            and drafts == self.drafts
            and index.resolver.same_as(self.index.resolver)
        )


def load_catalog(
    config: SiteConfig,
    problems: Problems,
    cache: Loading | None = None,
    keep: Keeper | None = None,
    workers: Parallel | None = None,
) -> Catalog:
    """The checked catalog. `keep`: take unchanged comparison files from, and leave them in,
    the checked comparisons kept between builds (incremental.kept); a one-off build does,
    serve keeps its own in memory (`cache`), and `check` reads everything."""
    files, edited = _site_files(config, problems, cache, keep)
    parsed = cache.parsed if cache else None
    validated = cache.validated if cache else None

    def load(paths: Sequence[Path]) -> list[sources.Document | None]:
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

    def techniques(part: Sequence[Path]) -> list[tuple[Technique | None, list[Problem]]]:
        """Each file's technique, with its own problems: only a file without any is kept."""
        checked = []
        for path in part:
            own = Problems()
            document = sources.load_file(path, sources.relative(path, config.source), own)
            technique = technique_from(document, own) if document is not None else None
            checked.append((technique, own.items))
        return checked

    def check_techniques(paths: Sequence[Path]) -> list[tuple[Technique | None, bool]]:
        if workers is not None and workers.forks("techniques", len(paths)):
            # Parsed and checked in forked processes, then indexed here: the checks across
            # files (slugs, aliases) need them all.
            checked: list[tuple[Technique | None, list[Problem]]] = [
                one for part in workers.map(techniques, list(paths)) for one in part
            ]
        else:
            checked = techniques(paths)
        for _, found in checked:
            problems.extend(found)
        return [(technique, not found) for technique, found in checked]

    stems = [p.stem for p in files.techniques]
    if cache is None:  # serve passes a cache and no workers: it keeps files in memory
        if keep is not None:
            kept = keep.techniques(config.source)
            found = _kept_or_checked(kept, files.techniques, config.source, check_techniques)
        else:
            found = [technique for technique, _ in check_techniques(files.techniques)]
        index = index_of([t for t in found if t is not None], problems, stems)
    else:
        index = index_techniques(
            [d for d in load(files.techniques) if d is not None], problems, stems, validated
        )

    def compared(part: list[Path]) -> tuple[list[Comparison | None], list[Problem]]:
        own = Problems()
        loaded = (sources.load_file(p, sources.relative(p, config.source), own) for p in part)
        return comparisons_from(loaded, index, own), own.items

    def parse(paths: Sequence[Path]) -> list[Comparison | None]:
        if cache is None and workers is not None and workers.forks("comparisons", len(paths)):
            # Only the small checked models come back from the workers: a parsed YAML tree
            # costs as much to send as to parse again.
            results: list[Comparison | None] = []
            for part, part_problems in workers.map(compared, list(paths)):
                results += part
                problems.extend(part_problems)
            return results
        return comparisons_from(load(paths), index, problems, validated)

    held = cache.comparisons if cache is not None else None
    if held is not None and held.hold(files.comparisons, edited, index, config.drafts):
        problems.extend(held.problems)
        catalog = Catalog(
            index.by_slug,
            held.catalog.comparisons,
            index.aliases,
            drafted=held.catalog.drafted,
        )
        problems.extend(held.undecided(catalog))
    else:
        before = len(problems)
        if keep is not None and cache is None:
            kept_comparisons = keep.comparisons(config.source, index.resolver.signature())
            comparisons = _kept_or_checked(
                kept_comparisons,
                files.comparisons,
                config.source,
                lambda paths: [(c, c is not None) for c in parse(paths)],
            )
        else:
            comparisons = parse(files.comparisons)
        catalog = assemble_catalog(index, comparisons, problems, config.drafts)
        if cache is not None:
            cache.comparisons = CheckedComparisons(
                files.comparisons, index, config.drafts, catalog, problems.items[before:]
            )
        undecided(catalog, problems)
    if problems.items:
        return catalog  # dynamic pairs are composed from a site that passed its checks
    pairs = cache.pairs if cache else None
    catalog, report = with_dynamic_pairs(catalog, config.dynamic_pairs, pairs)
    if config.dynamic_pairs in ("category", "tag"):
        catalog = replace(catalog, notes=(str(report),))
    return catalog
