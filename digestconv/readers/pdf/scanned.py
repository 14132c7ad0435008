"""Pages without a text layer, read through tesseract (the ``ocr`` extra): its words become glyphs.

The page is rendered at 300 dpi and tesseract's own layout (``image_to_data``:
word boxes with their block, paragraph and line numbers) is taken as the
geometry, its paragraphs as block edges within a column; each word becomes a glyph sized by its tesseract line's height, so the
same line, column and block code reads a scan as it reads a text layer.
"""

from __future__ import annotations

import math
import shutil
import statistics
from typing import Any

from digestconv.errors import InputError
from digestconv.readers.pdf.glyphs import Glyph, PageGlyphs
from digestconv.readers.pdf.lines import Line
from digestconv.readers.pdf.ocr_image import erase_rules, find_rules, read_ruled
from digestconv.readers.pdf.ocr_reread import reread_latin_lines, reread_lost_ends
from digestconv.readers.pdf.ocr_strips import mend_strips

DPI = 300
LANGUAGES = "chi_sim+eng"
EXTRA_HINT = "install the OCR extra: pip install 'digestconv[ocr]' and Debian's tesseract-ocr tesseract-ocr-chi-sim"
WORD_LEVEL = 5
SIZE_STEPS = 4  # line sizes are rounded to quarter points: OCR boxes jitter by a pixel or two
MIN_CONFIDENCE = 0.0
DARK = 128  # a grey level below this is ink
BOLD_INK = 1.4  # a line whose words' ink covers this many times the page's usual share is bold
DISPLAY_HEIGHT = 1.3  # a line this many times the usual line's height is display type
PARAGRAPHS = 10_000  # paragraph numbers within a tesseract block stay below this
SIZE_CLUSTER = 1.18  # OCR line heights within this factor of the smallest of their run are one size
BODY_CLUSTER = 1.35  # ... and within this factor of the body's, the body size (a Latin line without
# ascenders or descenders has a box a third lower than one with them)
HAN_BODY_CLUSTER = 1.09  # on a page of Han text, sized by its characters' cells, the body takes only this
PARAGRAPH_CLUSTER = 1.12  # within one tesseract paragraph, sizes this close are one (a head is a sixth larger)
HAN_PAGE = 0.5  # a page whose lines' characters are at least this share Han is sized by Han cells
OPENING = "“‘《〈（「『【〔"  # full-width opening marks: their ink sits in the right half of their cell
OPENING_INK = 0.5  # ... this many ems in from the cell's left edge, where the typesetter set the character


def ocr_available() -> bool:
    """Whether pytesseract and the tesseract program are both installed."""
    try:
        import pytesseract  # type: ignore[import-untyped]  # noqa: F401
    except ImportError:
        return False
    return shutil.which("tesseract") is not None


def _languages(pytesseract: Any) -> str:
    have = set(pytesseract.get_languages(config=""))
    wanted = [lang for lang in LANGUAGES.split("+") if lang in have]
    return "+".join(wanted) or "eng"


def _latin(text: str) -> bool:
    return text[:1].isascii() and text[-1:].isascii()


def _line_boxes(data: dict[str, list[Any]], scale: float) -> dict[tuple[int, int, int], tuple[float, float]]:
    """Each tesseract line's top and bottom: a word takes its line's (a comma's ink is low, but it sits on the line)."""
    boxes: dict[tuple[int, int, int], tuple[float, float]] = {}
    for k, level in enumerate(data["level"]):
        if level == WORD_LEVEL - 1:
            key = (data["block_num"][k], data["par_num"][k], data["line_num"][k])
            boxes[key] = (data["top"][k] * scale, (data["top"][k] + data["height"][k]) * scale)
    return boxes


def _pieces(text: str, x0: float, x1: float) -> list[tuple[str, float, float]]:
    """A word as glyphs: a word holding Han text is cut into its characters, its box shared out evenly (each
    Han character is a unit a line may break after); a Latin word stays whole."""
    if _latin(text) and text.isascii():
        return [(text, x0, x1)]
    step = (x1 - x0) / len(text)
    return [(char, x0 + n * step, x0 + (n + 1) * step) for n, char in enumerate(text)]


def _ink(image: Any, data: dict[str, list[Any]], k: int) -> tuple[int, int]:
    """The dark pixels and all pixels of word ``k``'s box on the page image."""
    box = (data["left"][k], data["top"][k], data["left"][k] + data["width"][k], data["top"][k] + data["height"][k])
    histogram = image.crop(box).convert("L").histogram()
    return sum(histogram[:DARK]), sum(histogram)


def _bold_lines(image: Any, data: dict[str, list[Any]]) -> set[tuple[int, int, int]]:
    """The tesseract lines set in bold: their words' ink, and their paragraph's, covers clearly more of their
    boxes than the page's usual line does (a scan has no font names; heavier strokes are what bold looks like)."""
    ink: dict[tuple[int, int, int], list[int]] = {}
    for k, level in enumerate(data["level"]):
        if level == WORD_LEVEL and data["text"][k].strip():
            dark, area = _ink(image, data, k)
            total = ink.setdefault((data["block_num"][k], data["par_num"][k], data["line_num"][k]), [0, 0])
            total[0] += dark
            total[1] += area
    shares = {key: dark / area for key, (dark, area) in ink.items() if area}
    if not shares:
        return set()
    usual = statistics.median(shares.values())
    if usual <= 0:
        return set()
    by_paragraph: dict[tuple[int, int], list[float]] = {}
    for key, share in shares.items():
        by_paragraph.setdefault(key[:2], []).append(share)
    # small type's ink jitters from line to line: a line is bold when its whole tesseract paragraph is heavy
    # (display type has pixels enough for its own line to tell)
    heavy = {par for par, values in by_paragraph.items() if statistics.median(values) >= BOLD_INK * usual}
    heights = _line_heights(data)
    usual_height = statistics.median(heights.values()) if heights else 0.0
    return {key for key, share in shares.items() if share >= BOLD_INK * usual
            and (key[:2] in heavy or heights.get(key, 0.0) >= DISPLAY_HEIGHT * usual_height)}


def _opens_han(text: str, data: dict[str, list[Any]], k: int) -> bool:
    """Whether word ``k`` starts with a full-width opening mark of Chinese text (the word holds Han, or the next
    word does): its box, the ink's, starts half an em into the mark's cell, so a line opening with one would
    read as set in from its column's edge."""
    if text[:1] not in OPENING:
        return False
    following = data["text"][k + 1].strip() if k + 1 < len(data["text"]) and data["level"][k + 1] == WORD_LEVEL else ""
    return any(_han(char) for char in text + following[:1])


def _han(text: str) -> bool:
    return all("\u4e00" <= char <= "\u9fff" for char in text)


def _line_sizes(data: dict[str, list[Any]], scale: float) -> dict[tuple[int, int, int], float]:
    """Each tesseract line's type size: the median cell of its Han words, else its box height.

    A Han character's cell is its em however the character is shaped, so Han words measure the type far better
    than the line box, which a quotation mark or a comma stretches by a fifth; a word box tesseract stretched
    over the gap to the next row (half again too tall) is an outlier the median and the line box bound.
    """
    cells: dict[tuple[int, int, int], list[float]] = {}
    for k, level in enumerate(data["level"]):
        text = data["text"][k].strip()
        if level == WORD_LEVEL and text and _han(text):
            key = (data["block_num"][k], data["par_num"][k], data["line_num"][k])
            cells.setdefault(key, []).append(float(data["height"][k]))
    sizes = _line_heights(data)
    for key, heights in cells.items():
        sizes[key] = min(sizes.get(key, math.inf), statistics.median(heights))
    return {key: height * scale for key, height in sizes.items()}


def _line_heights(data: dict[str, list[Any]]) -> dict[tuple[int, int, int], float]:
    return {(data["block_num"][k], data["par_num"][k], data["line_num"][k]): float(data["height"][k])
            for k, level in enumerate(data["level"]) if level == WORD_LEVEL - 1}


def ocr_glyphs(image: Any, width: float, height: float, source: str | None) -> PageGlyphs:
    """The words tesseract reads on a rendered page, as glyphs in PDF points."""
    import pytesseract

    rules = find_rules(image, image.width * 72 / width)
    try:
        languages = _languages(pytesseract)
        data = read_ruled(pytesseract, image, rules, languages)
    except pytesseract.TesseractError as exc:
        raise InputError(f"tesseract failed on a scanned page ({exc.message or exc.status})", source) from None
    image = erase_rules(image, rules)
    data = mend_strips(reread_latin_lines(pytesseract, image, data, languages))
    data = reread_lost_ends(pytesseract, image, data, languages)
    scale = width / image.width
    bold = _bold_lines(image, data)
    line_box = _line_boxes(data, scale)
    line_size = _line_sizes(data, scale)
    glyphs: list[Glyph] = []
    last_line: tuple[int, int, int] | None = None
    for k, level in enumerate(data["level"]):
        text = data["text"][k].strip()
        if level != WORD_LEVEL or not text or float(data["conf"][k]) < MIN_CONFIDENCE:
            continue
        key = (data["block_num"][k], data["par_num"][k], data["line_num"][k])
        x0 = data["left"][k] * scale
        x1 = max(x0, x0 + data["width"][k] * scale)
        if key == last_line and glyphs and x0 < glyphs[-1].x1:
            x0 = min(glyphs[-1].x1, x1)  # word boxes overlap a little; their characters must not interleave
        top, bottom = line_box.get(key, (data["top"][k] * scale, (data["top"][k] + data["height"][k]) * scale))
        size = round(line_size.get(key, bottom - top) * SIZE_STEPS) / SIZE_STEPS
        if _opens_han(text, data, k):
            x0 = max(x0 - OPENING_INK * size, glyphs[-1].x1 if key == last_line and glyphs else -math.inf)
        for n, (char, left, right) in enumerate(_pieces(text, x0, x1)):
            # tesseract's own line holds its words together, however widely justification spread them
            same_line = key == last_line and bool(glyphs)
            spaced = n == 0 and same_line and _latin(glyphs[-1].text) and _latin(char)
            glyphs.append(Glyph(char, left, right, top, bottom, size, key in bold, 0, len(glyphs), same_line and n == 0,
                                spaced, paragraph=key[0] * PARAGRAPHS + key[1]))
            last_line = key
    return PageGlyphs(glyphs, width, height, ["tesseract"])


def _han_page(lines: list[Line]) -> bool:
    text = "".join(ln.text for ln in lines)
    return bool(text) and sum(_han(char) for char in text) >= HAN_PAGE * len(text)


def snap_sizes(lines: list[Line]) -> None:
    """One size for the line heights that jitter around it on a scan (a pixel or two of a tesseract box).

    The body's height (most characters) takes every height within ``BODY_CLUSTER`` of it either way (on a page
    of Han text, sized by its characters' cells, only within ``HAN_BODY_CLUSTER``: a section head is set a
    sixth larger, a byline a tenth smaller); the
    other heights, smallest first, make runs within ``SIZE_CLUSTER`` of the run's smallest, each one size:
    the height most characters of the run have.
    """
    chars: dict[float, int] = {}
    for ln in lines:
        chars[ln.size] = chars.get(ln.size, 0) + ln.chars
    if not chars:
        return
    body = max(chars, key=chars.__getitem__)
    cluster = HAN_BODY_CLUSTER if _han_page(lines) else BODY_CLUSTER
    snapped = {size: body for size in chars if max(size, body) <= cluster * min(size, body)}
    runs: list[list[float]] = []
    for size in sorted(set(chars) - set(snapped)):
        if runs and size <= SIZE_CLUSTER * runs[-1][0]:
            runs[-1].append(size)
        else:
            runs.append([size])
    snapped.update({size: max(run, key=chars.__getitem__) for run in runs for size in run})
    for ln in lines:
        ln.size = snapped[ln.size]
    _paragraph_sizes(lines)


def _paragraph_sizes(lines: list[Line]) -> None:
    """A line of a tesseract paragraph whose size jittered just off the paragraph's takes the paragraph's."""
    by_paragraph: dict[int, dict[float, int]] = {}
    for ln in lines:
        counts = by_paragraph.setdefault(ln.paragraph, {})
        counts[ln.size] = counts.get(ln.size, 0) + ln.chars
    for ln in lines:
        counts = by_paragraph[ln.paragraph]
        usual = max(counts, key=counts.__getitem__)
        if max(usual, ln.size) <= PARAGRAPH_CLUSTER * min(usual, ln.size):
            ln.size = usual
