"""Tesseract's glyph strips put back into their lines.

Tesseract's page layout sometimes cuts a column's first or last character of
several lines off as a block of its own: one narrow "line" a character wide and
several rows tall.  Read as a line, it is one tall glyph that breaks the
paragraphs beside it and, with its bogus height, passes for display type.  Its
words that are one row high belong to the line beside them on that row; a word
spanning rows is tesseract guessing at several characters at once, and where
tesseract itself doubts it, it is dropped rather than read as text.

A line's last few characters, after a gap justification widened, come back
now and then as a block of their own: one short line on the row of a line of
another block, after its end, and no further out than that block's right edge
(a neighbouring column's line would start a block reaching beyond it).  Its
words go back to the end of the line they were cut from.

Tesseract also reads the ink of heavy display type twice now and then: once
as the headline, and once more as a second "line" over it, of pieces of its
strokes (``>Z<J 几 L WV``).  Two lines cannot share one place on the page: where
two lines' boxes overlap by more than ``OVERLAID`` of the smaller one, on one
row (by as much of the taller one's height) or the smaller line a fragment
(``FRAGMENT`` of the other's type size or less: pieces of its characters), the
line tesseract is less sure of is the second reading, and it is dropped.  (A
box tesseract stretched over two rows of body type overlaps the line below it
by half its height, but it is not on that line's row nor larger type.)
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from typing import Any

LINE_LEVEL, WORD_LEVEL = 4, 5
STRIP_TALL = 1.8  # a "line" this many usual line heights tall ...
STRIP_WIDE = 1.5  # ... and at most this many wide is a strip of characters cut off their lines
ROW_HIGH = 1.3  # a strip's word at most this many line heights tall sits on one row
REACH = 1.0  # a strip word joins a line that ends (or starts) within this many line heights of it
DOUBTFUL = 50.0  # a word spanning rows with tesseract's confidence below this is not read
END_CHARS = 6  # a block of one line of at most this many characters may be a line's cut-off end ...
END_GAP = 2.0  # ... standing at most this many line heights after the line's end ...
END_REACH = 1.0  # ... and ending within this many line heights beyond the line's block's right edge
OVERLAID = 0.5  # two lines whose boxes overlap by this share of the smaller one's are two readings of one
FRAGMENT = 0.6  # ... where they share a row, or the smaller is this share of the other's size or less

Key = tuple[int, int, int]


@dataclass(frozen=True, slots=True)
class _Box:
    key: Key
    left: int
    top: int
    right: int
    bottom: int


def _key(data: dict[str, list[Any]], k: int) -> Key:
    return (data["block_num"][k], data["par_num"][k], data["line_num"][k])


def _box(data: dict[str, list[Any]], k: int) -> _Box:
    left, top = data["left"][k], data["top"][k]
    return _Box(_key(data, k), left, top, left + data["width"][k], top + data["height"][k])


def _lines(data: dict[str, list[Any]]) -> dict[Key, _Box]:
    """The lines that hold words."""
    worded = {_key(data, k) for k, level in enumerate(data["level"]) if level == WORD_LEVEL and data["text"][k].strip()}
    return {_key(data, k): _box(data, k) for k, level in enumerate(data["level"])
            if level == LINE_LEVEL and _key(data, k) in worded}


def _strips(lines: dict[Key, _Box], usual: float) -> set[Key]:
    return {key for key, b in lines.items()
            if b.bottom - b.top >= STRIP_TALL * usual and b.right - b.left <= STRIP_WIDE * usual}


def _home(word: _Box, lines: dict[Key, _Box], strips: set[Key], usual: float) -> tuple[Key, bool] | None:
    """The line on the word's row that ends just before it (``True``: the word goes last) or starts just after it."""
    centre = (word.top + word.bottom) / 2
    best: tuple[float, Key, bool] | None = None
    for key, b in lines.items():
        if key in strips or not b.top <= centre <= b.bottom:
            continue
        after, before = word.left - b.right, b.left - word.right
        for gap, last in ((after, True), (before, False)):
            if -usual / 4 <= gap <= REACH * usual and (best is None or gap < best[0]):
                best = (gap, key, last)
    return None if best is None else (best[1], best[2])


def _moves(data: dict[str, list[Any]]) -> tuple[dict[int, tuple[Key, bool]], set[int]]:
    """Which strip words go to which line (and at which end), and which are dropped."""
    lines = _lines(data)
    if not lines:
        return {}, set()
    usual = statistics.median(b.bottom - b.top for b in lines.values())
    strips = _strips(lines, usual)
    moves: dict[int, tuple[Key, bool]] = {}
    dropped: set[int] = set()
    for k, level in enumerate(data["level"]):
        if level != WORD_LEVEL or _key(data, k) not in strips or not data["text"][k].strip():
            continue
        word = _box(data, k)
        home = _home(word, lines, strips, usual) if word.bottom - word.top <= ROW_HIGH * usual else None
        if home is not None:
            moves[k] = home
        elif float(data["conf"][k]) < DOUBTFUL:
            dropped.add(k)
    return moves, dropped


def _order(data: dict[str, list[Any]], moves: dict[int, tuple[Key, bool]], dropped: set[int]) -> list[int]:
    """The entries in reading order with each moved word at its new line's end (or start)."""
    first: dict[Key, list[int]] = {}
    last: dict[Key, list[int]] = {}
    for k, (key, at_end) in sorted(moves.items(), key=lambda item: data["left"][item[0]]):
        (last if at_end else first).setdefault(key, []).append(k)
    order: list[int] = []
    ends = {key: max(k for k, level in enumerate(data["level"]) if level == WORD_LEVEL and _key(data, k) == key)
            for key in last}
    starts = {key: min(k for k, level in enumerate(data["level"]) if level == WORD_LEVEL and _key(data, k) == key)
              for key in first}
    for k in range(len(data["level"])):
        if k in moves or k in dropped:
            continue
        key = _key(data, k)
        if data["level"][k] == WORD_LEVEL and starts.get(key) == k:
            order.extend(first[key])
        order.append(k)
        if data["level"][k] == WORD_LEVEL and ends.get(key) == k:
            order.extend(last[key])
    return order


def mend_strips(data: dict[str, list[Any]]) -> dict[str, list[Any]]:
    """``image_to_data``'s answer with each strip word moved into the line on its row, doubtful tall ones out."""
    moves, dropped = _moves(data)
    if not moves and not dropped:
        return data
    order = _order(data, moves, dropped)
    mended = {name: [values[k] for k in order] for name, values in data.items()}
    for n, k in enumerate(order):
        if k in moves:
            key = moves[k][0]
            mended["block_num"][n], mended["par_num"][n], mended["line_num"][n] = key
    return mended


def _overlap(a: _Box, b: _Box) -> tuple[float, float]:
    """The area two boxes share, as a share of the smaller one's, and the rows they share, as a share of the
    taller one's height."""
    width = min(a.right, b.right) - max(a.left, b.left)
    height = min(a.bottom, b.bottom) - max(a.top, b.top)
    smaller = min((a.right - a.left) * (a.bottom - a.top), (b.right - b.left) * (b.bottom - b.top))
    if width <= 0 or height <= 0 or smaller <= 0:
        return 0.0, 0.0
    return width * height / smaller, height / max(a.bottom - a.top, b.bottom - b.top)


def _second_reading(a: _Box, b: _Box, sizes: dict[Key, float]) -> bool:
    area, rows = _overlap(a, b)
    small, large = sorted((sizes.get(a.key, a.bottom - a.top), sizes.get(b.key, b.bottom - b.top)))
    return area > OVERLAID and (rows > OVERLAID or small <= FRAGMENT * large)


def _overlaid(data: dict[str, list[Any]], sizes: dict[Key, float]) -> dict[Key, Key]:
    """The lines read a second time over another line, less surely than it: each with that line."""
    lines = _lines(data)
    sure: dict[Key, list[float]] = {}
    for k, level in enumerate(data["level"]):
        if level == WORD_LEVEL and data["text"][k].strip():
            sure.setdefault(_key(data, k), []).append(float(data["conf"][k]))
    mean = {key: statistics.fmean(values) for key, values in sure.items()}
    ordered = sorted(lines.values(), key=lambda b: b.top)
    weaker: dict[Key, Key] = {}
    for n, a in enumerate(ordered):
        for b in ordered[n + 1:]:
            if b.top >= a.bottom:
                break
            if _second_reading(a, b, sizes):
                lose, keep = sorted((a.key, b.key), key=lambda key: mean.get(key, 0.0))
                weaker[lose] = keep
    return weaker


def drop_overlaid(data: dict[str, list[Any]], sizes: dict[Key, float]) -> dict[str, list[Any]]:
    """``image_to_data``'s answer without the words of lines read a second time over another line (``sizes``:
    each line's type size in pixels).  The line kept takes the ink the second reading reached beyond it on its
    row into its own box: characters of it tesseract read only there (a lost one is looked for in that box)."""
    weaker = _overlaid(data, sizes)
    if not weaker:
        return data
    lines = _lines(data)
    keep = [k for k in range(len(data["level"])) if data["level"][k] < LINE_LEVEL or _key(data, k) not in weaker]
    out = {name: [values[k] for k in keep] for name, values in data.items()}
    for k, level in enumerate(out["level"]):
        key = _key(out, k)
        reach = [lines[lost] for lost, kept in weaker.items() if kept == key and lost in lines]
        if level == LINE_LEVEL and reach and key in lines:
            left = min(lines[key].left, *(b.left for b in reach))
            right = max(lines[key].right, *(b.right for b in reach))
            out["left"][k], out["width"][k] = left, right - left
    return out


def _row_end_of(piece: _Box, lines: dict[Key, _Box], edges: dict[int, int]) -> Key | None:
    """The line of another block on the piece's row that it was cut from, if any."""
    height = piece.bottom - piece.top
    for key, b in lines.items():
        shared = min(b.bottom, piece.bottom) - max(b.top, piece.top)
        if key[0] == piece.key[0] or shared < max(b.bottom - b.top, height) / 2:
            continue
        if 0 <= piece.left - b.right <= END_GAP * height and piece.right <= edges[key[0]] + END_REACH * height:
            return key
    return None


def mend_row_ends(data: dict[str, list[Any]]) -> dict[str, list[Any]]:
    """``image_to_data``'s answer with each line end tesseract cut off into a block of its own moved back to
    the end of its line."""
    lines = _lines(data)
    edges: dict[int, int] = {}
    count: dict[int, int] = {}
    for key, b in lines.items():
        edges[key[0]] = max(edges.get(key[0], b.right), b.right)
        count[key[0]] = count.get(key[0], 0) + 1
    moves: dict[int, tuple[Key, bool]] = {}
    for key, piece in lines.items():
        words = [k for k, level in enumerate(data["level"]) if level == WORD_LEVEL and _key(data, k) == key
                 and str(data["text"][k]).strip()]
        if count[key[0]] != 1 or len("".join(str(data["text"][k]).strip() for k in words)) > END_CHARS:
            continue
        home = _row_end_of(piece, lines, edges)
        if home is not None:
            moves.update({k: (home, True) for k in words})
    if not moves:
        return data
    order = _order(data, moves, set())
    mended = {name: [values[k] for k in order] for name, values in data.items()}
    for n, k in enumerate(order):
        if k in moves:
            mended["block_num"][n], mended["par_num"][n], mended["line_num"][n] = moves[k][0]
    return mended
