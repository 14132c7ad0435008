"""Traditional-Chinese variants of a document: OpenCC, our phrase tables, regional quotation marks.

``to_variant`` converts every text of a simplified (``zh-Hans``) document — each
inline, each block without inlines, ``meta.title`` and ``meta.publication`` — in
one pass of OpenCC's core that carries our phrase tables (news, government and
economic usage of Taiwan and Hong Kong; ``phrases/`` holds them as data), then
turns ``“”‘’`` into the corner brackets ``「」『』``.  The rules are in
``docs/spec/variants.md``: words decide, not characters; a second pass changes
nothing; the user's phrase pairs win over ours.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any

from digestconv.errors import VariantError
from digestconv.languages import LANG_CODES, LANGUAGES, ORIGINAL
from digestconv.model import Document, Inline, TextBlock, map_text_blocks
from digestconv.transforms.variants.engine import MARKER_RE, Engine, build_engine, data_digest
from digestconv.transforms.variants.merged import cache_key, cached_engine, merged_engine
from digestconv.transforms.variants.quotes import convert_quotes
from digestconv.transforms.variants.tables import DOMAINS, HANT_FORMS, builtin_digest, builtin_entries, load_user_table

__all__ = [
    "CHARACTER_CONFIGS",
    "DOMAINS",
    "HANT_FORMS",
    "OPENCC_CONFIGS",
    "QUOTE_MODES",
    "VARIANTS",
    "VARIANT_MODES",
    "canonical_variant",
    "convert_quotes",
    "convert_text",
    "convert_texts",
    "parse_variants",
    "to_variant",
]

VARIANTS: tuple[str, ...] = LANG_CODES
"""Every language the document can be rendered in; ``zh-Hans`` is the original, unchanged."""

OPENCC_CONFIGS: dict[str, str] = {lang.code: lang.opencc for lang in LANGUAGES.values() if lang.opencc}
"""The OpenCC configuration each traditional variant builds on."""

QUOTE_MODES = ("convert", "keep")

VARIANT_MODES = ("phrases", "characters")
"""``phrases`` (the default): words decide, with regional vocabulary (软件 → 軟體 in zh-TW);
``characters``: OpenCC's own character conversion (``s2t``, ``s2tw``, ``s2hk``), no regional words."""

CHARACTER_CONFIGS: dict[str, str] = {"zh-Hant": "s2t", "zh-TW": "s2tw", "zh-HK": "s2hk"}
"""The OpenCC configuration of each variant in the ``characters`` mode."""

# Characters tried in turn to join texts for one OpenCC call; a separator must not
# occur in any text and must come out of OpenCC unchanged (both are checked).
_SEPARATORS = ("\n", "\ue000", "\ue001")


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


def to_variant(document: Document, variant: str, *, quotes: str = "convert", domain: str = "news",
               hant_forms: str = "common", phrases: str | Path | None = None, mode: str = "phrases") -> Document:
    """``document`` converted to ``variant`` (``zh-Hant``, ``zh-TW``, ``zh-HK``; ``zh-Hans`` returns it as is).

    ``quotes="convert"`` turns ``“”‘’`` into ``「」『』`` by nesting depth; ``"keep"``
    leaves the marks.  ``domain`` picks the vocabulary: ``"news"`` (news and
    government usage) or ``"it"`` (computing usage: 文件 → 檔案, 优化 → 最佳化).
    ``hant_forms="historical"`` gives zh-Hant OpenCC's historical standard forms
    (爲 峯 喫 衆) instead of the common ones.  ``phrases`` is the user's phrase table
    (TOML, or OpenCC's ``简体<TAB>繁體`` text); its pairs win over the built-in ones.
    ``mode="characters"`` converts with OpenCC's own ``s2t``/``s2tw``/``s2hk`` instead: the
    characters of the region, none of its vocabulary (and no phrase tables).  Only a simplified document (``meta.lang == "zh-Hans"``) can be converted: a
    variant is never converted again.  ``meta.lang`` becomes the variant code.
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
    engine = _engine_for(code, domain, hant_forms, phrases, mode)

    pieces: list[str] = []
    for block in document.text_blocks():  # the order map_text_blocks visits them in
        _collect(block, pieces)
    meta_keys = [key for key in ("title", "publication") if getattr(document.meta, key)]
    pieces.extend(getattr(document.meta, key) for key in meta_keys)

    converted = iter(_convert_all(engine, pieces))
    fix_quotes: Callable[[str], str] = convert_quotes if quotes == "convert" else _unchanged
    blocks = map_text_blocks(document.blocks, lambda block: _rebuild(block, converted, fix_quotes))
    meta_changes: dict[str, Any] = {key: fix_quotes(next(converted)) for key in meta_keys}
    meta = replace(document.meta, lang=code, extra=dict(document.meta.extra), **meta_changes)
    return Document(blocks=blocks, meta=meta)


def convert_texts(texts: list[str], variant: str, *, domain: str = "news", hant_forms: str = "common",
                  phrases: str | Path | None = None, mode: str = "phrases") -> list[str]:
    """Each of ``texts`` (simplified) converted to ``variant``, in one pass of OpenCC; quotes are left as they are."""
    code = canonical_variant(variant)
    if code == ORIGINAL:
        return list(texts)
    return _convert_all(_engine_for(code, domain, hant_forms, phrases, mode), list(texts))


def convert_text(text: str, variant: str, *, domain: str = "news", hant_forms: str = "common",
                 phrases: str | Path | None = None, quotes: str = "convert", mode: str = "phrases") -> str:
    """``text`` read as simplified Chinese and converted to ``variant``, quotes included.

    Converting the result again returns it unchanged.
    """
    out = convert_texts([text], variant, domain=domain, hant_forms=hant_forms, phrases=phrases, mode=mode)[0]
    return convert_quotes(out) if quotes == "convert" else out


def _engine_for(code: str, domain: str, hant_forms: str, phrases: str | Path | None, mode: str = "phrases") -> Engine:
    if mode not in VARIANT_MODES:
        raise VariantError(f"unknown variant mode {mode!r} (known: {', '.join(VARIANT_MODES)})")
    if mode == "characters":
        if phrases is not None:
            raise VariantError("a phrase table needs the phrases mode (--variant-mode phrases)")
        return _character_engine(CHARACTER_CONFIGS[code])
    if hant_forms not in HANT_FORMS:
        raise VariantError(f"unknown zh-Hant forms {hant_forms!r} (known: {', '.join(HANT_FORMS)})")
    if domain not in DOMAINS:
        raise VariantError(f"unknown domain {domain!r} (known: {', '.join(DOMAINS)})")
    forms = hant_forms if code == "zh-Hant" else "common"
    if phrases is None:
        return _engine(code, domain, forms, None, 0)
    path = Path(phrases).resolve()
    try:
        stamp = path.stat().st_mtime_ns
    except OSError as exc:
        raise VariantError(f"{phrases}: cannot read the phrase table ({exc.strerror})") from None
    return _engine(code, domain, forms, str(path), stamp)


@cache
def _character_engine(config: str) -> Engine:
    import opencc

    return Engine(opencc=opencc.OpenCC(config), targets=())  # OpenCC alone emits none of our markers


@cache
def _engine(code: str, domain: str, hant_forms: str, user_path: str | None, stamp: int) -> Engine:
    # ``stamp`` (the table's modification time) keys the cache, so an edited table is reloaded.
    user = load_user_table(user_path)[code] if user_path else {}
    # Building takes seconds; a merged engine built from the same inputs is loaded
    # instead, found by the digest of the tables' files before they are parsed.
    key = cache_key([code, hant_forms, builtin_digest(domain), user, data_digest()])
    cached = cached_engine(key)
    if cached is not None:
        return cached
    chain = build_engine(code, hant_forms, builtin_entries(domain), user)
    return merged_engine(chain, key) or chain


def _convert_all(engine: Engine, texts: list[str]) -> list[str]:
    if not texts:
        return []
    if engine.targets and any(MARKER_RE.search(text) for text in texts):
        return [_convert_around_markers(engine, text) for text in texts]
    for sep in _SEPARATORS:
        joined = sep.join(texts)
        if joined.count(sep) != len(texts) - 1:
            continue  # the separator occurs in a text
        parts = engine.convert(joined).split(sep)
        if len(parts) == len(texts):
            return parts
    # No separator survived; correct, only slower.
    return [engine.convert(text) for text in texts]


def _convert_around_markers(engine: Engine, text: str) -> str:
    # A text holding the engine's own marker characters (private use, planes 15 and 16) is
    # converted around them, so they come out as they went in.
    out: list[str] = []
    last = 0
    for match in MARKER_RE.finditer(text):
        out.append(engine.convert(text[last : match.start()]))
        out.append(match.group())
        last = match.end()
    out.append(engine.convert(text[last:]))
    return "".join(out)


def _unchanged(text: str) -> str:
    return text


def _collect(block: TextBlock, pieces: list[str]) -> None:
    if block.inlines is None:
        pieces.append(block.text)
    else:
        pieces.extend(inline.v for inline in block.inlines)


def _rebuild(block: TextBlock, converted: Any, fix_quotes: Callable[[str], str]) -> TextBlock:
    if block.inlines is None:
        return block.with_text(fix_quotes(next(converted)))
    # Inlines are converted one by one and the text rebuilt from them, so the
    # model's invariant text == join(inlines) holds even where a phrase split
    # across two inlines would have converted differently as a whole.
    values = [next(converted) for _ in block.inlines]
    text = fix_quotes("".join(values))
    inlines: list[Inline] = []
    start = 0
    for inline, value in zip(block.inlines, values, strict=True):
        inlines.append(replace(inline, v=text[start : start + len(value)]))
        start += len(value)
    return block.with_text(text, tuple(inlines))
