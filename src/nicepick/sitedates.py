"""The dates of a site's comparisons and techniques (dates.py), and what serve keeps of them
between saves: the git history it read, each file's dates, and the last answer whole.
"""

from __future__ import annotations

from operator import is_
from typing import TYPE_CHECKING

from nicepick.dates import (
    ContentDates,
    FileDates,
    GitHistory,
    content_dates,
    git_head,
    read_history,
)
from nicepick.sitefiles import CONTENT_DIR

if TYPE_CHECKING:
    from nicepick.config import SiteConfig
    from nicepick.models import Catalog
    from nicepick.reuse import Reuse


def of_site(config: SiteConfig, catalog: Catalog, reuse: Reuse | None) -> ContentDates:
    """When each comparison and technique of the site was published and last changed; serve
    keeps the git history it read, and asks again only about the work tree. It keeps each
    file's dates too: a file its loader did not read again (the same object comes back) and
    a history read at the same commit with the same edits give the same dates."""
    folder = config.source / CONTENT_DIR
    history = None
    head = git_head(folder) if folder.is_dir() else None
    if head is not None:
        history = read_history(folder, head, reuse.recall("history") if reuse else None)
    if reuse is not None:
        reuse.remember("history", history)
    same = None if history is None else (history.top, history.head, history.edited)
    earlier = reuse.recall("file dates") if reuse is not None else None
    if earlier is not None and earlier[0] == same:
        assert reuse is not None
        again = _as_before(config, catalog, history, earlier, reuse.recall("dates"))
        if again is not None:
            reuse.remember("dates", (same, catalog.comparisons, again))
            return again
    known = _unchanged(catalog, *earlier[1:]) if earlier and earlier[0] == same else None
    keeper = reuse.keeper if reuse is not None else None
    dated, by_file = content_dates(
        config.source,
        ((slug, t.source) for slug, t in catalog.techniques.items()),
        ((c, "" if c.generated else c.source, c.updated) for c in catalog.comparisons),
        history,
        known,
        keeper.stamps(config.source) if keeper is not None else None,
    )
    if reuse is not None:
        sources: dict[str, object] = {t.source: t for t in catalog.techniques.values()}
        sources.update((c.source, c) for c in catalog.comparisons if not c.generated)
        reuse.remember("file dates", (same, sources, by_file))
        reuse.remember("dates", (same, catalog.comparisons, dated))
    return dated


def _as_before(
    config: SiteConfig,
    catalog: Catalog,
    history: GitHistory | None,
    files: tuple[object, dict[str, object], dict[str, FileDates]],
    earlier: tuple[object, tuple[object, ...], ContentDates] | None,
) -> ContentDates | None:
    """The last answer, when every comparison is the very object it was (its file unchanged),
    the history is read at the same state, and the techniques' dates, which generated pairs
    take theirs from, are as they were: then only the techniques are dated again. A save to
    a technique's text at 100,000 comparisons then dates 2,000 files, not 102,000."""
    if earlier is None or earlier[0] != files[0]:
        return None
    before, now = earlier[1], catalog.comparisons
    if len(before) != len(now) or not all(map(is_, before, now)):
        return None
    _, sources, by_file = files
    known = {
        t.source: by_file[t.source]
        for t in catalog.techniques.values()
        if sources.get(t.source) is t
    }
    techniques = ((slug, t.source) for slug, t in catalog.techniques.items())
    dated, _ = content_dates(config.source, techniques, (), history, known)
    if dated.techniques != earlier[2].techniques:
        return None
    return ContentDates(earlier[2].comparisons, dated.techniques, earlier[2].newest)


def _unchanged(
    catalog: Catalog, sources: dict[str, object], by_file: dict[str, FileDates]
) -> dict[str, FileDates]:
    """The dates of the files whose technique or comparison is the very object it was."""
    techniques = catalog.techniques.values()
    known = {t.source: by_file[t.source] for t in techniques if sources.get(t.source) is t}
    known.update(
        (c.source, by_file[c.source]) for c in catalog.comparisons if sources.get(c.source) is c
    )
    return known
