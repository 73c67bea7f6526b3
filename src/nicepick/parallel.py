"""The seam through which processes reach a build. The core declares here what it may be
handed and never imports what fills it: `processes.Workers` fans a build's large loops out
to forked processes. A build handed nothing does everything itself, in this process, and
writes the same bytes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, Protocol, TypeVar

T = TypeVar("T")
R = TypeVar("R")
R_co = TypeVar("R_co", covariant=True)


class Parallel(Protocol):
    """Runs a build's large loops (reading files, rendering pages) in several processes,
    and the up-to-date check's stat of every output file in two (processes.Workers)."""

    def forks(self, job: str, items: int) -> bool:
        """Whether `items` of `job` ("techniques", "comparisons", "pages", "bands") are
        worth it."""
        ...

    def map(self, work: Callable[[list[T]], R], items: list[T]) -> list[R]:
        """`work` over parts of `items`: one result per part, in order."""
        ...

    def share(
        self,
        work: Callable[[range], R],
        total: int,
        stop: Callable[[R], bool],
        progress: Callable[[list[R]], None] | None = None,
    ) -> list[R]:
        """`work` over chunks of range(total): the results in order, or only the first that
        `stop` accepts. `progress` is told every result so far."""
        ...

    def settle(self) -> None:
        """What the build has made so far (the catalog, the plans) lives until it ends:
        collections of garbage need not look at it again."""
        ...

    def all_of(self, check: Callable[[int], bool], total: int) -> Callable[[], bool]:
        """Whether `check` holds for every number below `total`, asked elsewhere as well
        while this process goes on; call the function returned for the answer (it must be
        called)."""
        ...

    def aside(self, work: Callable[[], R]) -> Aside[R]:
        """`work` done elsewhere while this process goes on: a count for the build's last
        line, a cache written for the next build."""
        ...


class Aside(Protocol[R_co]):
    """Work set aside (Parallel.aside): waited for once, by either method."""

    def result(self) -> R_co | None:
        """Its result once it is done; None if it failed there (the caller does the work
        itself when it needs the answer)."""
        ...

    def stop(self) -> None:
        """Its result will not be read: end it now."""
        ...


class Done(Generic[R]):
    """Work done here already: an Aside for a build without a second core."""

    def __init__(self, value: R) -> None:
        self.value = value

    def result(self) -> R | None:
        return self.value

    def stop(self) -> None:
        pass
