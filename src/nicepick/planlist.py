"""The site's plans as one sequence, the many plans of a comparison's pages made on demand.

A site of 300,000 dynamic pairs has 900,000 plans: a comparison page, a redirect from the
reverse order and a share card for each pair. Held at once they were 170 MiB in the process
that planned them, and each forked worker copied the half it touched. `Made` holds only its
subjects (the comparisons, already held by the catalog) and makes a plan when it is asked for,
in whichever process renders it; `PlanList` joins those with the few hundred plans held as
they are. Whatever walks every page and needs no more than its address (the collision checks)
asks for `paths()`, which makes no plans at all.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, overload

from nicepick.pages import Plan


class _Indexed(Sequence[Plan]):
    """Indices and slices as a list takes them; a subclass says what is at an index, and
    what a slice of it is."""

    def _at(self, index: int) -> Plan:
        raise NotImplementedError

    def _between(self, start: int, stop: int) -> Sequence[Plan]:
        return [self._at(k) for k in range(start, stop)]

    @overload
    def __getitem__(self, index: int) -> Plan: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Plan]: ...
    def __getitem__(self, index: int | slice) -> Plan | Sequence[Plan]:
        size = len(self)
        if isinstance(index, slice):
            start, stop, step = index.indices(size)
            if step != 1:
                return [self._at(k) for k in range(start, stop, step)]
            return self._between(start, max(start, stop))
        if index < 0:
            index += size
        if not 0 <= index < size:
            raise IndexError(index)
        return self._at(index)


@dataclass(frozen=True, eq=False)
class Made(_Indexed):
    """One plan per subject, made by `make` each time it is asked for. `path` gives a
    subject's page address alone, and every plan of the part has the same `in_sitemap`,
    `template` and `kind`: what the sitemaps, `check` and serve ask of a part without
    making its plans."""

    subjects: Sequence[Any]
    make: Callable[[Any], Plan]
    path: Callable[[Any], str]
    in_sitemap: bool
    template: str = ""
    kind: str = ""
    # A subject's last change, as its plan has it: what a sitemap lists besides the path.
    lastmod: Callable[[Any], date | None] | None = None
    # The folder every path of the part lies in ("compare/"), when there is one.
    folder: str = ""

    def apart_from(self, files: Iterable[str]) -> bool:
        """Whether none of these files (paths in the output) can be one of the part's
        paths, lie in one's folder or stand where one needs a folder: none of them is in
        the part's folder or is a file of its name."""
        if not self.folder:
            return False
        named = self.folder.rstrip("/")
        return not any(path == named or path.startswith(self.folder) for path in files)

    def only(self, subjects: Sequence[Any]) -> Made:
        """The same part, with only `subjects`."""
        return replace(self, subjects=subjects)

    def __len__(self) -> int:
        return len(self.subjects)

    def _at(self, index: int) -> Plan:
        return self.make(self.subjects[index])

    def __iter__(self) -> Iterator[Plan]:
        return map(self.make, self.subjects)

    def paths(self) -> Iterator[str]:
        return map(self.path, self.subjects)

    def dated_paths(self, start: int, stop: int) -> list[tuple[str, date | None]]:
        """The path and last change of plans `start` to `stop`, without making them when the
        part knows its subjects' changes: making 100,000 comparisons' plans for the
        sitemaps' digests was 0.7 s of a one-edit build at 100,000 comparisons."""
        subjects = self.subjects[start:stop]
        if self.lastmod is None:
            return [(plan.path, plan.lastmod) for plan in map(self.make, subjects)]
        return list(zip(map(self.path, subjects), map(self.lastmod, subjects), strict=True))


class PlanList(_Indexed):
    """Parts joined into one sequence, in order: lists of plans, and `Made` parts."""

    def __init__(self, parts: Iterable[Sequence[Plan]]) -> None:
        self.parts = [part for part in parts if len(part)]
        self._starts: list[int] = []
        total = 0
        for part in self.parts:
            self._starts.append(total)
            total += len(part)
        self._total = total

    def __len__(self) -> int:
        return self._total

    def _between(self, start: int, stop: int) -> Sequence[Plan]:
        return Window(self, start, stop)

    def _at(self, index: int) -> Plan:
        number = bisect_right(self._starts, index) - 1
        part, offset = self.parts[number], index - self._starts[number]
        return part._at(offset) if isinstance(part, Made) else part[offset]

    def __iter__(self) -> Iterator[Plan]:
        for part in self.parts:
            yield from part

    def taken(self, indices: range) -> Iterator[Plan]:
        """The plans at `indices`, in order: a part at a time, without looking each index up
        (a worker's share of the pages is every 64th plan)."""
        if indices and (indices.step < 0 or indices[0] < 0 or indices[-1] >= self._total):
            yield from map(self.__getitem__, indices)  # as a list's indices: wrapped, or raising
            return
        for part, start in zip(self.parts, self._starts, strict=True):
            inside = _within(indices, start, start + len(part))
            if not inside:
                continue
            first, stop, step = inside.start - start, inside.stop - start, inside.step
            if isinstance(part, Made):
                yield from map(part.make, part.subjects[first:stop:step])
            else:
                yield from part[first:stop:step]

    def pieces(self, start: int, stop: int) -> Iterator[tuple[Sequence[Plan], int, int]]:
        """The parts that plans `start` to `stop` lie in, each with the run it holds of
        them (from, to): what a sitemap's digest looks at a part at a time."""
        for part, first in zip(self.parts, self._starts, strict=True):
            low, high = max(start, first), min(stop, first + len(part))
            if low < high:
                yield part, low - first, high - first

    def paths(self, made: bool | None = None, near: Iterable[str] = ()) -> Iterator[str]:
        """Every plan's path, in order; a `Made` part's without making its plans. `made`:
        only those of `Made` parts (True), or only those of the plans held (False). `near`:
        paths in the output (the static files); a `Made` part none of them can meet
        (Made.apart_from) is passed over, as its paths can be nowhere near them."""
        near = list(near)
        for part in self.parts:
            if isinstance(part, Made):
                if made is not False and not (near and part.apart_from(near)):
                    yield from part.paths()
            elif made is not True:
                yield from (plan.path for plan in part)

    def templates(self) -> set[str]:
        """The templates the plans render with."""
        found: set[str] = set()
        for part in self.parts:
            if isinstance(part, Made):
                found.add(part.template)
            else:
                found.update(plan.template for plan in part)
        return found - {""}

    def in_sitemap(self) -> PlanList:
        """The plans a sitemap lists, in order: `Made` parts whole or not at all."""
        kept: list[Sequence[Plan]] = []
        for part in self.parts:
            if isinstance(part, Made):
                if part.in_sitemap:
                    kept.append(part)
            else:
                kept.append([plan for plan in part if plan.in_sitemap])
        return PlanList(kept)


class Window(_Indexed):
    """Plans `start` to `stop` of a PlanList, made when asked for: a sitemap's share."""

    def __init__(self, plans: PlanList, start: int, stop: int) -> None:
        self.plans, self.start, self.stop = plans, start, stop

    def __len__(self) -> int:
        return self.stop - self.start

    def _between(self, start: int, stop: int) -> Sequence[Plan]:
        return Window(self.plans, self.start + start, self.start + stop)

    def _at(self, index: int) -> Plan:
        return self.plans._at(self.start + index)

    def __iter__(self) -> Iterator[Plan]:
        return self.plans.taken(range(self.start, self.stop))


def pieces_of(plans: Sequence[Plan]) -> list[tuple[Sequence[Plan], int, int]]:
    """The parts any sequence of plans lies in, each with the run it holds of them."""
    if isinstance(plans, Window):
        return list(plans.plans.pieces(plans.start, plans.stop))
    if isinstance(plans, PlanList):
        return list(plans.pieces(0, len(plans)))
    return [(plans, 0, len(plans))]


def dated_paths(part: Sequence[Plan], start: int, stop: int) -> list[tuple[str, date | None]]:
    """The path and last change of plans `start` to `stop` of one part (`pieces_of`)."""
    if isinstance(part, Made):
        return part.dated_paths(start, stop)
    return [(plan.path, plan.lastmod) for plan in part[start:stop]]


def taken(plans: Sequence[Plan], indices: range) -> Iterator[Plan]:
    """The plans at `indices`, in order, from a PlanList or any other sequence of plans."""
    if isinstance(plans, PlanList):
        return plans.taken(indices)
    return (plans[index] for index in indices)


def _within(indices: range, start: int, stop: int) -> range:
    """The part of `indices` (a range with a positive step) from `start` up to `stop`."""
    step = indices.step
    first = max(0, -(-(start - indices.start) // step))
    last = max(0, -(-(stop - indices.start) // step))
    return indices[first:last]
