"""How a comparison's references (`compare: [a, b]`, `pick`, `choose_if`) name techniques:
by slug, by alias, or by a name that slugifies to one. `nicepick new comparison` resolves its
two arguments the same way."""

from __future__ import annotations

import hashlib

from nicepick import prose
from nicepick.errors import did_you_mean
from nicepick.models import Technique
from nicepick.slugs import slugify


class Resolver:
    """Finds the technique a reference means: a slug, an alias, or a name that slugifies to one."""

    def __init__(
        self, techniques: dict[str, Technique], aliases: dict[str, str], broken: set[str]
    ) -> None:
        self.known = {slug: slug for slug in techniques} | aliases
        self.by_name = {t.name.casefold(): t.slug for t in techniques.values()}
        self.broken = broken
        self.names = {slug: (t.name, *t.alias_names) for slug, t in techniques.items()}

    def name_words(self, *slugs: str) -> frozenset[str]:
        """The words of these techniques' names and aliases: a clause starting with one
        keeps its capital."""
        return prose.name_words(*(n for slug in slugs for n in self.names.get(slug, ())))

    def same_as(self, other: Resolver) -> bool:
        """Whether every reference resolves (or fails) the same way with `other`."""
        return (
            self.known == other.known
            and self.by_name == other.by_name
            and self.broken == other.broken
            and self.names == other.names
        )

    def signature(self) -> str:
        """Equal for two resolvers that resolve (or fail) every reference the same way."""
        text = repr(
            (
                sorted(self.known.items()),
                sorted(self.by_name.items()),
                sorted(self.broken),
                sorted(self.names.items()),
            )
        )
        return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()

    def is_broken(self, ref: str) -> bool:
        """A reference to a technique whose own file has problems: already reported there."""
        return ref in self.broken or slugify(ref) in self.broken

    def resolve(self, ref: str) -> str | None:
        if ref in self.known:
            return self.known[ref]
        if ref.casefold() in self.by_name:
            return self.by_name[ref.casefold()]
        return self.known.get(slugify(ref))

    def suggestion(self, ref: str) -> str:
        """A known slug or alias the reference may be a misspelling of ("did you mean…"), or ''."""
        return did_you_mean(slugify(ref) or ref, self.known)

    def hint(self, ref: str) -> str:
        return self.suggestion(ref) or "add a file for it under comparisons/techniques/"
