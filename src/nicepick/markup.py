"""Markdown → HTML that is safe to publish: one configured extension set, cached per text.

Raw HTML in Markdown is shown as text unless the site sets `unsafe_html: true`; links and images
with schemes other than http(s), mailto and tel (javascript:, data:, vbscript:…) lose their
target in every mode, raw HTML's too, because no editor means them and a contributor could.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree

import markdown
from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

EXTENSIONS = ["tables", "fenced_code", "sane_lists"]
_SAFE_SCHEMES = {"http", "https", "mailto", "tel"}
_SCHEME_RE = re.compile(r"^([a-z][a-z0-9+.\-]*):")
_IGNORED_IN_URLS = re.compile(r"[\x00-\x20\x7f]+")  # browsers drop these before reading a scheme
_TAG_RE = re.compile(r"<[^>]*>")
_SINGLE_PARAGRAPH = re.compile(r"^<p>(.*)</p>$", re.DOTALL)
# One line of prose that Markdown would hand back unchanged: it starts with a letter (so it
# cannot open a list, heading or quote) and holds no character Markdown or HTML gives a meaning
# (no * _ ` [ ] < > & \ # | ~ and no line break). Most pros, cons and summaries look so, and
# skipping the Markdown pipeline for them is most of the time it took on a large site.
_PLAIN_PUNCTUATION = " ,.;:'\"?!()/%+=\\-\u2013\u2014\u2018\u2019\u201c\u201d\u2026"
_PLAIN_TEXT = re.compile(rf"[^\W\d_](?:[^\W_]|[{_PLAIN_PUNCTUATION}])*")


def is_safe_url(url: str) -> bool:
    """True for relative URLs and http(s)/mailto/tel ones."""
    cleaned = _IGNORED_IN_URLS.sub("", html.unescape(url)).lower()
    match = _SCHEME_RE.match(cleaned)
    return match is None or match.group(1) in _SAFE_SCHEMES


class _LinkGuard(Treeprocessor):
    """Drops unsafe link targets and points site-absolute links ("/compare/…") at the base path."""

    def __init__(self, md: markdown.Markdown, base_path: str) -> None:
        super().__init__(md)
        self.base_path = base_path

    def run(self, root: etree.Element) -> None:
        for parent in root.iter():
            for index, element in enumerate(list(parent)):
                attribute = "href" if element.tag == "a" else "src" if element.tag == "img" else ""
                if not attribute or attribute not in element.attrib:
                    continue
                url = element.attrib[attribute]
                if not is_safe_url(url):
                    if element.tag == "img":
                        replacement = etree.Element("span")
                        replacement.text = element.attrib.get("alt", "")
                        replacement.tail = element.tail
                        parent[index] = replacement
                    else:
                        del element.attrib[attribute]
                        element.tag = "span"
                elif url.startswith("/") and not url.startswith("//"):
                    element.attrib[attribute] = self.base_path + url.lstrip("/")


# Attributes whose value is a URL a browser follows or loads (srcset: several, with sizes).
_URL_ATTRIBUTES = frozenset(
    [
        "href",
        "src",
        "action",
        "formaction",
        "xlink:href",
        "poster",
        "data",
        "background",
        "cite",
        "longdesc",
        "ping",
        "lowsrc",
        "dynsrc",
        "manifest",
        "codebase",
        "archive",
        "usemap",
        "icon",
    ]
)
_START_TAG = re.compile(
    r"""<([a-zA-Z][\w:-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|"""
    r"""[^\s"'=<>`]+))?)*)(\s*/?)>"""
)
_ATTRIBUTE = re.compile(r"""(\s+)([^\s"'>/=]+)(?:(\s*=\s*)("[^"]*"|'[^']*'|[^\s"'=<>`]+))?""")
_REFRESH_URL = re.compile(r"url\s*=\s*(.*)$", re.IGNORECASE | re.DOTALL)


def _unquoted(value: str) -> str:
    return value[1:-1] if value[:1] in "'\"" and value[-1:] == value[:1] else value


def _safe_attribute(tag: str, name: str, value: str) -> bool:
    """Whether an attribute of raw HTML may stay: link targets must be web addresses."""
    name, text = name.lower(), html.unescape(_unquoted(value))
    if name in _URL_ATTRIBUTES:
        return is_safe_url(text)
    if name in ("srcset", "imagesrcset"):
        return all(is_safe_url(part.split()[0]) for part in text.split(",") if part.split())
    if tag.lower() == "meta" and name == "content":
        refresh = _REFRESH_URL.search(text)
        return refresh is None or is_safe_url(_unquoted(refresh.group(1).strip()))
    return True


def _guard_raw_html(rendered: str) -> str:
    """Drops non-web link targets from raw HTML, which the tree processors never see."""

    def tag(match: re.Match[str]) -> str:
        name = match.group(1)
        kept = [
            a.group(0)
            for a in _ATTRIBUTE.finditer(match.group(2))
            if a.group(4) is None or _safe_attribute(name, a.group(2), a.group(4))
        ]
        return f"<{name}{''.join(kept)}{match.group(3)}>"

    return _START_TAG.sub(tag, rendered) if "<" in rendered else rendered


class _RawHtmlGuard(Postprocessor):
    """With `unsafe_html: true`, raw HTML comes through; its javascript: and data: links do not
    (the README promises they are dropped in every mode)."""

    def run(self, text: str) -> str:
        return _guard_raw_html(text)


class _HeadingShift(Treeprocessor):
    """Moves a body's headings down so its top level sits under the page's own h2."""

    def __init__(self, md: markdown.Markdown, top: int) -> None:
        super().__init__(md)
        self.top = top

    def run(self, root: etree.Element) -> None:
        headings = [e for e in root.iter() if re.fullmatch(r"h[1-6]", e.tag)]
        if not headings:
            return
        shift = self.top - min(int(e.tag[1]) for e in headings)
        for element in headings:
            element.tag = f"h{min(6, max(1, int(element.tag[1]) + shift))}"


class _Safety(Extension):
    def __init__(self, allow_html: bool, base_path: str, heading_top: int) -> None:
        super().__init__()
        self.allow_html, self.base_path, self.heading_top = allow_html, base_path, heading_top

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        if not self.allow_html:
            # Without these two, "<script>" is ordinary text and gets escaped on output.
            md.preprocessors.deregister("html_block")
            md.inlinePatterns.deregister("html")
        else:  # after raw HTML is put back in (priority 30)
            md.postprocessors.register(_RawHtmlGuard(md), "nicepick_raw_html_links", 5)
        md.treeprocessors.register(_LinkGuard(md, self.base_path), "nicepick_links", 1)
        if self.heading_top:
            md.treeprocessors.register(_HeadingShift(md, self.heading_top), "nicepick_headings", 2)


class MarkdownRenderer:
    """Renders the site's Markdown once per distinct text; the same pro on many pages is free."""

    def __init__(self, allow_html: bool = False, base_path: str = "/") -> None:
        def make(heading_top: int) -> markdown.Markdown:
            return markdown.Markdown(
                extensions=[*EXTENSIONS, _Safety(allow_html, base_path, heading_top)],
                output_format="html",
            )

        self._block = make(0)
        self._body = make(3)
        self._cache: dict[tuple[str, str], Markup] = {}

    def _convert(self, md: markdown.Markdown, text: str) -> str:
        if is_plain_text(text):
            return f"<p>{text}</p>"
        md.reset()
        return md.convert(text)

    def block(self, text: str) -> Markup:
        """Paragraphs, lists, tables: for verdicts and bottom lines."""
        key = ("block", text)
        if key not in self._cache:
            self._cache[key] = Markup(self._convert(self._block, text))
        return self._cache[key]

    def body(self, text: str) -> Markup:
        """Long-form bodies with their own headings, shifted to start at h3 under the page's h2."""
        key = ("body", text)
        if key not in self._cache:
            self._cache[key] = Markup(self._convert(self._body, text))
        return self._cache[key]

    def inline(self, text: str) -> Markup:
        """One sentence or clause: no wrapping paragraph, for summaries, pros and cons."""
        key = ("inline", text)
        if key not in self._cache:
            rendered = self._convert(self._block, text)
            match = _SINGLE_PARAGRAPH.match(rendered)
            if match and "<p>" not in match.group(1):
                rendered = match.group(1)
            self._cache[key] = Markup(rendered)
        return self._cache[key]


def is_plain_text(text: str) -> bool:
    """True when Markdown would render `text` as one paragraph of the same characters."""
    return "  " not in text and text[-1:] != " " and _PLAIN_TEXT.fullmatch(text) is not None


def plain_text(rendered: str) -> str:
    """Rendered HTML as one line of plain text, for meta descriptions and feeds."""
    return " ".join(html.unescape(_TAG_RE.sub("", rendered)).split())
