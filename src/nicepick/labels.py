"""Labels readers see for categories and tags: as the editor wrote them, never lowered.

A label written as a slug ("deep-learning", "ci-cd") is turned into words ("Deep learning",
"CI/CD"), unless the site names it in `labels:` of nicepick.yaml, which always wins. A tag
spelled as words by one technique and as a slug by another shows the words. Inside a
sentence, a label written as a slug keeps its small letter ("related to deep learning").
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from nicepick.slugs import is_slug

# Words that a slug lowers but readers expect in capitals or a brand's own case.
_SPELLINGS = {
    word.lower(): word
    for word in """API APIs AI ML MLOps DevOps DevSecOps GitOps
CI CD CLI CLIs CPU CPUs GPU GPUs TPU CSS HTML HTTP HTTPS HTTP/2 HTTP/3 SQL NoSQL ORM ORMs REST
gRPC GraphQL JSON YAML XML JVM JIT AWS GCP IoT NLP LLM LLMs RPC TCP UDP DNS CDN SDK SDKs IDE
IDEs OS VM VMs SSO OAuth JWT URL URLs SSH TLS SSL IaC SaaS PaaS IaaS UI UX JavaScript
TypeScript WebAssembly Wasm GitHub GitLab iOS macOS PHP ETL ELT OLAP OLTP RAG CQRS BI QA E2E
P2P PWA SPA SSR SSG WebSockets WebRTC WebGL WebGPU WebXR VR AR XR AMQP MQTT CRDT
""".split()
}
_PAIRS = {"ci-cd": "CI/CD", "a-b-testing": "A/B testing", "i-o": "I/O", "ui-ux": "UI/UX"}


def humanize(slug: str, capital: bool = True) -> str:
    """Words for a slug: "machine-learning" → "Machine learning", "api-design" → "API design";
    without `capital`, the first word as the slug has it ("machine learning")."""
    if slug in _PAIRS:
        return _PAIRS[slug]
    words = [_SPELLINGS.get(word, word) for word in slug.split("-") if word]
    if not words:
        return slug
    first = words[0]
    if capital:
        words[0] = first[:1].upper() + first[1:] if first.islower() else first
    return " ".join(words)


def as_written(text: str, slug: str, named: Mapping[str, str]) -> str:
    """The label for a category or tag written `text` (slug `slug`)."""
    if slug in named:
        return named[slug]
    return humanize(slug) if is_slug(text) else text


def in_sentence(text: str, slug: str, named: Mapping[str, str]) -> str:
    """The label inside a sentence ("4 techniques are related to batch cooking"): one
    written as a slug keeps the small letter the editor gave it, and only ours was a
    capital; one written in words, or named in `labels:`, is a name as written ("Rust")."""
    if slug in named or not is_slug(text):
        return as_written(text, slug, named)
    return humanize(slug, capital=False)


def tag_labels(
    spellings: Iterable[tuple[str, str]], named: Mapping[str, str]
) -> tuple[dict[str, str], dict[str, str]]:
    """One label per tag slug from every (slug, text) a site wrote: the site's own label if
    it gave one, else the first spelling in words, else the slug turned into words; and the
    same label inside a sentence (`in_sentence`)."""
    found: dict[str, str] = {}
    for slug, text in spellings:
        if slug not in found or (is_slug(found[slug]) and not is_slug(text)):
            found[slug] = text
    return (
        {slug: as_written(text, slug, named) for slug, text in found.items()},
        {slug: in_sentence(text, slug, named) for slug, text in found.items()},
    )
