#!/usr/bin/env python3
"""Write a deterministic nicepick site of any size, for benchmarks and large-site tests.

    python bench/generate.py --techniques 1000 --comparisons 10000 --seed 1 --out /dev/shm/site

Field lengths follow a realistic site: ~30-word summaries, 2-3 pros, 1-2 cons, 2 related tags,
one to five facts (four on average, declared in nicepick.yaml, one with `better:`), a hand-written
verdict on about a fifth of the comparisons. Same arguments, same bytes.
"""

from __future__ import annotations

import argparse
import random
import shutil
from pathlib import Path

SYLLABLES = [
    "ka",
    "lo",
    "mi",
    "ra",
    "tu",
    "ne",
    "so",
    "vi",
    "da",
    "pe",
    "zu",
    "fo",
    "ri",
    "ga",
    "ma",
    "te",
    "lu",
    "bo",
    "xi",
    "ny",
    "qua",
    "sen",
    "tor",
    "lin",
    "dex",
    "vel",
    "mar",
    "kon",
    "pra",
    "sta",
    "gel",
]
KINDS = ("library", "framework", "tool", "technique", "database", "language", "platform")
WORDS = [
    "fast",
    "simple",
    "robust",
    "mature",
    "flexible",
    "typed",
    "portable",
    "concurrent",
    "streaming",
    "declarative",
    "incremental",
    "lightweight",
    "embedded",
    "distributed",
    "reactive",
    "modular",
    "secure",
    "scalable",
    "caching",
    "parsing",
    "testing",
    "rendering",
    "logging",
    "routing",
    "indexing",
    "batching",
    "tracing",
]
LICENSES = ["MIT", "Apache-2.0", "BSD-3-Clause", "GPL-3.0-or-later", "MPL-2.0", "Proprietary"]
LANGUAGES = ["Rust", "Go", "Python", "C", "C++", "Java", "TypeScript", "Kotlin"]
DECLARATIONS = """facts:
  license: {label: License}
  written_in: {label: Written in}
  first_release: {label: First release}
  self_hosted: {label: Self-hosted}
  github_stars: {label: GitHub stars, better: higher}
"""
NOUNS = [
    "teams",
    "services",
    "pipelines",
    "workloads",
    "prototypes",
    "datasets",
    "clusters",
    "queries",
    "builds",
    "releases",
    "models",
    "dashboards",
    "schemas",
    "migrations",
    "endpoints",
]


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3)))


def _sentence(rng: random.Random, words: int) -> str:
    picked = [rng.choice(WORDS if i % 3 else NOUNS) for i in range(words)]
    return "It " + " ".join(picked) + "."


def _summary(rng: random.Random, name: str) -> str:
    rest = " ".join(rng.choice(WORDS + NOUNS) for _ in range(26))
    return f"Reach for {name} when you need {rest}."


def _facts(rng: random.Random) -> str:
    """Up to five facts, of every shape but Markdown text: a licence, a language or two,
    a first release date, yes/no, a star count; each after the first may be missing."""
    languages = rng.sample(LANGUAGES, rng.randint(1, 2))
    released = f"{rng.randint(1995, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    facts = [
        f"  license: {rng.choice(LICENSES)}",
        "  written_in: "
        + (languages[0] if len(languages) == 1 else "[" + ", ".join(languages) + "]"),
        f"  first_release: {released}",
        f"  self_hosted: {rng.choice(('true', 'false'))}",
        f"  github_stars: {rng.randint(50, 120_000)}",
    ]
    kept = [facts[0]] + [fact for fact in facts[1:] if rng.random() < 0.75]
    return "facts:\n" + "\n".join(kept) + "\n"


def _lists(rng: random.Random) -> tuple[str, str, str]:
    """A technique's pros and cons (as YAML list lines) and its related tags."""
    pros = "\n".join(f"  - {_sentence(rng, rng.randint(10, 16))}" for _ in range(rng.randint(2, 3)))
    cons = "\n".join(f"  - {_sentence(rng, rng.randint(8, 14))}" for _ in range(rng.randint(1, 2)))
    return pros, cons, ", ".join(rng.choice(WORDS) for _ in range(2))


def generate(out: Path, techniques: int, comparisons: int, seed: int) -> None:
    rng = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    (out / "comparisons" / "techniques").mkdir(parents=True)
    categories = [f"{_word(rng)}-{_word(rng)}" for _ in range(max(1, techniques // 40))]
    slugs: list[str] = []
    seen: set[str] = set()
    while len(slugs) < techniques:
        slug = f"{_word(rng)}-{_word(rng)}"
        if slug in seen:
            continue
        seen.add(slug)
        slugs.append(slug)
    category_of = {slug: rng.choice(categories) for slug in slugs}
    popularity_of: dict[str, int] = {}
    # Facts draw from their own generator, so the rest of the site is the same as without them.
    facts_rng = random.Random(seed + 1_000_003)
    for slug in slugs:
        name = " ".join(part.capitalize() for part in slug.split("-"))
        pros, cons, related = _lists(rng)
        popularity_of[slug] = rng.randint(1, 100)
        (out / "comparisons" / "techniques" / f"{slug}.yaml").write_text(
            f"name: {name}\nkind: {rng.choice(KINDS)}\ncategory: {category_of[slug]}\n"
            f"summary: {_summary(rng, name)}\npros:\n{pros}\ncons:\n{cons}\n"
            f"related: [{related}]\npopularity: {popularity_of[slug]}\n" + _facts(facts_rng),
            "utf-8",
        )
    by_category: dict[str, list[str]] = {}
    for slug in slugs:
        by_category.setdefault(category_of[slug], []).append(slug)
    limit = techniques * (techniques - 1) // 2
    if comparisons > limit:
        raise SystemExit(f"at most {limit} comparisons for {techniques} techniques")
    pairs: set[frozenset[str]] = set()
    while len(pairs) < comparisons:
        # Mostly within a category, as real sites are; some across, to exercise both.
        pool = by_category[rng.choice(categories)] if rng.random() < 0.8 else slugs
        if len(pool) < 2:
            pool = slugs
        a, b = rng.sample(pool, 2)
        pair = frozenset((a, b))
        if pair in pairs:
            continue
        pairs.add(pair)
        lines = [f"compare: [{a}, {b}]"]
        if rng.random() < 0.5:
            lines.append(f"pick: {rng.choice((a, b))}")
        elif popularity_of[a] == popularity_of[b]:
            lines.append(f"pick: {a}")  # nothing else would decide: nicepick refuses those
        if rng.random() < 0.2:
            lines.append(f"verdict: {_sentence(rng, 20)} {_sentence(rng, 14)}")
        if rng.random() < 0.3:
            lines.append(f"updated: 2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}")
        (out / "comparisons" / f"{a}-vs-{b}.yaml").write_text("\n".join(lines) + "\n", "utf-8")
    (out / "nicepick.yaml").write_text(
        "title: Generated Picks\nbase_url: https://bench.example.org/\n"
        "contact_email: picks@bench.example.org\n" + DECLARATIONS,
        "utf-8",
    )


def dynamic_size(pairs: int) -> int:
    """Techniques per category so that two categories make at least `pairs` dynamic pairs."""
    per = 2
    while per * (per - 1) < pairs:  # two categories of n make n(n-1) pairs
        per += 1
    return per


def generate_dynamic(out: Path, pairs: int, seed: int) -> None:
    """A site that grows by `dynamic_pairs: category` alone: two categories of one kind, as
    many techniques in each as make `pairs` comparisons (300,000: 2 x 549), no comparison
    files. Its techniques are written as generate() writes them."""
    rng = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    (out / "comparisons" / "techniques").mkdir(parents=True)
    per = dynamic_size(pairs)
    # Distinct scores: a pair whose popularity ties is left out (dynamic.py), and the size
    # asked for is the size built.
    scores = iter(rng.sample(range(1, 10_001), 2 * per))
    seen: set[str] = set()
    facts_rng = random.Random(seed + 1_000_003)
    for category in ("first-field", "second-field"):
        made = 0
        while made < per:
            slug = f"{_word(rng)}-{_word(rng)}-{_word(rng)}"
            if slug in seen:
                continue
            seen.add(slug)
            made += 1
            name = " ".join(part.capitalize() for part in slug.split("-"))
            pros, cons, related = _lists(rng)
            (out / "comparisons" / "techniques" / f"{slug}.yaml").write_text(
                f"name: {name}\nkind: framework\ncategory: {category}\n"
                f"summary: {_summary(rng, name)}\npros:\n{pros}\ncons:\n{cons}\n"
                f"related: [{related}]\npopularity: {next(scores)}\n" + _facts(facts_rng),
                "utf-8",
            )
    (out / "nicepick.yaml").write_text(
        "title: Generated Picks\nbase_url: https://bench.example.org/\n"
        "contact_email: picks@bench.example.org\ndynamic_pairs: category\n"
        "popularity: {max: 10000}\n" + DECLARATIONS,
        "utf-8",
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--techniques", type=int, default=100)
    parser.add_argument("--comparisons", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    generate(args.out, args.techniques, args.comparisons, args.seed)


if __name__ == "__main__":
    main()
