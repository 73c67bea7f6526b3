"""The seam through which earlier results reach a build. The core declares here what it may
be handed and never imports what fills it (`incremental/`: the up-to-date check, page
fingerprints, serve's session). A build handed nothing reads every file, plans and renders
every page, and writes the same bytes (tests/test_incremental.py holds it to that)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

if TYPE_CHECKING:
    from nicepick.config import SiteConfig
    from nicepick.derived import Derived
    from nicepick.manifest import Manifest
    from nicepick.pages import Plan
    from nicepick.parallel import Parallel
    from nicepick.theme import Assets, Environment
    from nicepick.writer import BuildReport

T = TypeVar("T")


@dataclass
class Earlier:
    """The last build's output, as its manifest recorded it, and what this build will
    record: the signature of its inputs and of its theme."""

    manifest: Manifest | None
    inputs: str = ""
    theme: str = ""


class Reuse(Protocol):
    """Earlier results, where they still hold."""

    def up_to_date(
        self, config: SiteConfig, force: bool, workers: Parallel | None
    ) -> BuildReport | None:
        """A report of nothing done when nothing changed since the last build; else None."""
        ...

    def earlier(self, config: SiteConfig) -> Earlier:
        """The last build's output, whose unchanged pages may be kept."""
        ...

    def recall(self, name: str) -> Any:
        """What the last build remembered under `name`, or None."""
        ...

    def remember(self, name: str, value: object) -> None:
        """Keep `value` for the next build (serve keeps it in memory; `build` does not)."""
        ...

    def environment(
        self, config: SiteConfig, words: SimpleNamespace, assets: Assets
    ) -> Environment:
        """The template environment, its templates compiled already where none changed."""
        ...

    def fingerprints(self, derived: Derived) -> Callable[[Plan], bytes]:
        """A digest of everything each page shows, to keep pages whose digest is unchanged."""
        ...

    def built(self, manifest: Manifest) -> None:
        """What the build wrote, for the next one."""
        ...

    loading: Any  # what the loader reuses: parsed files, checked comparisons (load.py)


def kept(reuse: Reuse | None, name: str, key: Callable[[], object], make: Callable[[], T]) -> T:
    """What `make` returned in the last build while `key()` is unchanged; else `make()`."""
    if reuse is None:
        return make()
    known, earlier = key(), reuse.recall(name)
    if earlier is not None and earlier[0] == known:
        return earlier[1]  # type: ignore[no-any-return]
    value = make()
    reuse.remember(name, (known, value))
    return value
