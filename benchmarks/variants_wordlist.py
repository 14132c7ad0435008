"""A word list for reading the variants by eye: the most frequent words and what each variant makes of them.

Takes jieba's most frequent words of 2-4 Chinese characters (a general corpus,
news among it) and prints, for zh-TW and zh-HK, each word whose conversion is
not OpenCC's character conversion (``s2tw`` / ``s2hk``: the vocabulary our
tables and OpenCC's phrases change), then, per ambiguous character (发 髮, 干 乾
幹, 里 裡, 面 麵, 台 臺 …), the words that take each of its forms, so that a
form a word should not take stands out.  Needs the ``tables`` extra (jieba).
Run: ``.venv/bin/python benchmarks/variants_wordlist.py --words 20000 > list.txt``.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict

import opencc

from benchmarks.variants_segments import common, word_frequencies
from digestconv.transforms.variants import convert_texts

AMBIGUOUS = "着里发干面台复系制只冲松钟尽准占周征云丑于范历余并采获卷板谷斗借困朴汇伙舍托咸涂向术签折胡须郁致注了"
_BASELINES = {"zh-TW": "s2tw", "zh-HK": "s2hk"}


def vocabulary_lines(words: list[str], variant: str) -> list[str]:
    """``word → ours (characters: OpenCC's character conversion)`` for every word our conversion changes."""
    ours = convert_texts(words, variant)
    plain = opencc.OpenCC(_BASELINES[variant])
    return [f"{word} → {mine}  (characters: {plain.convert(word)})"
            for word, mine in zip(words, ours, strict=True) if mine != plain.convert(word)]


def form_lines(words: list[str], variant: str, limit: int = 60) -> list[str]:
    """Per ambiguous character, its forms and up to ``limit`` words taking each."""
    by_form: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for word, mine in zip(words, convert_texts(words, variant), strict=True):
        if len(mine) == len(word):
            for char, form in zip(word, mine, strict=True):
                if char in AMBIGUOUS:
                    by_form[char][form].append(word)
    lines = []
    for char in AMBIGUOUS:
        forms = sorted(by_form[char].items(), key=lambda item: -len(item[1]))
        if len(forms) > 1:
            lines.append(f"{char}: " + ", ".join(f"{form} {len(found)}" for form, found in forms))
            lines.extend(f"  {form}: {' '.join(found[:limit])}" for form, found in forms)
    return lines


def main() -> int:
    """Print the list for zh-TW and zh-HK."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=20000)
    args = parser.parse_args()
    words, _ = common(word_frequencies(), args.words, 0)
    for variant in _BASELINES:
        print(f"== {variant}: words whose conversion is not the character conversion")
        print("\n".join(vocabulary_lines(words, variant)))
        print(f"== {variant}: forms of the ambiguous characters")
        print("\n".join(form_lines(words, variant)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
