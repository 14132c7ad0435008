"""A second look at the lines of a Chinese page that tesseract read as Latin gibberish.

With ``chi_sim+eng`` tesseract picks a model per word; on a line of Han text
full of ideographic commas and quotation marks (``‘互尊、互信、互利``), or in
heavy display type, it sometimes takes the English one and answers
``J ‘HS. Ata, BA, BBY, bhi`` (or switches to it halfway: ``《弘扬“中国一中亚精神”:
GORETEIN RG.``).  On a page that is mostly Han, a line holding Latin letters
and no more Han characters than letters is read again alone (its box, one
line) with the Chinese model only; the new reading replaces the old where it is mostly
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

And it loses a whole line now and then: two lines of one column stand two
body pitches apart, nothing between them but ink on the row where the lost
line was set.  That row is read alone (one line, Chinese on a Chinese page);
a reading mostly Han, about as many characters as the row has room for, that
tesseract is fairly sure of, goes in between as a line of its own.
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
LOST_ROW = 0.15  # two lines this close to two pitches apart (in pitches) may have lost the line between
ROW_SPAN = 0.8  # ... where their spans share this much of the narrower one's width
ROW_FILLED = 0.6  # a reading of the lost row with this share of the characters it has room for ...
ROW_SURE = 70.0  # ... and tesseract's confidence this high or more is the lost line
LOST_BLOCK = 10**6  # the lost lines found are numbered as blocks from here
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
    """Latin letters, and no more Han characters than them: what the English model makes of a Chinese line
    (or of the rest of one, after a few characters it read in Chinese)."""
    letters = sum(c.isascii() and c.isalpha() for c in text)
    return letters > 0 and sum(_han(c) for c in text) <= letters


def _confidence(data: dict[str, list[Any]], ks: list[int]) -> float:
    return statistics.fmean(float(data["conf"][k]) for k in ks) if ks else -1.0


def _reading(pytesseract: Any, image: Any, box: tuple[int, int, int, int], lang: str = CHINESE) -> dict[str, list[Any]]:
    """Tesseract's reading of ``box`` as one line of text in ``lang``."""
    found: dict[str, list[Any]] = pytesseract.image_to_data(image.crop(box), lang=lang, config=ONE_LINE,
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
    """The new reading's words, where it is a Chinese line (Han among its letters, marks aside) tesseract is at
    least as sure of as of the old reading, over all its words or over its Han words (it is seldom sure of a
    mark)."""
    found = [k for k, level in enumerate(new["level"]) if level == WORD_LEVEL and str(new["text"][k]).strip()]
    letters = [c for k in found for c in str(new["text"][k]) if _han(c) or (c.isascii() and c.isalnum())]
    han = [k for k in found if any(_han(c) for c in str(new["text"][k]))]
    if not han or sum(_han(c) for c in letters) < HAN_READING * len(letters) \
            or max(_confidence(new, han), _confidence(new, found)) < _confidence(old, ks):
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
    block's edge (or their own box's, where tesseract saw ink beyond their words)."""
    words = _words(data)
    edges = _block_edges(data, words)
    lines = _lines(data)
    han = _han_share("".join(str(data["text"][k]) for ks in words.values() for k in ks)) >= HAN_PAGE
    lang = CHINESE if han and CHINESE in languages.split("+") else languages
    for key, ks in reversed(list(words.items())):
        line = lines.get(key, (0, 0, 0, 0))
        reach = (min(edges[key[0]][0], line[0]), max(edges[key[0]][1], line[0] + line[2])) if line[2] else edges[key[0]]
        box = _lost_ends(image, data, ks, reach, line)
        if box is None:
            continue
        new = _reading(pytesseract, image, box, lang)
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


Box = tuple[int, int, int, int]


def _spans(data: dict[str, list[Any]], words: dict[Key, list[int]]) -> list[tuple[Key, Box]]:
    """Each line's words' box (left, top, right, bottom), top to bottom."""
    boxes = [(key, (min(data["left"][k] for k in ks), min(data["top"][k] for k in ks),
                    max(data["left"][k] + data["width"][k] for k in ks), max(data["top"][k] + data["height"][k] for k in ks)))
             for key, ks in words.items()]
    return sorted(boxes, key=lambda item: item[1][1])


def _below(lines: list[tuple[Key, Box]], n: int) -> Box | None:
    """The box of the first line under line ``n`` in its column (their spans share most of the narrower one)."""
    a = lines[n][1]
    for _, b in lines[n + 1:]:
        if b[1] > a[1] and min(a[2], b[2]) - max(a[0], b[0]) >= ROW_SPAN * min(a[2] - a[0], b[2] - b[0]):
            return b
    return None


def _lost_rows(image: Any, lines: list[tuple[Key, Box]]) -> list[tuple[Key, Box]]:
    """The rows between a line and the next one of its column two pitches under it, inked, with no line in
    between: each with the line above it and the row's box."""
    below = [_below(lines, n) for n in range(len(lines))]
    steps = [b[1] - a[1] for (_, a), b in zip(lines, below, strict=True) if b is not None]
    if not steps:
        return []
    pitch = statistics.median(steps)
    rows: list[tuple[Key, Box]] = []
    for (key, a), b in zip(lines, below, strict=True):
        if b is None or abs(b[1] - a[1] - 2 * pitch) > LOST_ROW * pitch:
            continue
        row = (max(a[0], b[0]), a[3], min(a[2], b[2]), b[1])
        between = any(c[1] < row[3] and row[1] < c[3] and c[0] < row[2] and row[0] < c[2] for _, c in lines)
        if not between and _inked(image, row):
            rows.append((key, row))
    return rows


def _row_reading(new: dict[str, list[Any]], row: Box) -> list[int] | None:
    """The words of a lost row's reading, where it is the lost line (see the module's text)."""
    found = [k for k, level in enumerate(new["level"]) if level == WORD_LEVEL and str(new["text"][k]).strip()]
    text = "".join(str(new["text"][k]) for k in found)
    room = (row[2] - row[0]) / max(1, row[3] - row[1])
    if not found or _han_share(text) < HAN_READING or len(text) < ROW_FILLED * room:
        return None
    return found if _confidence(new, found) >= ROW_SURE else None


def reread_lost_rows(pytesseract: Any, image: Any, data: dict[str, list[Any]], languages: str) -> dict[str, list[Any]]:
    """``image_to_data``'s answer with the lines tesseract lost between two lines of a column read again."""
    words = _words(data)
    han = _han_share("".join(str(data["text"][k]) for ks in words.values() for k in ks)) >= HAN_PAGE
    lang = CHINESE if han and CHINESE in languages.split("+") else languages
    for n, (key, row) in enumerate(reversed(_lost_rows(image, _spans(data, words)))):
        new = _reading(pytesseract, image, row, lang)
        found = _row_reading(new, row)
        if found is not None:
            data = _insert(data, words[key][-1], new, found, row[:2], (LOST_BLOCK + n, 1, 1))
    return data


def _insert(data: dict[str, list[Any]], after: int, new: dict[str, list[Any]], found: list[int],
            origin: tuple[int, int], key: Key) -> dict[str, list[Any]]:
    """``data`` with a new line of the reading's words (``key``) after entry ``after``, placed on the page."""
    out: dict[str, list[Any]] = {name: list(values[:after + 1]) for name, values in data.items()}
    for j in [found[0], *found]:  # the line's own entry (level 4, the first word's box), then its words
        for name in data:
            out[name].append(new[name][j] if name in new else data[name][after])
        out["left"][-1] += origin[0]
        out["top"][-1] += origin[1]
        out["block_num"][-1], out["par_num"][-1], out["line_num"][-1] = key
    out["level"][-len(found) - 1] = LINE_LEVEL
    for name, values in data.items():
        out[name].extend(values[after + 1:])
    return out
