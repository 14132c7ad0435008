"""The languages a document can be in, and what each one means to every layer.

One table, so that a reader, a transform and a writer never disagree about a code:
the model's ``meta.lang`` tag, the OpenCC configuration that makes the variant, the
language tag Word and fontconfig know it by, and the suffix its output files carry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Language:
    """One language of the model (``meta.lang``) and its names elsewhere."""

    code: str  # the model's tag: zh-Hans, zh-Hant, zh-TW, zh-HK
    word: str  # the w:lang value Word and WPS read
    fontconfig: str  # the :lang= value fontconfig matches fonts by
    opencc: str | None  # the OpenCC configuration that converts zh-Hans into it (None: the original)

    @property
    def file_suffix(self) -> str:
        """What output file names carry before the extension: ``""`` for the original, ``".zh-TW"`` otherwise."""
        return "" if self.opencc is None else f".{self.code}"


ORIGINAL = "zh-Hans"

LANGUAGES: dict[str, Language] = {
    lang.code: lang
    for lang in (
        Language("zh-Hans", word="zh-CN", fontconfig="zh-cn", opencc=None),
        Language("zh-Hant", word="zh-TW", fontconfig="zh-tw", opencc="s2t"),
        Language("zh-TW", word="zh-TW", fontconfig="zh-tw", opencc="s2twp"),
        Language("zh-HK", word="zh-HK", fontconfig="zh-hk", opencc="s2hk"),
    )
}

LANG_CODES: tuple[str, ...] = tuple(LANGUAGES)


def language(code: str) -> Language:
    """The language of ``code``, or the original (zh-Hans) for a code the table does not know."""
    return LANGUAGES.get(code, LANGUAGES[ORIGINAL])


# Chinese tags other tools write for the model's four languages (compared in lower case).
_ALIASES = {
    "zh": "zh-Hans", "zh-cn": "zh-Hans", "zh-sg": "zh-Hans", "zh-my": "zh-Hans", "zh-hans": "zh-Hans",
    "zh-hans-cn": "zh-Hans", "zh-hant": "zh-Hant", "zh-tw": "zh-TW", "zh-hant-tw": "zh-TW",
    "zh-hk": "zh-HK", "zh-mo": "zh-HK", "zh-hant-hk": "zh-HK", "zh-hant-mo": "zh-HK",
}
# RFC 5646's shape, simplified: language, then optional script, region and variants.
_BCP47 = re.compile(r"[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|\d{3}))?(-([a-z\d]{5,8}|\d[a-z\d]{3}))*")


def canonical_lang(tag: str) -> str | None:
    """``tag`` as a BCP 47 tag (``zh_CN``→``zh-Hans``, ``en_us``→``en-US``), or ``None`` if it is not one.

    Chinese tags map to the model's four codes, so that every layer picks the right
    fonts and OpenCC configuration; other languages keep their tag in canonical case.
    """
    text = tag.strip().replace("_", "-")
    if text.lower() in _ALIASES:
        return _ALIASES[text.lower()]
    parts = text.split("-")
    cased = [parts[0].lower()]
    for part in parts[1:]:
        if len(part) == 4 and part.isalpha():
            cased.append(part.title())
        elif len(part) == 2 and part.isalpha():
            cased.append(part.upper())
        else:
            cased.append(part.lower())
    result = "-".join(cased)
    return result if _BCP47.fullmatch(result) else None
