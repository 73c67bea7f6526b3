"""Share cards: the 1200×630 PNG a social network shows for a shared page.

A site of 100,000 comparisons needs 100,000 cards, and compressing 100,000 images of 756,000
pixels would cost more than the rest of the build. But a card is bands of rows (a name, a
line of text, blank rows), and the same name is on every card of its technique. So each band
is drawn once (Pillow, with the DejaVu font nicepick ships) and its rows compressed once, as
an independent piece of a DEFLATE stream: every row carries its own PNG filter byte (0, no
filter), and every piece ends on a full flush, so no piece refers back into another. A card
is then its pieces joined, with the checksums combined arithmetically: a few microseconds of
work, and the same bytes on every build.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont
from zlib_ng import zlib_ng

WIDTH, HEIGHT = 1200, 630
MARGIN = 72
FONT = Path(__file__).parent / "fonts" / "DejaVuSans-Bold.ttf"
_BASE = 65521  # adler-32's modulus
_PNG = b"\x89PNG\r\n\x1a\n"
_LEVELS = 16  # shades of each ink, for anti-aliased edges

# The theme's colours: page background, text, the pick's teal, muted grey.
_BACKGROUND = (255, 255, 255)
INKS = {"text": (27, 31, 36), "pick": (11, 110, 116), "muted": (74, 85, 98)}


def _palette() -> bytes:
    colours: list[tuple[int, ...]] = [_BACKGROUND]
    for ink in INKS.values():
        for level in range(1, _LEVELS + 1):
            colours.append(
                tuple(
                    round(b + (i - b) * level / _LEVELS)
                    for b, i in zip(_BACKGROUND, ink, strict=True)
                )
            )
    return b"".join(bytes(c) for c in colours)


_PALETTE = _palette()


def _ramp(ink: str) -> bytes:
    """Coverage (0–255) → palette index of `ink` at that coverage; none is background."""
    first = 1 + list(INKS).index(ink) * _LEVELS
    return bytes(0 if v == 0 else first + min(_LEVELS - 1, v * _LEVELS // 256) for v in range(256))


_RAMPS = {ink: _ramp(ink) for ink in INKS}


def adler32_combine(adler1: int, adler2: int, length2: int) -> int:
    """The Adler-32 of A+B from those of A and B and the length of B (as zlib does it)."""
    remainder = length2 % _BASE
    sum1 = adler1 & 0xFFFF
    sum2 = (remainder * sum1) % _BASE
    sum1 += (adler2 & 0xFFFF) + _BASE - 1
    sum2 += ((adler1 >> 16) & 0xFFFF) + ((adler2 >> 16) & 0xFFFF) + _BASE - remainder
    sum1 %= _BASE
    sum2 %= _BASE
    return sum1 | (sum2 << 16)


@dataclass(frozen=True, slots=True)
class Piece:
    """Rows of a card, compressed on their own: the bytes, the rows' Adler-32, their size."""

    data: bytes
    adler: int
    length: int
    height: int


def _piece(rows: bytes, height: int) -> Piece:
    # Level 6, not a faster one: a band is drawn once per name, its bytes are paid on every
    # card that shows it. zlib-ng's level 6 takes half the time of zlib's on these rows
    # (0.45 against 0.97 ms a band) and makes them 10% smaller; its level 3 or zlib's made
    # cards a quarter to a third larger. The Adler-32 is zlib's own: the same sum.
    squeezer = zlib_ng.compressobj(6, zlib_ng.DEFLATED, -15)
    data = squeezer.compress(rows) + squeezer.flush(zlib_ng.Z_FULL_FLUSH)
    return Piece(data, zlib.adler32(rows), len(rows), height)


@lru_cache(maxsize=64)
def blank(height: int) -> Piece:
    """`height` rows of background."""
    return _piece(b"\x00" * ((WIDTH + 1) * height), height)


def _chunk(kind: bytes, data: bytes) -> bytes:
    return (
        struct.pack(">I", len(data))
        + kind
        + data
        + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    )


def assemble(pieces: Sequence[Piece]) -> bytes:
    """A PNG of the pieces, top to bottom; blank rows fill the card to its height."""
    used = sum(p.height for p in pieces)
    if used > HEIGHT:
        raise ValueError(f"pieces are {used} rows high; a card has {HEIGHT}")
    pieces = [*pieces, blank(HEIGHT - used)] if used < HEIGHT else list(pieces)
    adler = 1
    for piece in pieces:
        adler = adler32_combine(adler, piece.adler, piece.length)
    # zlib header (deflate, 32K window, default level), the pieces, an empty final block
    # (fixed Huffman codes: the bits 1, 01, then end-of-block), then the checksum.
    stream = b"\x78\x9c" + b"".join(p.data for p in pieces) + b"\x03\x00" + struct.pack(">I", adler)
    header = struct.pack(">IIBBBBB", WIDTH, HEIGHT, 8, 3, 0, 0, 0)
    return (
        _PNG
        + _chunk(b"IHDR", header)
        + _chunk(b"PLTE", _PALETTE)
        + _chunk(b"IDAT", stream)
        + _chunk(b"IEND", b"")
    )


class Fonts:
    """The card font at the sizes cards use, and which characters it can draw."""

    def __init__(self, path: Path = FONT) -> None:
        self.path = path
        self._sizes: dict[int, ImageFont.FreeTypeFont] = {}
        self._drawable: dict[str, bool] = {}
        self._texts: dict[str, bool] = {}
        self._missing = b""

    def at(self, size: int) -> ImageFont.FreeTypeFont:
        if size not in self._sizes:
            self._sizes[size] = ImageFont.truetype(str(self.path), size)
        return self._sizes[size]

    def _glyph(self, char: str) -> bytes:
        """The character drawn small, as bytes: the same as the font's 'no glyph' box when
        the font has no glyph for it."""
        image = Image.new("L", (48, 48), 0)
        ImageDraw.Draw(image).text((4, 0), char, font=self.at(32), fill=255)
        return image.tobytes()

    def can_draw(self, text: str) -> bool:
        """Whether every character has a glyph: a name in a script the font lacks would
        come out as boxes, and then the card says less rather than something wrong.
        Asked about the same few names for every page that shows them, so kept per text."""
        known = self._texts.get(text)
        if known is None:
            known = self._texts[text] = all(self._has_glyph(char) for char in set(text) - {" "})
        return known

    def _has_glyph(self, char: str) -> bool:
        if char not in self._drawable:
            if not self._missing:
                self._missing = self._glyph("\U000f0000")  # private use: no font has it
            self._drawable[char] = self._glyph(char) != self._missing
        return self._drawable[char]


class Band:
    """One line of text as a piece of a card, fitted to the card's width."""

    @staticmethod
    def draw(
        fonts: Fonts, text: str, size: int, ink: str, height: int, smallest: int | None = None
    ) -> Piece:
        """`text` in `ink` at `size` (shrunk down to `smallest` to fit, then cut with an
        ellipsis), left-aligned at the margin, vertically centred in `height` rows."""
        room = WIDTH - 2 * MARGIN
        font = fonts.at(size)
        for step in range(size, (smallest or size) - 1, -2):
            font = fonts.at(step)
            if font.getlength(text) <= room:
                break
        else:
            while text and font.getlength(text + "…") > room:
                text = text[:-1].rstrip()
            text += "…"
        # One column wider, drawn one pixel further right: each row then starts with the
        # byte of PNG's filter "none" (0, where coverage 0 is the background's index 0), and
        # the rows need no joining.
        image = Image.new("L", (WIDTH + 1, height), 0)
        ascent, descent = font.getmetrics()
        top = (height - ascent - descent) // 2
        ImageDraw.Draw(image).text((MARGIN + 1, top), text, font=font, fill=255)
        return _piece(image.tobytes().translate(_RAMPS[ink]), height)


# A band as CardMaker.band takes it: text, size, ink, height, smallest size (None: no shrinking).
BandSpec = tuple[str, int, str, int, int | None]
Layout = list[BandSpec | int]  # bands and blank rows (an int: their height), top to bottom


def comparison_layout(first: str, second: str, joiner: str, headline: str) -> Layout:
    """ "First vs Second" (or "and"), with the page's headline ("Nice Pick: First")."""
    return [
        64,
        (first, 84, "text", 104, 40),
        (joiner, 36, "muted", 56, None),
        (second, 84, "text", 104, 40),
        40,
        (headline, 40, "pick", 60, 24),
    ]


def technique_layout(name: str, line: str) -> Layout:
    """A technique: its name, and a line under it (its kind and category)."""
    # The size and height a comparison card draws names at: one band serves both.
    layout: Layout = [158, (name, 84, "text", 104, 40)]
    if line:
        layout.append((line, 40, "muted", 64, 24))
    return layout


def site_layout(title: str, description: str) -> Layout:
    """Any other page: the site's name and what it is about."""
    layout: Layout = [150, (title, 88, "text", 112, 40)]
    if description:
        layout.append((description, 32, "muted", 56, 20))
    return layout


def draw_bands(fonts: Fonts, specs: Sequence[BandSpec]) -> list[Piece]:
    return [Band.draw(fonts, *spec) for spec in specs]


class CardMaker:
    """Cards for one build: bands are drawn once and shared by every card that shows them."""

    def __init__(self, site_title: str, site_host: str, fonts: Fonts | None = None) -> None:
        self.fonts = fonts or Fonts()
        self._bands: dict[tuple[str, int, str, int], Piece] = {}
        self.top = self._rule()
        footer = f"{site_title} · {site_host}" if site_host else site_title
        self.footer = self.band(footer, 28, "muted", 64, 20)

    def _rule(self) -> Piece:
        """The teal rule along the top edge."""
        ink = _RAMPS["pick"][255]
        return _piece((b"\x00" + bytes([ink]) * WIDTH) * 14, 14)

    def band(
        self, text: str, size: int, ink: str, height: int, smallest: int | None = None
    ) -> Piece:
        key = (text, size, ink, height)
        if key not in self._bands:
            self._bands[key] = Band.draw(self.fonts, text, size, ink, height, smallest)
        return self._bands[key]

    def missing(self, layouts: Iterable[Layout]) -> list[BandSpec]:
        """The bands of `layouts` not drawn yet, each once, in a stable order."""
        found: dict[tuple[str, int, str, int], BandSpec] = {}
        for layout in layouts:
            for spec in layout:
                if not isinstance(spec, int) and spec[:4] not in self._bands:
                    found.setdefault(spec[:4], spec)
        return list(found.values())

    def add(self, specs: Sequence[BandSpec], pieces: Sequence[Piece]) -> None:
        """Bands drawn elsewhere (another process), as `band` would have drawn them."""
        for spec, piece in zip(specs, pieces, strict=True):
            self._bands[spec[:4]] = piece

    def drawable(self, *texts: str) -> bool:
        return all(self.fonts.can_draw(t) for t in texts)

    def comparison(self, first: str, second: str, joiner: str, headline: str) -> bytes:
        return self._finish(comparison_layout(first, second, joiner, headline))

    def technique(self, name: str, line: str) -> bytes:
        return self._finish(technique_layout(name, line))

    def site(self, title: str, description: str) -> bytes:
        return self._finish(site_layout(title, description))

    def _finish(self, layout: Layout) -> bytes:
        body = [self.top]
        for spec in layout:
            body.append(blank(spec) if isinstance(spec, int) else self.band(*spec))
        used = sum(p.height for p in body)
        gap = HEIGHT - used - self.footer.height - 24
        return assemble([*body, blank(max(0, gap)), self.footer])
