"""A second look at the lines of a Chinese page that tesseract read as Latin gibberish.

With ``chi_sim+eng`` tesseract picks a model per word; on a line of Han text
full of ideographic commas and quotation marks (``‘互尊、互信、互利``), or in
heavy display type, it sometimes takes the English one and answers
``J ‘HS. Ata, BA, BBY, bhi``.  On a page that is mostly Han, a line holding no
Han character but Latin letters is read again alone (its box, one line) with
the Chinese model only; the new reading replaces the old where it is mostly
Han and tesseract is at least as sure of it.  Real Latin lines (a folio
``Page 1``, an English name) come back as Latin from the Chinese model too, or
with less confidence, and stay as they were.

Tesseract also loses a line's first character now and then (an opening quote,
the first character after a paragraph indent, a column-edge character it cut
off into a strip), or its last: the line then starts set in from its block's
left edge (a lost character reads as a paragraph indent) or ends short of the
right one (a paragraph's last line).  Where there is ink between the block's
edge and the line's first (or last) word, the line is read again out to the
block's edge; the new reading replaces the old where it holds more characters
and tesseract is nearly as sure of it.
"""

from __future__ import annotations

import statistics
from typing import Any

LINE_LEVEL, WORD_LEVEL = 4, 5
HAN_PAGE = 0.5  # a page whose words' characters are at least this share Han is a Chinese page
HAN_READING = 0.5  # a new reading at least this share Han is a Chinese line
PAD = 0.25  # the crop reaches this many line heights beyond the line's box
DARK = 128  # a grey level below this is ink
INK = 0.03  # ink covering this share of the blank before a line's first word is a lost character
LOST_WIDE = 0.5  # ... a blank at least this many line heights wide
LOST_REACH = 1.5  # a lost character stands within this many line heights of the line's first (or last) word
CORE = 0.2  # the ink is looked for in the line's box shrunk by this share of its height (not the rows beside)
NEARLY_SURE = 0.85  # a longer reading at this share of the old one's confidence is taken
CHINESE = "chi_sim"
ONE_LINE = "--psm 7"  # tesseract's page segmentation mode "treat the image as a single text line"

Key = tuple[int, int, int]


def _han(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"


def _key(data: dict[str, list[Any]], k: int) -> Key:
    return (data["block_num"][k], data["par_num"][k], data["line_num"][k])


def _words(data: dict[str, list[Any]]) -> dict[Key, list[int]]:
    out: dict[Key, list[int]] = {}
    for k, level in enumerate(data["level"]):
        if level == WORD_LEVEL and data["text"][k].strip():
            out.setdefault(_key(data, k), []).append(k)
    return out


def _han_share(text: str) -> float:
    chars = [c for c in text if not c.isspace()]
    return sum(_han(c) for c in chars) / len(chars) if chars else 0.0


def _gibberish(text: str) -> bool:
    """No Han character, and Latin letters: what the English model makes of a Chinese line."""
    return not any(_han(c) for c in text) and any(c.isascii() and c.isalpha() for c in text)


def _confidence(data: dict[str, list[Any]], ks: list[int]) -> float:
    return statistics.fmean(float(data["conf"][k]) for k in ks) if ks else -1.0


def _reading(pytesseract: Any, image: Any, box: tuple[int, int, int, int]) -> dict[str, list[Any]]:
    found: dict[str, list[Any]] = pytesseract.image_to_data(image.crop(box), lang=CHINESE, config=ONE_LINE,
                                                            output_type=pytesseract.Output.DICT)
    return found


def _line_box(data: dict[str, list[Any]], ks: list[int], width: int, height: int) -> tuple[int, int, int, int]:
    left = min(data["left"][k] for k in ks)
    top = min(data["top"][k] for k in ks)
    right = max(data["left"][k] + data["width"][k] for k in ks)
    bottom = max(data["top"][k] + data["height"][k] for k in ks)
    pad = round(PAD * (bottom - top))
    return max(0, left - pad), max(0, top - pad), min(width, right + pad), min(height, bottom + pad)


def _better(old: dict[str, list[Any]], ks: list[int], new: dict[str, list[Any]]) -> list[int] | None:
    """The new reading's words, where it is a Chinese line tesseract is at least as sure of."""
    found = [k for k, level in enumerate(new["level"]) if level == WORD_LEVEL and str(new["text"][k]).strip()]
    text = "".join(str(new["text"][k]) for k in found)
    if not found or _han_share(text) < HAN_READING or _confidence(new, found) < _confidence(old, ks):
        return None
    return found


def _replace(data: dict[str, list[Any]], ks: list[int], new: dict[str, list[Any]], found: list[int],
             origin: tuple[int, int]) -> dict[str, list[Any]]:
    """``data`` with the line's words ``ks`` replaced by the new reading's, placed back on the page."""
    key = _key(data, ks[0])
    mine = set(ks)
    out: dict[str, list[Any]] = {name: [] for name in data}
    for k in range(len(data["level"])):
        if k in mine:
            if k != ks[0]:
                continue
            for j in found:
                for name in data:
                    value = new[name][j] if name in new else data[name][k]
                    out[name].append(value)
                out["left"][-1] += origin[0]
                out["top"][-1] += origin[1]
                out["block_num"][-1], out["par_num"][-1], out["line_num"][-1] = key
            continue
        for name in data:
            out[name].append(data[name][k])
    return out


def _lines(data: dict[str, list[Any]]) -> dict[Key, tuple[int, int, int, int]]:
    return {_key(data, k): (data["left"][k], data["top"][k], data["width"][k], data["height"][k])
            for k, level in enumerate(data["level"]) if level == LINE_LEVEL}


def _block_edges(data: dict[str, list[Any]], words: dict[Key, list[int]]) -> dict[int, tuple[int, int]]:
    """Each tesseract block's left and right edge: where its words start and end furthest out."""
    edges: dict[int, tuple[int, int]] = {}
    for key, ks in words.items():
        left = min(data["left"][k] for k in ks)
        right = max(data["left"][k] + data["width"][k] for k in ks)
        lo, hi = edges.get(key[0], (left, right))
        edges[key[0]] = (min(lo, left), max(hi, right))
    return edges


def _inked(image: Any, box: tuple[int, int, int, int]) -> bool:
    if box[2] <= box[0] or box[3] <= box[1]:
        return False
    histogram: list[int] = image.crop(box).convert("L").histogram()
    return sum(histogram[:DARK]) >= INK * max(1, sum(histogram))


def _lost_ends(image: Any, data: dict[str, list[Any]], ks: list[int], block: tuple[int, int],
               line: tuple[int, int, int, int]) -> tuple[int, int, int, int] | None:
    """The box to read the line again in, when ink stands between its block's left edge and its first word
    (or between its last word and the block's right edge), a character's width or so from the word."""
    first = min(data["left"][k] for k in ks)
    last = max(data["left"][k] + data["width"][k] for k in ks)
    _, top, _, height = line
    reach, core = round(LOST_REACH * height), round(CORE * height)
    start, end = max(block[0], first - reach), min(block[1], last + reach)
    lost_start = first - start >= LOST_WIDE * height and _inked(image, (start, top + core, first - 1, top + height - core))
    lost_end = end - last >= LOST_WIDE * height and _inked(image, (last + 1, top + core, end, top + height - core))
    if not (lost_start or lost_end):
        return None
    pad = round(PAD * height)
    left, right = (start if lost_start else first), (end if lost_end else last)
    return (max(0, left - pad), max(0, top - pad), min(image.width, right + pad), min(image.height, top + height + pad))


def _fuller(old: dict[str, list[Any]], ks: list[int], new: dict[str, list[Any]]) -> list[int] | None:
    """The new reading's words, where they hold more characters and tesseract is nearly as sure of them."""
    found = [k for k, level in enumerate(new["level"]) if level == WORD_LEVEL and str(new["text"][k]).strip()]
    count = len("".join(str(new["text"][k]) for k in found).replace(" ", ""))
    if count <= len("".join(str(old["text"][k]) for k in ks).replace(" ", "")):
        return None
    return found if _confidence(new, found) >= NEARLY_SURE * _confidence(old, ks) else None


def reread_lost_ends(pytesseract: Any, image: Any, data: dict[str, list[Any]], languages: str) -> dict[str, list[Any]]:
    """``image_to_data``'s answer with the lines that lost their first (or last) character read again from their
    block's edge."""
    words = _words(data)
    edges = _block_edges(data, words)
    lines = _lines(data)
    han = _han_share("".join(str(data["text"][k]) for ks in words.values() for k in ks)) >= HAN_PAGE
    lang = CHINESE if han and CHINESE in languages.split("+") else languages
    for key, ks in reversed(list(words.items())):
        box = _lost_ends(image, data, ks, edges[key[0]], lines.get(key, (0, 0, 0, 0)))
        if box is None:
            continue
        new = pytesseract.image_to_data(image.crop(box), lang=lang, config=ONE_LINE, output_type=pytesseract.Output.DICT)
        found = _fuller(data, ks, new)
        if found is not None:
            data = _replace(data, ks, new, found, box[:2])
    return data


def reread_latin_lines(pytesseract: Any, image: Any, data: dict[str, list[Any]], languages: str) -> dict[str, list[Any]]:
    """``image_to_data``'s answer with the gibberish Latin lines of a Chinese page read again in Chinese."""
    if CHINESE not in languages.split("+") or languages == CHINESE:
        return data
    words = _words(data)
    text = "".join(str(data["text"][k]) for ks in words.values() for k in ks)
    if _han_share(text) < HAN_PAGE:
        return data
    for ks in reversed(list(words.values())):  # last first: a replacement moves only the entries after it
        if not _gibberish("".join(str(data["text"][k]) for k in ks)):
            continue
        box = _line_box(data, ks, image.width, image.height)
        new = _reading(pytesseract, image, box)
        found = _better(data, ks, new)
        if found is not None:
            data = _replace(data, ks, new, found, box[:2])
    return data
