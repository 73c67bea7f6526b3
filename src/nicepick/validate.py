"""Raw YAML documents → checked models, with every problem found on the way: comparison files
here, technique files in techniques.py, what a reference names in references.py.

Per-file checks come first (keys, types, slugs); cross-file checks (unknown references, duplicate
slugs and pairs) run on whatever was readable, so one run reports as much as it can.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from nicepick import clauses, schema
from nicepick.errors import Problems, did_you_mean
from nicepick.filekeys import read_document
from nicepick.models import ALTERNATIVES, RELATIONS, Catalog, Comparison
from nicepick.references import Resolver
from nicepick.reuse import CheckedFiles, checked
from nicepick.techniques import TechniqueIndex
from nicepick.tree import Document


@dataclass(frozen=True)
class _DraftComparison:
    """A comparison file read on its own, before its technique references are resolved."""

    document: Document
    refs: list[str]
    values: dict[str, Any]


def _comparison_draft(document: Document, problems: Problems) -> _DraftComparison | None:
    values, clean = read_document(document, schema.COMPARISON_FIELDS, "comparison", problems)
    refs = values.get("compare")
    if refs is not None and len(refs) != 2:
        problems.add(
            document.shown,
            document.root.value["compare"].line,
            f"'compare' should list exactly two techniques, found {len(refs)}",
            "e.g. compare: [batch-normalization, layer-normalization]",
        )
        return None
    if not clean or refs is None:
        return None
    return _DraftComparison(document, refs, values)


def _line_of(document: Document, key: str, index: int | None = None) -> int:
    node = document.root.value[key]
    if index is not None and node.kind == "seq":
        return int(node.value[index].line)
    return int(node.line)


def _resolve_comparison(
    draft: _DraftComparison, resolver: Resolver, problems: Problems
) -> Comparison | None:
    document, values = draft.document, draft.values
    shown = document.shown
    slugs: list[str] = []
    for index, ref in enumerate(draft.refs):
        slug = resolver.resolve(ref)
        if slug is None and resolver.is_broken(ref):
            continue
        if slug is None:
            problems.add(
                shown,
                _line_of(document, "compare", index),
                f"unknown technique '{ref}'",
                resolver.hint(ref),
            )
        else:
            slugs.append(slug)
    if len(slugs) != 2:
        return None
    first, second = slugs
    if first == second:
        problems.add(
            shown,
            _line_of(document, "compare"),
            f"compares '{first}' with itself",
            "name two different techniques",
        )
        return None
    ok = True
    pick = ""
    if "pick" in values:
        resolved = resolver.resolve(values["pick"])
        if resolved not in (first, second):
            problems.add(
                shown,
                _line_of(document, "pick"),
                f"pick '{values['pick']}' is not one of the two compared techniques",
                did_you_mean(values["pick"], (first, second)) or f"pick {first} or {second}",
            )
            ok = False
        else:
            pick = resolved
    choose_if: dict[str, tuple[str, ...]] = {}
    for ref, written in values.get("choose_if", {}).items():
        resolved = resolver.resolve(ref)
        if resolved not in (first, second):
            problems.add(
                shown,
                document.root.value["choose_if"].keys[ref].line,
                f"choose_if names '{ref}', which is not one of the two compared techniques",
                did_you_mean(ref, (first, second)) or f"use {first} or {second}",
            )
            ok = False
            continue
        names = resolver.name_words(first, second)
        for clause, line in written:
            why = clauses.read_clause(clause, names)
            if isinstance(why, str):
                problems.add(
                    shown, line, f"choose_if for {resolved} {why}: '{clause}'", clauses.HINT
                )
                ok = False
        choose_if[resolved] = tuple(clause for clause, _ in written)
    relation = values.get("relation", ALTERNATIVES)
    if relation not in RELATIONS:
        problems.add(
            shown,
            _line_of(document, "relation"),
            f"'relation' should be alternatives or complements, not '{relation}'",
            did_you_mean(str(relation), RELATIONS)
            or "alternatives: you pick one; complements: used together",
        )
        ok = False
    if values.get("reason") and "pick" not in values:  # a wrong pick is reported above
        problems.add(
            shown,
            _line_of(document, "reason"),
            "'reason' explains the pick, but the file has no 'pick'",
            f"add 'pick: {first}' (or {second})",
        )
        ok = False
    if not ok:
        return None
    return Comparison(
        first=first,
        second=second,
        pick=pick,
        reason=values.get("reason", ""),
        relation=relation,
        relation_given="relation" in values,
        verdict=values.get("verdict", ""),
        choose_if=choose_if,
        bottom_line=values.get("bottom_line", ""),
        intro=values.get("intro", ""),
        body=values.get("body", ""),
        updated=values.get("updated"),
        draft=values.get("draft", False),
        extra=values.get("extra", {}),
        source=shown,
        line=_line_of(document, "compare"),
        lines={key: node.line for key, node in document.root.keys.items()},
    )


def comparisons_from(
    comparison_documents: Iterable[Document | None],
    index: TechniqueIndex,
    problems: Problems,
    cache: CheckedFiles | None = None,
) -> list[Comparison | None]:
    """Check each comparison file against the techniques: one result per file, in order,
    None for a file with problems (None for a file that could not be parsed, too). Files
    are independent, so this can run in parts."""
    results: list[Comparison | None] = []
    for document in comparison_documents:
        if document is None:
            results.append(None)
            continue
        draft = checked(document, _comparison_draft, problems, cache)
        if draft is None:
            results.append(None)
        elif cache is not None:
            results.append(cache.resolve(draft, index.resolver, _resolve_comparison, problems))
        else:
            results.append(_resolve_comparison(draft, index.resolver, problems))
    return results


def assemble_catalog(
    index: TechniqueIndex,
    comparisons: Iterable[Comparison | None],
    problems: Problems,
    include_drafts: bool,
) -> Catalog:
    """The cross-file checks over comparisons (one file per pair), then the catalog."""
    kept: list[Comparison] = []
    drafted: set[frozenset[str]] = set()
    seen: dict[frozenset[str], Comparison] = {}
    for comparison in comparisons:
        if comparison is None:
            continue
        earlier = seen.get(comparison.pair)
        if earlier is not None:
            problems.add(
                comparison.source,
                comparison.line,
                f"{comparison.first} and {comparison.second} are already compared in "
                f"{earlier.source}:{earlier.line}",
                "keep one file per pair",
            )
            continue
        seen[comparison.pair] = comparison
        if include_drafts or not comparison.draft:
            kept.append(comparison)
        else:
            drafted.add(comparison.pair)
    kept.sort(key=lambda c: (c.first, c.second))
    return Catalog(index.by_slug, tuple(kept), index.aliases, drafted=frozenset(drafted))
