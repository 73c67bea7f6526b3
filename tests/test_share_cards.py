"""Share cards: every page names a 1200x630 PNG that exists, drawn for what the page is."""

from __future__ import annotations

import io
import os
import struct
import zlib
from pathlib import Path

from conftest import Site
from PIL import Image

from nicepick.sharecard import HEIGHT, WIDTH, CardMaker


def og_image(site: Site, url_path: str) -> str:
    found = site.page(url_path).find("meta", property="og:image")
    return found["content"] if found else ""


def card_file(site: Site, url: str) -> Path:
    """The file behind an og:image URL (the test sites' base URL is the default)."""
    path = url.split("://", 1)[1].split("/", 1)[1]
    return site.public / path


def png(path: Path) -> Image.Image:
    image = Image.open(io.BytesIO(path.read_bytes()))
    image.load()  # decodes every row: a broken stream fails here, not just a bad header
    return image


def test_every_page_names_a_card_that_exists(site: Site) -> None:
    site.build()
    pages = sorted(
        p
        for p in site.public.rglob("index.html")
        if 'http-equiv="refresh"' not in p.read_text("utf-8")
    )
    assert len(pages) > 5
    named = set()
    for page in pages:
        url_path = page.parent.relative_to(site.public).as_posix() + "/"
        url = og_image(site, "" if url_path == "./" else url_path)
        assert url, page
        image = png(card_file(site, url))
        assert image.size == (1200, 630)
        named.add(card_file(site, url).relative_to(site.public).as_posix())
        doc = site.page("" if url_path == "./" else url_path)
        assert doc.find("meta", attrs={"name": "twitter:card"})["content"] == "summary_large_image"
    # Comparisons and techniques have their own; everything else shares the site's.
    assert "compare/alpha-vs-beta/card.png" in named
    assert "tools/alpha/card.png" in named
    assert og_image(site, "").endswith("/card.png")
    assert card_file(site, og_image(site, "tags/python/")) == site.public / "card.png"


def test_a_comparison_card_shows_both_names_and_the_pick() -> None:
    """Drawn from its texts: a different pick or name is a different picture."""
    maker = CardMaker("Picks", "example.org")
    base = maker.comparison("Alpha", "Beta", "vs", "Nice Pick: Alpha")
    assert png_bytes_size(base) == (1200, 630)
    assert maker.comparison("Alpha", "Beta", "vs", "Nice Pick: Beta") != base
    assert maker.comparison("Alpha", "Gamma", "vs", "Nice Pick: Alpha") != base
    assert maker.comparison("Alpha", "Beta", "vs", "Nice Pick: Alpha") == base  # deterministic


def png_bytes_size(data: bytes) -> tuple[int, int]:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image.size


def _japanese_delta_beaten_by_alpha(site: Site) -> None:
    """A technique the card font cannot name (DejaVu has no Japanese), and a pair with it."""
    site.technique(
        "delta",
        """
        name: 日本語ツール
        kind: library
        category: testing
        summary: A tool named in Japanese.
        pros: [It is fast.]
        cons: [It is new.]
        """,
    )
    site.write("comparisons/alpha-vs-delta.yaml", "compare: [alpha, delta]\npick: alpha\n")


def test_a_name_the_font_cannot_draw_gets_the_site_card(site: Site) -> None:
    """DejaVu has no Japanese: boxes would say nothing, so the page shows the site's card."""
    _japanese_delta_beaten_by_alpha(site)
    site.build()
    assert card_file(site, og_image(site, "compare/alpha-vs-delta/")) == site.public / "card.png"
    assert not (site.public / "compare/alpha-vs-delta/card.png").exists()
    assert og_image(site, "compare/alpha-vs-beta/").endswith("compare/alpha-vs-beta/card.png")


def test_cards_are_rewritten_only_when_what_they_show_changes(site: Site) -> None:
    site.build()
    card = site.public / "compare/alpha-vs-beta/card.png"
    other = site.public / "compare/beta-vs-gamma/card.png"
    before, other_before = card.read_bytes(), os.stat(other).st_mtime_ns
    # A summary is not on the card: the card stays the same file.
    text = (site.root / "comparisons/techniques/alpha.yaml").read_text()
    site.write(
        "comparisons/techniques/alpha.yaml", text.replace("fast unit tests", "quick unit tests")
    )
    site.build()
    assert card.read_bytes() == before and os.stat(other).st_mtime_ns == other_before
    # The pick is: the card changes, the other comparison's card does not.
    site.write("comparisons/alpha-vs-beta.yaml", "compare: [alpha, beta]\npick: beta\n")
    site.build()
    assert card.read_bytes() != before
    assert os.stat(other).st_mtime_ns == other_before


def test_share_cards_false_draws_none_and_says_summary(site: Site) -> None:
    site.write("nicepick.yaml", "title: Test Picks\nshare_cards: false\n")
    site.build()
    assert not list(site.public.rglob("card.png"))
    doc = site.page("compare/alpha-vs-beta/")
    assert doc.find("meta", property="og:image") is None
    assert doc.find("meta", attrs={"name": "twitter:image"}) is None
    assert doc.find("meta", attrs={"name": "twitter:card"})["content"] == "summary"
    # Turned back on, an incremental build adds them to every page.
    site.write("nicepick.yaml", "title: Test Picks\n")
    site.build()
    assert og_image(site, "compare/alpha-vs-beta/").endswith("compare/alpha-vs-beta/card.png")
    assert (site.public / "compare/alpha-vs-beta/card.png").is_file()


def test_the_pages_without_a_card_of_their_own_are_found_exactly(site: Site) -> None:
    """cardplans.undrawable looks closely only at the pairs it cannot vouch for: it must find
    the pages that looking at every page's texts finds, with a name the font cannot draw on
    either side of a pick, and in a pair used together."""
    from nicepick import cardplans
    from nicepick.build import check_site
    from nicepick.config import load_config
    from nicepick.errors import Problems

    _japanese_delta_beaten_by_alpha(site)
    site.write("comparisons/beta-vs-delta.yaml", "compare: [beta, delta]\npick: delta\n")
    site.write(
        "comparisons/delta-vs-gamma.yaml",
        "compare: [delta, gamma]\npick: gamma\nrelation: complements\n"
        "choose_if:\n  delta: when it starts\n  gamma: when it ends\n",
    )
    d = check_site(load_config(site.root, site.public, Problems())).planned.derived
    can_draw = cardplans._fonts().can_draw
    every = {
        d.paths[c]
        for c in d.catalog.comparisons
        if not all(map(can_draw, cardplans.comparison_texts(d, c)))
    } | {
        d.technique_paths[s]
        for s in d.catalog.techniques
        if not all(map(can_draw, cardplans.technique_texts(d, s)))
    }
    assert {"compare/alpha-vs-delta/", "compare/beta-vs-delta/", "tools/delta/"} <= every
    assert "compare/delta-vs-gamma/" in every
    assert cardplans.undrawable(d) == every


def _idat(data: bytes) -> bytes:
    """The PNG's image data, its chunks' CRCs checked on the way."""
    found, at = b"", 8
    while at < len(data):
        (size,) = struct.unpack(">I", data[at : at + 4])
        kind, body = data[at + 4 : at + 8], data[at + 8 : at + 8 + size]
        assert struct.unpack(">I", data[at + 8 + size : at + 12 + size])[0] == zlib.crc32(
            kind + body
        )
        if kind == b"IDAT":
            found += body
        at += 12 + size
    return found


def test_a_card_is_its_bands_rows_exactly() -> None:
    """The pieces, compressed apart and joined, are one valid zlib stream (its Adler-32
    checked by zlib itself) whose rows are the bands' rows, each after its filter byte 0,
    and the pixels Pillow decodes are the same."""
    maker = CardMaker("Picks", "example.org")
    card = maker.comparison("Ålpha Server", "Beta", "vs", "Nice Pick: Ålpha Server")
    rows = zlib.decompress(_idat(card))  # raises on a wrong checksum or a broken stream
    assert len(rows) == (WIDTH + 1) * HEIGHT
    lines = [rows[n * (WIDTH + 1) : (n + 1) * (WIDTH + 1)] for n in range(HEIGHT)]
    assert all(line[0] == 0 for line in lines)  # filter "none" on every row
    image = Image.open(io.BytesIO(card))
    assert image.mode == "P" and image.tobytes() == b"".join(line[1:] for line in lines)
    inked = [n for n, line in enumerate(lines) if any(line[1:])]
    assert len(inked) > 150  # the rule, two names, the joiner, the headline and the footer
    # A band compressed alone is its rows, raw.
    band = maker.band("Beta", 84, "text", 104, 40)
    assert len(zlib.decompressobj(-15).decompress(band.data)) == band.length == 104 * 1201
