"""Hostile content is escaped or dropped everywhere it can appear; raw HTML only on request."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

from conftest import Site

EVIL = "<script>alert(1)</script>\"'><img src=x onerror=alert(2)>"


def test_hostile_text_is_escaped_in_every_output(site: Site) -> None:
    site.write(
        "nicepick.yaml",
        f"title: '{EVIL.replace(chr(39), chr(39) * 2)}'\nbase_url: https://example.org/\n",
    )
    site.technique(
        "alpha",
        f"""
        name: 'Alpha {EVIL.replace("'", "''")}'
        summary: 'Use it. {EVIL.replace("'", "''")}'
        tagline: '</script><script>alert(3)</script>'
        category: testing
        kind: library
        pros: ['<b onmouseover=alert(4)>hover</b>']
        related: ['<script>x</script>']
        popularity: 90
    """,
    )
    site.build()
    for path in site.public.rglob("*"):
        if not path.is_file() or path.suffix not in (".html", ".xml", ".json", ".txt", ".css"):
            continue
        text = path.read_text("utf-8")
        assert "<script>alert" not in text, path
        assert "<img src=x" not in text, path
        assert "<b onmouseover" not in text, path
        if path.suffix == ".xml":
            ET.fromstring(text.encode())  # still well-formed
        if path.suffix == ".json":
            json.loads(text)
    page = site.page("compare/alpha-vs-beta/")
    assert page.find("h1").get_text().startswith("Alpha <script>alert(1)</script>")
    article, trail = (
        json.loads(script.string) for script in page.find_all("script", type="application/ld+json")
    )
    assert article["headline"].startswith("Alpha <script>")  # escaped in JSON, intact in data
    assert trail["itemListElement"][-1]["name"].startswith("Alpha <script>")


def test_raw_html_in_markdown_is_shown_as_text(site: Site) -> None:
    site.comparison(
        "alpha-vs-beta",
        """
        compare: [alpha, beta]
        verdict: |
          Fine <iframe src="https://evil.example"></iframe> and <em>raw</em>.

          <div onclick="alert(1)">block</div>
    """,
    )
    site.build()
    verdict = site.page("compare/alpha-vs-beta/").find(class_="verdict")
    assert verdict.find("iframe") is None and verdict.find("div") is None
    assert verdict.find("em") is None
    assert '<iframe src="https://evil.example"></iframe>' in verdict.get_text()


def test_unsafe_html_lets_raw_html_through(site: Site) -> None:
    site.write("nicepick.yaml", "base_url: https://example.org/\nunsafe_html: true\n")
    site.comparison(
        "alpha-vs-beta",
        """
        compare: [alpha, beta]
        verdict: Fine and <em>raw</em>.
    """,
    )
    site.build()
    assert site.page("compare/alpha-vs-beta/").find(class_="verdict").find("em").text == "raw"


def test_dangerous_link_schemes_are_dropped_even_with_unsafe_html(site: Site) -> None:
    for unsafe in ("false", "true"):
        site.write("nicepick.yaml", f"base_url: https://example.org/\nunsafe_html: {unsafe}\n")
        site.comparison(
            "alpha-vs-beta",
            """
            compare: [alpha, beta]
            verdict: |
              [a](javascript:alert(1)) [b](JaVa	Script:alert(2)) [c](data:text/html,x)
              [ok](https://example.org/) [local](/tools/alpha/) ![img](data:image/png;base64,AAA)
        """,
        )
        site.build()
        verdict = site.page("compare/alpha-vs-beta/").find(class_="verdict")
        hrefs = [a.get("href") for a in verdict.find_all("a")]
        assert hrefs == ["https://example.org/", "/tools/alpha/"]
        assert verdict.find("img") is None


def test_site_absolute_markdown_links_follow_the_base_path(site: Site) -> None:
    site.comparison(
        "alpha-vs-beta",
        """
        compare: [alpha, beta]
        body: See [Alpha](/tools/alpha/).
    """,
    )
    site.build("--base-url", "https://example.org/picks/")
    body = site.page("compare/alpha-vs-beta/").find(class_="editorial-body")
    assert body.find("a")["href"] == "/picks/tools/alpha/"


def test_raw_html_keeps_no_javascript_links_even_with_unsafe_html(site: Site) -> None:
    """The README promises non-web link targets are dropped in every mode; raw HTML let them
    through with unsafe_html: true. The HTML itself still comes through, as asked."""
    site.write("nicepick.yaml", "base_url: https://example.org/\nunsafe_html: true\n")
    site.comparison(
        "alpha-vs-beta",
        """
        compare: [alpha, beta]
        verdict: |
          <a href="javascript:alert(1)">a</a> <a href=' JaVa&#x53;cript:alert(2)'>b</a>
          <a href="https://example.org/" title="ok">ok</a> <em>raw</em>

          <div class="box"><img src="data:image/svg+xml,<svg/>" alt="pic">
          <form action="javascript:x"><button formaction="vbscript:y">go</button></form>
          <svg><a xlink:href="javascript:alert(3)"><text>svg</text></a></svg>
          <img srcset="ok.png 1x, javascript:alert(4) 2x" alt="set"></div>
    """,
    )
    site.build()
    page = (site.public / "compare/alpha-vs-beta/index.html").read_text("utf-8").lower()
    for scheme in ("javascript:", "vbscript:", "data:image"):
        assert scheme not in page.replace("&#x53;", "s"), scheme
    verdict = site.page("compare/alpha-vs-beta/").find(class_="verdict")
    assert [a.get("href") for a in verdict.find_all("a")] == [
        None,
        None,
        "https://example.org/",
        None,
    ]
    assert verdict.find("em").text == "raw" and verdict.find("div", class_="box") is not None
    assert [img.get("alt") for img in verdict.find_all("img")] == ["pic", "set"]
