"""A scanned page's image made ready for tesseract: the rules between columns taken out.

A newspaper sets a thin vertical rule in the gutter between columns.  Tesseract
often reads it as a character (``|``) and, where the two columns' rows do not
line up, runs the left column's line through the rule into the right column's,
so two columns come out as one of interleaved halves.  A rule is easy to tell
from type: it is a dark run, a pixel or three wide, unbroken over more than an
inch; no character's stroke is that long, and the strokes of characters set on
one grid line after line are broken by the leading.  Painted white, it leaves a
clean gutter.  But tesseract still runs a line across a gutter little wider than
a character now and then, and misreads both halves (their rows do not line up);
so each column of a ruled band is read on its own, from its crop, and the rest
of the page (headlines spanning the columns) with the bands left blank.
"""

from __future__ import annotations

import itertools
import re
from functools import partial
from typing import Any

INK = 200  # a grey level below this is ink (a thin rule is drawn grey by anti-aliasing)
RULE_LENGTH = 1.0  # a dark run at least this many inches long, unbroken, is a rule ...
RULE_WIDTH = 1 / 50  # ... when it is at most this many inches wide (a half-point rule is two pixels at 300 dpi)
BOX_SIDE = 1 / 4  # a horizontal run this many inches long at a rule's end makes it a box's side
CORNER = 3  # ... within this many pixels of the end
MARGIN = 1  # pixels painted white either side of a rule (its anti-aliased edge)

SPLIT_BLOCK = 1000  # the blocks of a ruled column's crop are numbered from a multiple of this
LINE_LEVEL, WORD_LEVEL = 4, 5

Run = tuple[int, int, int]  # x, first row, row after the last
Rule = tuple[int, int, int, int]  # x0, top, x1 (the last pixel column), bottom


def _ink(image: Any) -> Any:
    return image.convert("L").point(lambda v: 0 if v < INK else 255)


def _runs(ink: Any, length: int) -> list[Run]:
    """Each pixel column's unbroken dark runs of at least ``length`` rows."""
    from PIL import Image

    image = ink
    columns = ink.transpose(Image.Transpose.TRANSPOSE).tobytes()  # column x of the page is row x here
    height = image.height
    pattern = re.compile(rb"\x00{%d,}" % length)
    runs: list[Run] = []
    for x in range(image.width):
        for found in pattern.finditer(columns, x * height, (x + 1) * height):
            runs.append((x, found.start() - x * height, found.end() - x * height))
    return runs


def _rules(runs: list[Run], width: int) -> list[Rule]:
    """Runs side by side grouped into boxes (x0, top, x1, bottom); the boxes no wider than ``width`` are rules."""
    boxes: list[list[int]] = []
    for x, top, bottom in runs:  # in x order
        for box in boxes:
            if box[2] == x - 1 and top < box[3] and box[1] < bottom:
                box[1], box[2], box[3] = min(box[1], top), x, max(box[3], bottom)
                break
        else:
            boxes.append([x, top, x, bottom])
    return [(b[0], b[1], b[2], b[3]) for b in boxes if b[2] - b[0] + 1 <= width]


def _boxed(ink: Any, rule: Rule, length: int) -> bool:
    """Whether a horizontal rule of at least ``length`` pixels meets the rule at its top or its foot: the side
    of a box, not a rule between columns."""
    x0, top, x1, bottom = rule
    pattern = re.compile(rb"\x00{%d,}" % length)
    for y in [*range(top - CORNER, top + CORNER + 1), *range(bottom - 1 - CORNER, bottom + CORNER)]:
        if 0 <= y < ink.height:
            row = ink.crop((0, y, ink.width, y + 1)).tobytes()
            if any(found.start() <= x1 + CORNER and x0 - CORNER < found.end() for found in pattern.finditer(row)):
                return True
    return False


def find_rules(image: Any, dpi: float) -> list[Rule]:
    """The page image's vertical rules between columns (not a box's sides), as pixel boxes."""
    ink = _ink(image)
    rules = _rules(_runs(ink, max(1, round(RULE_LENGTH * dpi))), max(1, round(RULE_WIDTH * dpi)))
    return [rule for rule in rules if not _boxed(ink, rule, max(1, round(BOX_SIDE * dpi)))]


def erase_rules(image: Any, rules: list[Rule]) -> Any:
    """The page image with its vertical rules painted white (the image itself when it has none)."""
    from PIL import ImageDraw

    if not rules:
        return image
    cleaned = image.copy()
    draw = ImageDraw.Draw(cleaned)
    white = 255 if cleaned.mode in ("L", "1") else (255,) * len(cleaned.getbands())
    for x0, top, x1, bottom in rules:
        draw.rectangle((x0 - MARGIN, top, x1 + MARGIN, bottom - 1), fill=white)
    return cleaned



def _bands(rules: list[Rule], width: int) -> list[tuple[int, int, list[tuple[int, int]]]]:
    """The page's bands of ruled columns: rules whose rows overlap make one band (top, bottom, columns), its
    columns the spans (left, right) between the band's rules and the page's sides."""
    groups: list[list[Rule]] = []
    for rule in sorted(rules, key=lambda r: r[1]):
        if groups and rule[1] < max(r[3] for r in groups[-1]):
            groups[-1].append(rule)
        else:
            groups.append([rule])
    bands = []
    for group in groups:
        xs = sorted(group)
        edges = [0] + [x for r in xs for x in (r[0] - MARGIN, r[2] + MARGIN + 1)] + [width]
        bands.append((min(r[1] for r in group), max(r[3] for r in group), list(itertools.pairwise(edges))[::2]))
    return bands


def _append(out: dict[str, list[Any]], found: dict[str, list[Any]], origin: tuple[int, int], block: int) -> None:
    """A crop's reading appended to the page's, placed back on the page, its blocks numbered from ``block``."""
    for k in range(len(found["level"])):
        if found["level"][k] < LINE_LEVEL - 2:  # the crop's page entry
            continue
        for name in out:
            out[name].append(found[name][k])
        out["left"][-1] += origin[0]
        out["top"][-1] += origin[1]
        out["block_num"][-1] += block


def read_ruled(pytesseract: Any, image: Any, rules: list[Rule], languages: str) -> dict[str, list[Any]]:
    """Tesseract's reading of a page (rules erased) with each ruled column read on its own: the page is read
    with its ruled bands blank, then each column of each band is read from its crop."""
    from PIL import ImageDraw

    data = partial(pytesseract.image_to_data, lang=languages, output_type=pytesseract.Output.DICT)
    page = erase_rules(image, rules)
    bands = _bands(rules, image.width)
    if not bands:
        return data(page)  # type: ignore[no-any-return]
    masked = page.copy()
    draw = ImageDraw.Draw(masked)
    for top, bottom, _ in bands:
        draw.rectangle((0, top, image.width - 1, bottom - 1), fill=255 if masked.mode == "L" else "white")
    out: dict[str, list[Any]] = data(masked)
    block = SPLIT_BLOCK
    for top, bottom, columns in bands:
        for left, right in columns:
            if right - left > MARGIN * 2:
                _append(out, data(page.crop((left, top, right, bottom))), (left, top), block)
                block += SPLIT_BLOCK
    return out
