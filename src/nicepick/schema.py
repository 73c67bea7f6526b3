"""The content format: every key of every file kind, its type and what it means.

Declared once here, used by the validator, and (later) exported as JSON Schema so editors and the
validator cannot drift apart. The key names are a contract with users and other tools.
"""

from __future__ import annotations

from dataclasses import dataclass

from nicepick.slugs import SLUG_PATTERN

# Field types understood by the validator's readers.
TEXT = "text"  # one line of plain text
MARKDOWN = "markdown"  # Markdown with its blocks: headings, lists, paragraphs
INLINE = "inline markdown"  # one sentence of Markdown: emphasis, code, links; no blocks
SLUG = "slug"
TEXT_LIST = "text list"
PAIR = "pair"  # exactly two technique references
NUMBER = "number"
BOOLEAN = "boolean"
DATE = "date"
LINKS = "links"  # mapping label -> URL
CLAUSES = "clauses"  # mapping technique -> clause
MAPPING = "mapping"  # free data for templates
URL = "url"
EMAIL = "email"
LANGUAGE = "language"
FACTS = "facts"  # mapping fact key -> value (facts.py)
FACT_DECLARATIONS = "fact declarations"  # mapping fact key -> label, unit, better, order


@dataclass(frozen=True)
class Field:
    """One key of a content file."""

    name: str
    type: str
    doc: str
    required: bool = False
    json: dict[str, object] | None = None  # a JSON Schema more precise than the type's


TECHNIQUE_FIELDS = (
    Field("name", TEXT, 'Display name, as it should be written ("PyTorch", "CI/CD").', True),
    Field("summary", INLINE, "One sentence on when to reach for it (inline Markdown).", True),
    Field("slug", SLUG, "URL name; defaults to the file name without .yaml."),
    Field(
        "kind",
        TEXT,
        "What it is: technique, concept, tool, library, language… (default: technique).",
    ),
    Field(
        "category",
        TEXT,
        "The field it belongs to, e.g. machine-learning; groups the index and the rankings.",
    ),
    Field("tagline", TEXT, "An optional one-line description."),
    Field("pros", TEXT_LIST, "Strengths, one inline-Markdown sentence each."),
    Field("cons", TEXT_LIST, "Drawbacks, one inline-Markdown sentence each."),
    Field("related", TEXT_LIST, "Tags or technique slugs this is related to."),
    Field("aliases", TEXT_LIST, "Other names or slugs; each alias slug redirects to this page."),
    Field(
        "popularity", NUMBER, "How widely used it is (any scale); decides picks not set by hand."
    ),
    Field("links", LINKS, "Further reading: a mapping of label to URL."),
    Field("body", MARKDOWN, "Long-form Markdown shown on the technique page."),
    Field(
        "facts",
        FACTS,
        "Hard facts shown side by side on comparison pages: fact key → text "
        "(inline Markdown), number, true/false, date (YYYY-MM-DD) or list of texts.",
    ),
    Field("extra", MAPPING, "Free data for custom templates."),
)

COMPARISON_FIELDS = (
    Field("compare", PAIR, "The two techniques, by slug; the URL follows this order.", True),
    Field(
        "relation",
        TEXT,
        "'alternatives' (default: you pick one) or 'complements' (used "
        "together, or at different layers).",
        json={"enum": ["alternatives", "complements"]},
    ),
    Field(
        "pick",
        SLUG,
        "The winner, one of the two (for complements, the one to adopt "
        "first); by default the more popular one.",
    ),
    Field("reason", INLINE, "One sentence saying why the pick; needs 'pick'."),
    Field(
        "verdict",
        MARKDOWN,
        "Hand-written verdict replacing the composed one; marks the page Editorial.",
    ),
    Field(
        "choose_if",
        CLAUSES,
        "Per technique, when to choose it: 'when you…', 'if…', "
        "'you…', a verb ('need…'), 'for…' or who it suits ('teams that…').",
    ),
    Field("bottom_line", MARKDOWN, "Hand-written bottom line replacing the composed one."),
    Field("intro", MARKDOWN, "Hand-written introduction replacing the composed one."),
    Field("body", MARKDOWN, "Long-form editorial comparison with its own headings."),
    Field("updated", DATE, "When the comparison was last revised (YYYY-MM-DD)."),
    Field("draft", BOOLEAN, "Drafts are built only with --drafts."),
    Field("extra", MAPPING, "Free data for custom templates."),
)

# The keys of nicepick.yaml's `popularity:` (config.py reads them).
_POPULARITY_PROPERTIES: dict[str, object] = {
    "means": {"type": "string"},
    "max": {"type": "number", "exclusiveMinimum": 0},
    "close": {"type": "number", "minimum": 0},
}
POPULARITY_KEYS = tuple(_POPULARITY_PROPERTIES)

# A fact declaration's keys, and the words `better` takes (factfields.py reads them).
BETTER = ("higher", "lower")
_DECLARATION_PROPERTIES: dict[str, object] = {
    "label": {"type": "string", "description": "The fact's name, shown to readers."},
    "unit": {"type": "string", "description": "Shown after numbers (MB, %, stars)."},
    "better": {
        "enum": list(BETTER),
        "description": "Which value is better, for numbers and dates.",
    },
    "order": {"type": "number", "description": "Position in tables."},
}
DECLARATION_KEYS = tuple(_DECLARATION_PROPERTIES)

# A language code, as `en`, `en-GB` or `zh-Hant-TW` (fields.py checks it).
LANGUAGE_PATTERN = r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$"

CONFIG_FIELDS = (
    Field("title", TEXT, "The site's name, shown in every page title."),
    Field(
        "base_url",
        URL,
        "Where the site is published, possibly with a sub-path (https://user.github.io/picks/).",
    ),
    Field("description", TEXT, "One sentence about the site, for the home page and feeds."),
    Field("contact_email", EMAIL, 'Address for the "Disagree with our pick?" link.'),
    Field("language", LANGUAGE, "The pages' language code (default: en)."),
    Field("unsafe_html", BOOLEAN, "Let raw HTML in Markdown through (default: false)."),
    Field(
        "share_cards",
        BOOLEAN,
        "Draw a 1200x630 PNG share card (og:image) for every "
        "comparison, technique and the site (default: true).",
    ),
    Field(
        "dynamic_pairs",
        TEXT,
        "Compose a comparison for every pair without a file of its "
        "own: 'category' (same category), 'tag' (a shared related tag) or 'none' (default).",
    ),
    Field(
        "labels",
        MAPPING,
        "Readable labels for slug-style tags and categories, e.g. 'ci-cd: CI/CD'.",
        json={"type": "object", "additionalProperties": {"type": "string"}},
    ),
    Field(
        "popularity",
        MAPPING,
        "What techniques' popularity numbers mean: 'means' (a short "
        "phrase), 'max' (the top of the scale) and 'close' (a margin that reads as close).",
        json={
            "type": "object",
            "additionalProperties": False,
            "properties": _POPULARITY_PROPERTIES,
        },
    ),
    Field(
        "facts",
        FACT_DECLARATIONS,
        "Declares techniques' facts: per key a label, and "
        "optionally a unit, better (higher or lower) and an order.",
    ),
    Field("ranking_fact", TEXT, "A declared fact to show beside each technique on ranking pages."),
    Field("extra", MAPPING, "Free data for custom templates."),
)


# What `nicepick new technique` writes for the editor to replace; never published as is.
PLACEHOLDERS = {
    "summary": ("Reach for {name} when …", r"^Reach for .+ when …$"),
    "pros": ("What {name} does best.", r"^What .+ does best\.$"),
    "cons": ("What {name} costs you.", r"^What .+ costs you\.$"),
}


def field_names(fields: tuple[Field, ...]) -> list[str]:
    return [f.name for f in fields]


_JSON_TYPES: dict[str, dict[str, object]] = {
    TEXT: {"type": ["string", "number", "boolean"]},
    MARKDOWN: {"type": "string"},
    INLINE: {"type": "string"},
    SLUG: {"type": "string", "pattern": SLUG_PATTERN},  # slugs in any script
    TEXT_LIST: {"type": "array", "items": {"type": ["string", "number"]}},
    PAIR: {"type": "array", "items": {"type": "string"}, "minItems": 2, "maxItems": 2},
    NUMBER: {"type": "number"},
    BOOLEAN: {"type": "boolean"},
    DATE: {"type": "string", "pattern": "^\\d{4}-\\d{2}-\\d{2}"},
    LINKS: {
        "type": "object",
        "additionalProperties": {"type": "string", "pattern": "^(https?|mailto):"},
    },
    CLAUSES: {
        "type": "object",
        "additionalProperties": {
            "anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]
        },
    },
    MAPPING: {"type": "object"},
    URL: {"type": "string", "pattern": "^https?://[^/?#]+(/[^?#]*)?$"},
    EMAIL: {"type": "string", "pattern": "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$"},
    LANGUAGE: {"type": "string", "pattern": LANGUAGE_PATTERN},
    # Dates are strings here: YAML-aware editors check a file as JSON, where a date is text.
    FACTS: {
        "type": "object",
        "additionalProperties": {
            "type": ["string", "number", "boolean", "array", "null"],
            "items": {"type": ["string", "number", "boolean"]},
        },
    },
    FACT_DECLARATIONS: {
        "type": "object",
        "additionalProperties": {
            "type": "object",
            "required": ["label"],
            "additionalProperties": False,
            "properties": _DECLARATION_PROPERTIES,
        },
    },
}

KINDS = {"technique": TECHNIQUE_FIELDS, "comparison": COMPARISON_FIELDS, "config": CONFIG_FIELDS}
_TITLES = {
    "technique": "nicepick technique (comparisons/techniques/<slug>.yaml)",
    "comparison": "nicepick comparison (comparisons/*.yaml)",
    "config": "nicepick site settings (nicepick.yaml)",
}


def json_schema(kind: str) -> dict[str, object]:
    """The JSON Schema of one file kind, for editors (yaml-language-server and friends)."""
    fields = KINDS[kind]
    properties = {f.name: {**(f.json or _JSON_TYPES[f.type]), "description": f.doc} for f in fields}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": _TITLES[kind],
        "type": "object",
        "properties": properties,
        "required": [f.name for f in fields if f.required],
        "additionalProperties": False,
    }
