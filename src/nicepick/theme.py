"""The Jinja environment: the site's templates first, then the built-in theme.

A site overrides a theme template by putting a file of the same name in its `templates/`; it can
still extend the original as "default/<name>". Autoescaping is on for HTML and XML, and undefined
names are errors, so a typo in a template fails the build with the template's file and line.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, MutableMapping
from dataclasses import dataclass
from pathlib import Path
from types import CodeType, SimpleNamespace
from typing import Any

import jinja2
from markupsafe import Markup

from nicepick import prose, urls, words
from nicepick.config import SiteConfig
from nicepick.finder import INDEX as FINDER_INDEX
from nicepick.finder import PAIRS as FINDER_PAIRS
from nicepick.htmlformat import escaped
from nicepick.themedirs import builtin_dir, template_dirs

# json.dumps with options builds an encoder on every call, and every page has JSON-LD. The
# data is plain nested dicts and lists, so the check for cycles is skipped too.
_JSON_LD_ENCODER = json.JSONEncoder(
    ensure_ascii=False, sort_keys=True, separators=(",", ":"), check_circular=False
)


def _json_ld(data: Any) -> Markup:
    """JSON for a <script> element: '<', '>' and '&' escaped so no text can close the element."""
    text = _JSON_LD_ENCODER.encode(data)
    for char, code in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(char, code)
    return Markup(text)


def _card_renderer(env: jinja2.Environment) -> Any:
    """`card_html(card, is_pick)`: the `technique_card` macro of _macros.html, rendered once per
    technique and build. A card is identical on every comparison page that shows it, and
    cards are most of a comparison page, so this halves the rendering of a large site."""
    rendered: dict[tuple[str, bool], Markup] = {}

    def card_html(card: Any, is_pick: bool = False) -> Markup:
        key = (card.slug, is_pick)
        if key not in rendered:
            macro = env.get_template("_macros.html").module.technique_card  # type: ignore[attr-defined]
            rendered[key] = Markup(macro(card, is_pick))
        return rendered[key]

    return card_html


def _identity_memo(
    env: jinja2.Environment,
    macro_name: str,
    shared: Callable[[Any], bool] = lambda _: True,
    template: str = "_macros.html",
) -> Callable[[Any], Markup]:
    """The macro `macro_name` of `template` as a function of one object, rendered once per
    object and build (objects for which `shared` says no are rendered every time).

    Memoized by identity: a matchup or a "more comparisons" side is one object, shared by
    every page that shows it, and read-only, so its HTML cannot change within a build. The
    memo holds the object, so its id cannot be reused by another. A key built from its
    fields cost more than the rest of the lookup, twenty times per comparison page."""
    rendered: dict[int, tuple[Any, Markup]] = {}

    def render(item: Any) -> Markup:
        hit = rendered.get(id(item))
        if hit is None or hit[0] is not item:
            macro = getattr(env.get_template(template).module, macro_name)
            html = Markup(macro(item))
            if not shared(item):
                return html
            hit = rendered[id(item)] = (item, html)
        return hit[1]

    return render


def _macro(env: jinja2.Environment, template: str, name: str) -> Callable[..., Markup]:
    """A macro of `template` as a plain function. `{% from %}` in a page's template imports
    the macro's template again on every render: 20 us a page."""

    def call(*args: Any) -> Markup:
        return Markup(getattr(env.get_template(template).module, name)(*args))

    return call


@dataclass(frozen=True, slots=True)
class Assets:
    """Addresses every page links to, as `assets.<name>` in templates. An object rather than
    a dict: Jinja tries an attribute first, and on a dict that try fails by raising, which
    cost 2 us per use, six uses on every page.

    The theme's own files have a hash in their published names (assetnames.py), so they are
    given per build."""

    stylesheet: str = urls.STYLESHEET
    finder: str = urls.FINDER_SCRIPT
    icon: str = urls.ICON
    touch_icon: str = urls.TOUCH_ICON
    feed: str = urls.FEED
    feed_style: str = urls.FEED_STYLE
    rankings: str = urls.RANKINGS
    home: str = urls.HOME
    sitemap: str = urls.SITEMAP
    finder_index: str = FINDER_INDEX
    finder_pairs: str = FINDER_PAIRS


def _css_string(text: str) -> Markup:
    """Text as a quoted CSS string: quotes, backslashes and line ends escaped, and '<' too, so
    it is inert even inside a <style> element."""
    escaped = "".join(
        c if c.isprintable() and c not in "\\\"'<>&" else f"\\{ord(c):x} " for c in text
    )
    return Markup(f'"{escaped}"')


class _Template(jinja2.Template):
    """A compiled template whose output goes through `htmlformat.escaped`. Jinja's code calls
    `escape` on every value it writes and nowhere else (the value is then joined into the
    page, or into a Markup for a macro, a block or a filter), and looks it up among the
    template module's globals: `htmlformat.escaped` writes the same characters, and leaves
    out the Markup that nothing reads."""

    @classmethod
    def from_code(
        cls,
        environment: jinja2.Environment,
        code: CodeType,
        globals: MutableMapping[str, Any],
        uptodate: Callable[[], bool] | None = None,
    ) -> jinja2.Template:
        template = super().from_code(environment, code, globals, uptodate)
        template.root_render_func.__globals__["escape"] = escaped
        return template


class _KeptCompiled(jinja2.FileSystemBytecodeCache):
    """Compiled templates kept in the cache folder; one that cannot be written (a full disk,
    no permission) costs only the compiling, never the build.

    Kept by the settings and theme words too, not only by the template's text: Jinja works
    out at compile time a filter given constants (`{{ 'sitemap.xml' | absolute_url }}`), so
    the compiled code holds that site's base_url, base path or language."""

    def __init__(self, directory: str, settings: str) -> None:
        super().__init__(directory)
        self.settings = hashlib.blake2b(settings.encode("utf-8"), digest_size=8).hexdigest()

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        return f"{super().get_cache_key(name, filename)}-{self.settings}"

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


def make_environment(
    config: SiteConfig,
    theme_words: SimpleNamespace,
    assets: Assets | None = None,
    compiled: Path | None = None,
) -> jinja2.Environment:
    """An environment for one build: templates compile on first use, memos start empty.

    `compiled`: a folder where compiled templates are kept between builds (Jinja's bytecode
    cache, keyed by each template's path and checked against its text): compiling the theme
    is a tenth of a one-edit build at 10,000 comparisons."""
    base_path = config.base_path
    builtin = jinja2.FileSystemLoader(builtin_dir("templates"))
    loader = jinja2.ChoiceLoader(
        [
            jinja2.PrefixLoader({"default": builtin}),
            jinja2.FileSystemLoader([str(p) for p in template_dirs(config)]),
        ]
    )
    env = jinja2.Environment(
        loader=loader,
        autoescape=jinja2.select_autoescape(["html", "xml"], default_for_string=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
        cache_size=-1,  # every template stays compiled: a site has a few dozen at most
        bytecode_cache=(
            _KeptCompiled(str(compiled), f"{config!r}\0{theme_words!r}") if compiled else None
        ),
    )
    env.template_class = _Template
    encoded = urls.encoded
    # urls.link, one call fewer; a path written from the root ("/tools/x/") is under the
    # base path too, never "//tools/x/", which a browser reads as a link to a host "tools".
    env.filters["url"] = lambda path: base_path + encoded(path.lstrip("/"))
    env.filters["absolute_url"] = lambda path: urls.absolute(config.base_url, path)
    env.filters["json_ld"] = _json_ld
    env.filters["readable_date"] = lambda value: words.day(value, theme_words)
    env.filters["fill"] = words.fill
    language = config.language
    env.filters["tally"] = lambda count, n, **values: words.tally(count, n, language, **values)
    env.filters["css_string"] = _css_string
    env.filters["plural"] = prose.plural
    env.filters["count"] = lambda n, noun: prose.count(n, noun)
    env.filters["with_article"] = prose.with_article
    env.globals["live_reload"] = config.live_reload
    env.globals["assets"] = assets or Assets()
    env.globals["words"] = theme_words
    forget_rendered(env)
    return env


def forget_rendered(env: jinja2.Environment) -> None:
    """Empty the memos of rendered cards and list items, before a build that reuses `env`:
    their keys name a technique or a pair, not what it says, which may have changed."""
    env.globals["card_html"] = _card_renderer(env)
    matchup_html = _identity_memo(env, "matchup_item")
    env.globals["matchup_html"] = matchup_html
    env.globals["more_html"] = _identity_memo(env, "more_side", lambda side: side.common)
    # str.join, not Markup.join: the items are already safe, and escaping each again costs.
    env.globals["matchup_items"] = lambda items: Markup("".join(map(matchup_html, items)))
    # A facts table's rows are one per page, but a technique's value of a fact and a fact's
    # row header are the same on every page: each is rendered once, and rows are joined here.
    cell_html = _identity_memo(env, "fact_cell", template="_facts.html")
    header_html = _identity_memo(env, "fact_header", template="_facts.html")
    env.globals["facts_html"] = _macro(env, "_facts.html", "facts_table")
    env.globals["fact_rows_html"] = lambda rows: Markup(
        "".join(
            f"<tr>{header_html(row.header)}{''.join(map(cell_html, row.cells))}</tr>\n"
            for row in rows
        )
    )


Environment = jinja2.Environment  # what make_environment returns, for modules that keep one


def referenced_templates(text: str) -> list[str | None] | None:
    """The templates a template's source extends, includes or imports (None for a name
    computed at render time); None when it does not parse."""
    from jinja2 import meta

    try:
        tree = jinja2.Environment().parse(text)
    except jinja2.TemplateSyntaxError:
        return None
    return list(meta.find_referenced_templates(tree))
