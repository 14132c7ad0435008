"""Corner-bracket quotation marks: ``“”‘’`` become ``「」『』`` by nesting depth."""

from __future__ import annotations

import re

_QUOTE_RE = re.compile("[“”‘’]")
_OPENERS = {"“": "double", "‘": "single"}
_CLOSERS = {"”": "double", "’": "single"}
# Corner brackets by nesting depth: even depths 「」, odd depths 『』.
_CORNER_OPEN = ("「", "『")
_CORNER_CLOSE = ("」", "』")
# A closing mark with no quote of its kind open keeps its kind's bracket.
_STRAY_CLOSE = {"double": "」", "single": "』"}


def convert_quotes(text: str) -> str:
    """``text`` with ``“”‘’`` turned into corner brackets by nesting depth.

    The outermost quote becomes ``「」``, the next ``『』``, the third ``「」`` again —
    whichever of ``“”`` or ``‘’`` the source used at that depth.  A closing mark
    closes the innermost open quote of its own kind (any quotes left open inside it
    are abandoned); with none of its kind open it becomes ``」`` or ``』`` by its kind.
    A ``’`` between two Latin letters (``China’s``) is an apostrophe and stays.
    The result has the same length as ``text``, so inline boundaries can be kept.
    """
    if "“" not in text and "”" not in text and "‘" not in text and "’" not in text:
        return text
    out: list[str] = []
    stack: list[str] = []
    last = 0
    for match in _QUOTE_RE.finditer(text):
        mark, pos = match.group(), match.start()
        if mark == "’" and _is_apostrophe(text, pos):
            continue
        if mark in _OPENERS:
            corner = _CORNER_OPEN[len(stack) % 2]
            stack.append(_OPENERS[mark])
        else:
            kind = _CLOSERS[mark]
            if kind in stack:
                depth = len(stack) - 1 - stack[::-1].index(kind)
                del stack[depth:]
                corner = _CORNER_CLOSE[depth % 2]
            else:
                corner = _STRAY_CLOSE[kind]
        out.append(text[last:pos])
        out.append(corner)
        last = pos + 1
    out.append(text[last:])
    return "".join(out)


def _is_apostrophe(text: str, pos: int) -> bool:
    return 0 < pos < len(text) - 1 and _is_latin(text[pos - 1]) and _is_latin(text[pos + 1])


def _is_latin(char: str) -> bool:
    return char.isascii() and char.isalpha()


def _unchanged(text: str) -> str:
    return text
