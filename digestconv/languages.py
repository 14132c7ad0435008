"""The languages a document can be in, and what each one means to every layer.

One table, so that a reader, a transform and a writer never disagree about a code:
the model's ``meta.lang`` tag, the OpenCC configuration that makes the variant, the
language tag Word and fontconfig know it by, and the suffix its output files carry.
"""

from __future__ import annotations

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
