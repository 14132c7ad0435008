"""Traditional-Chinese variants of a document: OpenCC conversion and regional quotation marks.

``to_variant`` converts every text of a simplified (``zh-Hans``) document — each
inline, each block without inlines, ``meta.title`` and ``meta.publication`` — with
the OpenCC configuration of the variant, then turns ``“”‘’`` into the corner
brackets ``「」『』`` that Taiwan and Hong Kong typography uses.  All texts go to
OpenCC's C++ core in one call, so a whole document costs one conversion.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from functools import cache
from typing import Any

from digestconv.errors import VariantError
from digestconv.languages import LANG_CODES, LANGUAGES, ORIGINAL
from digestconv.model import Document, Inline, TextBlock, map_text_blocks

VARIANTS: tuple[str, ...] = LANG_CODES
"""Every language the document can be rendered in; ``zh-Hans`` is the original, unchanged."""

OPENCC_CONFIGS: dict[str, str] = {lang.code: lang.opencc for lang in LANGUAGES.values() if lang.opencc}
"""The OpenCC configuration behind each traditional variant."""

QUOTE_MODES = ("convert", "keep")

# OpenCC's longest-match segmentation misreads a few frequent newspaper phrases:
# 不断|发扬 is matched as 断发 "cut hair" (不斷髮揚), 内生|发展 as 生发 (內生髮展),
# and the aspect particle in 指明|了 as the word 明了 (指明瞭方向).  Each fix keeps
# the length, so it can run over the joined batch without moving any boundary.
OPENCC_FIXES: tuple[tuple[str, str], ...] = (
    ("髮揚", "發揚"),
    ("髮展", "發展"),
    ("指明瞭", "指明了"),
    ("闡明瞭", "闡明了"),
    ("查明瞭", "查明了"),
    ("聲明瞭", "聲明了"),
    ("標明瞭", "標明了"),
)

# Characters tried in turn to join texts for one OpenCC call; a separator must not
# occur in any text and must come out of OpenCC unchanged (both are checked).
_SEPARATORS = ("\n", "\ue000", "\ue001", "\U000f0000")

_QUOTE_RE = re.compile("[“”‘’]")
_OPENERS = {"“": "double", "‘": "single"}
_CLOSERS = {"”": "double", "’": "single"}
# Corner brackets by nesting depth: even depths 「」, odd depths 『』.
_CORNER_OPEN = ("「", "『")
_CORNER_CLOSE = ("」", "』")
# A closing mark with no quote of its kind open keeps its kind's bracket.
_STRAY_CLOSE = {"double": "」", "single": "』"}


def parse_variants(spec: str) -> list[str]:
    """The variant codes named in ``spec``: ``"zh-TW,zh-HK"``, ``"all"`` (every variant, original first) or one code.

    Codes are matched without regard to case or ``_``/``-``; duplicates are dropped,
    order is kept.  An unknown code raises :class:`VariantError` listing the known ones.
    """
    names = [part.strip() for part in spec.split(",") if part.strip()]
    if not names:
        raise VariantError(f"no variant given (known: {', '.join(VARIANTS)}, or all)")
    out: list[str] = []
    for name in names:
        codes = list(VARIANTS) if name.lower() == "all" else [canonical_variant(name)]
        out.extend(code for code in codes if code not in out)
    return out


def canonical_variant(name: str) -> str:
    """The variant code ``name`` stands for (``"zh_tw"`` → ``"zh-TW"``); :class:`VariantError` if none."""
    key = name.strip().replace("_", "-").lower()
    for code in VARIANTS:
        if code.lower() == key:
            return code
    raise VariantError(f"unknown variant {name!r} (known: {', '.join(VARIANTS)})")


def to_variant(document: Document, variant: str, *, quotes: str = "convert") -> Document:
    """``document`` converted to ``variant`` (``zh-Hant``, ``zh-TW``, ``zh-HK``; ``zh-Hans`` returns it as is).

    ``quotes="convert"`` turns ``“”‘’`` into ``「」『』`` by nesting depth;
    ``quotes="keep"`` leaves the marks OpenCC leaves.  Only a simplified document
    (``meta.lang == "zh-Hans"``) can be converted: a variant is never converted
    again.  ``meta.lang`` becomes the variant code; every other meta key is kept.
    """
    code = canonical_variant(variant)
    if quotes not in QUOTE_MODES:
        raise VariantError(f"unknown quotes mode {quotes!r} (known: {', '.join(QUOTE_MODES)})")
    lang = document.meta.lang
    if lang != ORIGINAL:
        raise VariantError(
            f"the document is already {lang}; variants are made from the simplified original "
            f"({ORIGINAL}), never from another variant"
        )
    if code == ORIGINAL:
        return document

    pieces: list[str] = []
    for block in document.text_blocks():  # the order map_text_blocks visits them in
        _collect(block, pieces)
    meta_keys = [key for key in ("title", "publication") if getattr(document.meta, key)]
    pieces.extend(getattr(document.meta, key) for key in meta_keys)

    converted = iter(convert_texts(pieces, code))
    fix_quotes: Callable[[str], str] = convert_quotes if quotes == "convert" else _unchanged
    blocks = map_text_blocks(document.blocks, lambda block: _rebuild(block, converted, fix_quotes))
    meta_changes: dict[str, Any] = {key: fix_quotes(next(converted)) for key in meta_keys}
    meta = replace(document.meta, lang=code, extra=dict(document.meta.extra), **meta_changes)
    return Document(blocks=blocks, meta=meta)


def convert_texts(texts: list[str], variant: str) -> list[str]:
    """Each of ``texts`` converted with the OpenCC configuration of ``variant``, in one call to OpenCC."""
    if not texts:
        return []
    converter = _converter(OPENCC_CONFIGS[canonical_variant(variant)])
    for sep in _SEPARATORS:
        joined = sep.join(texts)
        if joined.count(sep) != len(texts) - 1:
            continue  # the separator occurs in a text
        parts = _fix_opencc(converter.convert(joined)).split(sep)
        if len(parts) == len(texts):
            return parts
    # No separator survived; correct, only slower.
    return [_fix_opencc(converter.convert(text)) for text in texts]


def _fix_opencc(text: str) -> str:
    for wrong, right in OPENCC_FIXES:
        if wrong in text:
            text = text.replace(wrong, right)
    return text


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


@cache
def _converter(config: str) -> Any:
    import opencc

    return opencc.OpenCC(config)


def _collect(block: TextBlock, pieces: list[str]) -> None:
    if block.inlines is None:
        pieces.append(block.text)
    else:
        pieces.extend(inline.v for inline in block.inlines)


def _rebuild(block: TextBlock, converted: Any, fix_quotes: Callable[[str], str]) -> TextBlock:
    if block.inlines is None:
        return block.with_text(fix_quotes(next(converted)))
    # Inlines are converted one by one and the text rebuilt from them, so the
    # model's invariant text == join(inlines) holds even where OpenCC would have
    # converted a phrase split across two inlines differently as a whole.
    values = [next(converted) for _ in block.inlines]
    text = fix_quotes("".join(values))
    inlines: list[Inline] = []
    start = 0
    for inline, value in zip(block.inlines, values, strict=True):
        inlines.append(replace(inline, v=text[start : start + len(value)]))
        start += len(value)
    return block.with_text(text, tuple(inlines))
