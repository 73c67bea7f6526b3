"""Fuzzing the loader, validator and renderer with whole generated sites.

Every generated site either builds, and then no page carries markup that came from the input,
or it is refused with a list of problems. An exception is always a bug. The default profile runs
a few dozen sites; `pytest tests/test_fuzz.py --hypothesis-profile=fuzz` runs 10,000.
"""

from __future__ import annotations

import json
import re
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import yaml
from bs4 import BeautifulSoup
from hypothesis import event, given
from hypothesis import strategies as st

from nicepick.build import check_site
from nicepick.config import SiteConfig
from nicepick.errors import SiteError
from nicepick.markup import is_safe_url
from nicepick.render import render_plan
from nicepick.theme import make_environment, template_dirs

PAYLOADS = [
    "<script>alert(1)</script>",
    "</script><script>alert(2)</script>",
    '"><svg onload=x>',
    "' onmouseover='x",
    "javascript:alert(3)",
    "[x](javascript:alert(4))",
    "![i](data:text/html,x)",
    "<img src=x onerror=y>",
    "<iframe src=//evil>",
    "&lt;b&gt;",
    "<!-- x -->",
    "]]><x>",
    "\u2028\u2029",
    "{{ 7*7 }}",
    "{% raw %}",
    "\x00\x1f",
    "e.g. v2.0",
    "GANs",
    "Node.js",
    "*em* **strong** `code`",
    "# heading",
    "- list",
    "| a | b |\n|---|---|",
]
TEXT = st.one_of(
    st.text(max_size=40),
    st.sampled_from(PAYLOADS),
    st.lists(st.sampled_from(PAYLOADS), min_size=1, max_size=3).map(" ".join),
)
SCALAR = st.one_of(
    TEXT,
    st.integers(-5, 200),
    st.floats(allow_nan=True),
    st.booleans(),
    st.none(),
    st.dates().map(str),
)
ANY = st.recursive(
    SCALAR,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(TEXT, inner, max_size=3)),
    max_leaves=6,
)
SLUGS = ["alpha", "beta", "gamma", "delta"]
REF = st.one_of(st.sampled_from(SLUGS), TEXT)

TECHNIQUE_KEYS = [
    "name",
    "summary",
    "slug",
    "kind",
    "category",
    "tagline",
    "pros",
    "cons",
    "related",
    "aliases",
    "popularity",
    "links",
    "body",
    "extra",
]
COMPARISON_KEYS = [
    "pick",
    "verdict",
    "choose_if",
    "bottom_line",
    "intro",
    "body",
    "updated",
    "draft",
    "extra",
]


def likely(key: str) -> st.SearchStrategy[Any]:
    """Values that mostly fit the key, so many sites get past validation to rendering."""
    if key in ("pros", "cons", "related", "aliases"):
        return st.one_of(st.lists(TEXT, max_size=3), ANY)
    if key == "popularity":
        return st.one_of(st.integers(0, 100), ANY)
    if key == "links":
        return st.one_of(
            st.dictionaries(TEXT, st.one_of(st.just("https://example.org/"), TEXT), max_size=2), ANY
        )
    if key == "choose_if":
        return st.one_of(st.dictionaries(st.sampled_from(SLUGS), TEXT, max_size=2), ANY)
    if key == "draft":
        return st.one_of(st.booleans(), ANY)
    if key == "updated":
        return st.one_of(st.dates(), ANY)
    if key == "slug":
        return st.one_of(st.sampled_from(SLUGS), TEXT)
    return st.one_of(TEXT, ANY)


@st.composite
def document(draw: st.DrawFn, keys: list[str], required: dict[str, Any]) -> dict[str, Any]:
    doc = dict(required)
    for key in draw(st.lists(st.sampled_from(keys), unique=True, max_size=len(keys))):
        doc[key] = draw(likely(key))
    if draw(st.booleans()) and draw(st.booleans()):
        doc[draw(TEXT)] = draw(ANY)  # an unknown key now and then
    return doc


PRINTABLE = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Cn")), max_size=40)
CLEAN_PAYLOADS = [p for p in PAYLOADS if p.isprintable() or "\n" in p]
# Text a page can carry, always with a letter: names, summaries and prose that pass validation.
NONBLANK = st.tuples(
    st.sampled_from("AbXz9é"),
    st.one_of(
        PRINTABLE,
        st.sampled_from(CLEAN_PAYLOADS),
        st.lists(st.sampled_from(CLEAN_PAYLOADS), min_size=1, max_size=3).map(" ".join),
    ),
).map("".join)


@st.composite
def well_typed_site(draw: st.DrawFn) -> dict[str, Any]:
    """Every value of the right shape, hostile text everywhere: these sites reach rendering."""
    slugs = draw(st.lists(st.sampled_from(SLUGS), unique=True, min_size=2, max_size=4))
    techniques = {}
    for slug in slugs:
        doc: dict[str, Any] = {"name": draw(NONBLANK), "summary": draw(NONBLANK)}
        for key in ("kind", "category", "tagline", "body"):
            if draw(st.booleans()):
                doc[key] = draw(NONBLANK)
        for key in ("pros", "cons", "related"):
            doc[key] = draw(st.lists(NONBLANK, max_size=3))
        if draw(st.booleans()):
            doc["aliases"] = [f"{slug}-aka"]
        if draw(st.booleans()):
            doc["popularity"] = draw(st.integers(0, 100))
        if draw(st.booleans()):
            doc["links"] = {draw(NONBLANK): "https://example.org/?q=" + draw(PRINTABLE)}
        techniques[slug] = doc
    pairs = draw(
        st.lists(
            st.tuples(st.sampled_from(slugs), st.sampled_from(slugs)).filter(
                lambda p: p[0] != p[1]
            ),
            unique_by=lambda p: frozenset(p),
            max_size=5,
        )
    )
    comparisons = []
    for a, b in pairs:
        doc = {"compare": [a, b]}
        for key in ("verdict", "bottom_line", "intro", "body"):
            if draw(st.booleans()):
                doc[key] = draw(NONBLANK)
        if draw(st.booleans()):
            doc["pick"] = draw(st.sampled_from([a, b]))
        if draw(st.booleans()):
            doc["choose_if"] = {draw(st.sampled_from([a, b])): draw(NONBLANK)}
        if draw(st.booleans()):
            doc["updated"] = draw(st.dates())
        comparisons.append(doc)
    config = {
        "title": draw(NONBLANK),
        "description": draw(NONBLANK),
        "unsafe_html": False,
        "extra": {"x": draw(PRINTABLE)},
    }
    return {"techniques": techniques, "comparisons": comparisons, "config": config}


@st.composite
def wild_site(draw: st.DrawFn) -> dict[str, Any]:
    """Any shape at all: these sites mostly exercise the problem reports."""
    techniques = {}
    for slug in draw(st.lists(st.sampled_from(SLUGS), unique=True, min_size=1, max_size=4)):
        required = {"name": draw(TEXT), "summary": draw(TEXT)}
        techniques[slug] = draw(document(TECHNIQUE_KEYS, required))
    comparisons = []
    for _ in range(draw(st.integers(0, 4))):
        pair = draw(st.lists(REF, min_size=2, max_size=2))
        comparisons.append(draw(document(COMPARISON_KEYS, {"compare": pair})))
    config = draw(
        st.one_of(
            st.none(),
            st.dictionaries(
                st.sampled_from(["title", "description", "contact_email", "language", "extra"]),
                TEXT,
                max_size=3,
            ),
        )
    )
    return {"techniques": techniques, "comparisons": comparisons, "config": config}


@st.composite
def site(draw: st.DrawFn) -> dict[str, Any]:
    wild = draw(st.integers(0, 3)) == 0
    return draw(wild_site() if wild else well_typed_site())


FORBIDDEN_TAGS = {
    "iframe",
    "object",
    "embed",
    "style",
    "svg",
    "math",
    "form",
    "base",
    "frame",
    "frameset",
    "textarea",
    "button",
    "select",
    "video",
    "audio",
    "img",
}


def _theme_own(tag: Any) -> bool:
    """The home page's finder: a form, and the style that hides it when scripts cannot run.
    Nothing a site's content can write comes out as either."""
    if tag.name in ("form", "input", "button", "datalist"):
        return tag.find_parent("form", class_="finder-form") is not None or tag.get("class") == [
            "finder-form"
        ]
    if tag.name == "style":
        return tag.parent.name == "noscript" and tag.string == ".finder-form { display: none; }"
    return False


def assert_no_injected_markup(name: str, text: str) -> None:
    doc = BeautifulSoup(text, "html.parser")
    for tag in doc.find_all(True):
        if _theme_own(tag):
            continue
        assert tag.name not in FORBIDDEN_TAGS, (name, str(tag)[:200])
        for attribute, value in tag.attrs.items():
            assert not attribute.lower().startswith("on"), (name, str(tag)[:200])
            if attribute in ("href", "src"):
                assert is_safe_url(value), (name, value)
        if tag.name == "script":
            if tag.get("type") == "application/ld+json":
                json.loads(tag.string)
            else:
                assert re.search(r"/assets/hashed/finder\.[0-9a-f]+\.js$", tag.get("src", "")), (
                    name,
                    str(tag),
                )


def write_site(root: Path, data: dict[str, Any]) -> None:
    folder = root / "comparisons" / "techniques"
    folder.mkdir(parents=True)
    for slug, doc in data["techniques"].items():
        (folder / f"{slug}.yaml").write_text(yaml.safe_dump(doc, allow_unicode=True), "utf-8")
    for index, doc in enumerate(data["comparisons"]):
        (root / "comparisons" / f"c{index}.yaml").write_text(
            yaml.safe_dump(doc, allow_unicode=True), "utf-8"
        )
    if data["config"] is not None:
        (root / "nicepick.yaml").write_text(
            yaml.safe_dump(data["config"], allow_unicode=True), "utf-8"
        )


@given(site())
def test_any_site_builds_cleanly_or_lists_problems(data: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory(dir="/dev/shm" if Path("/dev/shm").is_dir() else None) as tmp:
        root = Path(tmp)
        write_site(root, data)
        from nicepick.config import load_config
        from nicepick.errors import Problems

        problems = Problems()
        config: SiteConfig = load_config(root, None, problems)
        try:
            problems.raise_if_any()
            checked = check_site(config)
        except SiteError as refused:
            assert refused.problems and all(str(p) for p in refused.problems)
            event("refused with problems")
            return
        event(f"built, {len(checked.catalog.comparisons)} comparisons")
        env = make_environment(config, checked.words, checked.assets)
        roots = template_dirs(config)
        for plan in checked.plans:
            data = render_plan(plan, env, roots)
            if plan.path.endswith(".png"):
                assert data.startswith(b"\x89PNG\r\n\x1a\n")
                continue
            output = data.decode("utf-8")
            if plan.path.endswith(".xml"):
                ET.fromstring(output.encode())
            elif plan.path.endswith(".json"):
                json.loads(output)
            elif not plan.path.endswith((".txt", ".css")):
                assert_no_injected_markup(plan.path, output)
