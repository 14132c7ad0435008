"""Which lines of a scanned page are set in bold: the width of their strokes, line by line.

A scan has no font names; bold is what heavier strokes look like.  The share of
a line's box its ink covers tells bold from light only roughly: it depends on
the characters (``一`` is one stroke, ``蠢`` a score), so a line of a bold head
full of light characters reads as light, and a body line of dense characters as
heavy.  The width of the strokes does not depend on the characters: the ink's
area over half its outline (the ink an erosion by one pixel takes away) is the
mean stroke width in pixels, about the same on every body line of a page and a
half or more as wide on a bold one.

Each tesseract line is weighed on its own (tesseract often puts a section head
and the body under it in one paragraph): a line whose strokes are
``HEAVY`` times the body's is bold where the line next to it in its paragraph
is heavy too, and alone where they are ``HEAVY_ALONE`` times the body's (a
single line has fewer strokes to average over).  Display type's strokes are
wider in proportion to its size, so it counts as heavy too, as it does on a
text layer set in a bold display face.
"""

from __future__ import annotations

from typing import Any

WORD_LEVEL = 5
DARK = 128  # a grey level below this is ink
HEAVY = 1.4  # strokes this many times the body's are heavy (body lines stay within a fifth of it) ...
HEAVY_ALONE = 1.5  # ... and bold on their own when this many times (without a heavy line beside them)
RUN_SIZE = 1.3  # a heavy line beside one is a run of bold when their sizes are within this factor

Key = tuple[int, int, int]


def _key(data: dict[str, list[Any]], k: int) -> Key:
    return (data["block_num"][k], data["par_num"][k], data["line_num"][k])


def _ink_and_rim(image: Any, box: tuple[int, int, int, int]) -> tuple[int, int]:
    """The dark pixels of a box on the page image and those of them on the ink's outline."""
    from PIL import ImageFilter

    ink = image.crop(box).convert("L").point(lambda v: 0 if v < DARK else 255)
    dark = ink.histogram()[0]
    core = ink.filter(ImageFilter.MaxFilter(3)).histogram()[0]  # the ink one pixel in from its outline
    return dark, dark - core


def stroke_widths(image: Any, data: dict[str, list[Any]]) -> dict[Key, tuple[float, int]]:
    """Each tesseract line's mean stroke width in pixels, and how many characters it was measured on."""
    totals: dict[Key, list[int]] = {}
    for k, level in enumerate(data["level"]):
        text = str(data["text"][k]).strip()
        if level != WORD_LEVEL or not text or data["width"][k] <= 0 or data["height"][k] <= 0:
            continue
        box = (data["left"][k], data["top"][k], data["left"][k] + data["width"][k], data["top"][k] + data["height"][k])
        dark, rim = _ink_and_rim(image, box)
        total = totals.setdefault(_key(data, k), [0, 0, 0])
        total[0] += dark
        total[1] += rim
        total[2] += len(text)
    return {key: (2 * dark / rim, chars) for key, (dark, rim, chars) in totals.items() if rim}


def _body_width(widths: dict[Key, tuple[float, int]]) -> float:
    """The stroke width most characters of the page are set in (the median, character by character)."""
    ordered = sorted(widths.values())
    half = sum(chars for _, chars in ordered) / 2
    seen = 0
    for width, chars in ordered:
        seen += chars
        if seen >= half:
            return width
    return 0.0


def bold_lines(image: Any, data: dict[str, list[Any]], sizes: dict[Key, float]) -> set[Key]:
    """The tesseract lines set in bold: their strokes clearly wider than the body's (see the module's text).

    ``sizes`` are the lines' type sizes: a heavy line's neighbour makes a run with it only in about its size
    (not a fragment of a display character tesseract read as a small line of its own).
    """
    widths = stroke_widths(image, data)
    body = _body_width(widths)
    if body <= 0:
        return set()
    heavy = {key for key, (width, _) in widths.items() if width >= HEAVY * body}

    def beside(key: Key) -> bool:
        size = sizes.get(key, 0.0)
        for other in ((key[0], key[1], key[2] - 1), (key[0], key[1], key[2] + 1)):
            near = sizes.get(other, 0.0)
            if other in heavy and min(size, near) > 0 and max(size, near) <= RUN_SIZE * min(size, near):
                return True
        return False

    return {key for key in heavy if beside(key) or widths[key][0] >= HEAVY_ALONE * body}
