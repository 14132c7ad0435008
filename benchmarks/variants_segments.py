"""Word boundaries OpenCC's segmentation misses: phrases/segments.tsv.

OpenCC segments by the longest dictionary phrase from the left, and its
dictionary holds only words whose conversion needs them.  A common word that
converts character by character (组织, 出现, 交通) is therefore absent, and a
dictionary phrase that starts inside it or ends inside it wins:
组|织里|… reads 組織里 for 组织里 (in the organisation), 一出|现 reads 一齣現
for 一出现, 交|通过 reads 交透過.  This script finds such strings and the
segmentation a word-frequency model gives them, and writes those that convert
differently when cut there; the engine then adds each string as a phrase whose
target is the conversion of its words one by one.

The model is jieba's dictionary (word frequencies from a general corpus) and its
maximum-probability segmentation without the HMM; the candidates are the strings
where one of its common words (2-4 characters) and a common character beside it
overlap a phrase of OpenCC's or of ours, jieba cuts the string into that word and
that character, and that cut is far likelier in its model than one keeping the
phrase whole.  A string in which a phrase of our
own tables would be cut apart is left out: our phrases carry context on purpose,
and jieba's corpus is older than some of them (上传 is rarer in it than 传到).
Needs the ``tables`` extra (jieba).  Run after editing a table, after
variants_overlaps.py: ``.venv/bin/python benchmarks/variants_segments.py``.
"""

from __future__ import annotations

import argparse
import math
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

import opencc

from benchmarks.variants_overlaps import PHRASES, opencc_phrases, our_keys

OUTPUT = PHRASES / "segments.tsv"
_VARIANTS = ("zh-Hant", "zh-TW", "zh-HK")
_LONGEST = 6
# How much likelier (natural log) jieba's cut must be than a cut keeping the phrase whole.
_MARGIN = math.log(4)
# The share of a character's common words (by frequency) that may read it otherwise than alone.
_DISAGREEING = 0.25
# A number's last character, and the measure words that read otherwise after a number than alone
# (三千只 is 三千隻, 只 alone is 只): cut after the number, the measure word would read as it does alone.
_NUMERALS = frozenset("一二三四五六七八九十百千万两几数0123456789")
_MEASURE_WORDS = frozenset("只")


def regional_phrases() -> set[str]:
    """The simplified forms of OpenCC's Taiwan phrases (软件 for 軟件 → 軟體), which match where no phrase does."""
    base = Path(opencc.__file__).parent / "clib"
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "TWPhrases.txt"
        subprocess.run([str(base / "bin" / "opencc_dict"), "-i", str(base / "share" / "opencc" / "TWPhrases.ocd2"),
                        "-o", str(target), "-f", "ocd2", "-t", "text"], check=True)
        keys = [line.split("\t", 1)[0] for line in target.read_text(encoding="utf-8").splitlines() if "\t" in line]
    return set(opencc.OpenCC("t2s").convert("\n".join(keys)).split("\n"))


def word_frequencies() -> dict[str, int]:
    """jieba's dictionary: word -> frequency."""
    import jieba

    path = Path(jieba.__file__).parent / "dict.txt"
    out: dict[str, int] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        word, freq, *_ = line.split(" ")
        out[word] = int(freq)
    return out


def _chinese(text: str) -> bool:
    return all("\u4e00" <= char <= "\u9fff" for char in text)


def common(freq: dict[str, int], words: int, chars: int) -> tuple[list[str], set[str]]:
    """The ``words`` most frequent words of 2-4 characters, and those and the ``chars`` most frequent characters."""
    ranked = sorted((word for word in freq if _chinese(word)), key=lambda word: -freq[word])
    top_words = [word for word in ranked if 2 <= len(word) <= 4][:words]
    top_chars = [word for word in ranked if len(word) == 1][:chars]
    return top_words, set(top_words) | set(top_chars)


def candidates(words: list[str], keys: set[str]) -> dict[str, tuple[str, str]]:
    """String -> (the common word in it, the dictionary phrase that starts or ends inside that word)."""
    by_first: dict[str, list[str]] = defaultdict(list)
    by_last: dict[str, list[str]] = defaultdict(list)
    for key in keys:
        if len(key) >= 2:
            by_first[key[0]].append(key)
            by_last[key[-1]].append(key)
    found: dict[str, tuple[str, str]] = {}
    for word in words:
        for cut in range(1, len(word)):
            tail, head = word[cut:], word[:cut]
            for key in by_first[tail[0]]:  # a phrase starting inside the word, running past its end
                if len(key) > len(tail) and key.startswith(tail):
                    found.setdefault(word + key[len(tail):], (word, key))
            for key in by_last[head[-1]]:  # a phrase starting before the word, ending inside it
                if len(key) > len(head) and key.endswith(head):
                    found.setdefault(key[: -len(head)] + word, (word, key))
    return {text: pair for text, pair in found.items() if len(text) <= _LONGEST and text not in keys}


def _cuts_ours(text: str, segments: list[str], ours: set[str]) -> bool:
    bounds = set()
    position = 0
    for segment in segments[:-1]:
        position += len(segment)
        bounds.add(position)
    for start in range(len(text)):
        for end in range(start + 2, len(text) + 1):
            if text[start:end] in ours and any(start < bound < end for bound in bounds):
                return True
    return False


def _log_score(segments: list[str], freq: dict[str, int], total: float) -> float:
    return sum(math.log(freq.get(segment, 1) / total) for segment in segments)


def plausible(found: dict[str, tuple[str, str]], freq: dict[str, int], vocabulary: set[str],
              ours: set[str]) -> dict[str, list[str]]:
    """The strings jieba cuts into common words, keeping the common word whole, far likelier than with the phrase."""
    import jieba

    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    total = float(sum(freq.values()))
    kept: dict[str, list[str]] = {}
    for text, (word, key) in found.items():
        words = list(tokenizer.cut(text, HMM=False))
        # Only a common word and one common character beside it: a longer string is
        # rarely met, and a cut inside it could put a dictionary phrase's own odd
        # reading (一出 → 一齣) where the whole string read right.
        if len(words) != 2 or word not in words or not all(piece in vocabulary for piece in words):
            continue
        if min(len(piece) for piece in words) != 1 or _cuts_ours(text, words, ours):
            continue
        start = text.index(key) if key in text else -1
        if start < 0:
            continue
        other = [*tokenizer.cut(text[:start], HMM=False), key, *tokenizer.cut(text[start + len(key):], HMM=False)]
        if _log_score(words, freq, total) - _log_score(other, freq, total) >= _MARGIN:
            kept[text] = words
    return kept


def _free_last_characters(kept: dict[str, list[str]], words: list[str], freq: dict[str, int]) -> set[str]:
    # A string ending in a lone character is safe only where that character, alone,
    # reads as it does at the head of the words it usually begins: 里 alone is 裡 as
    # in 里面 (里程 is rarer), but 干 alone is 幹, and 干旱, 干净 begin with 乾.
    from digestconv.transforms.variants import convert_texts

    last = sorted({pieces[-1] for pieces in kept.values() if len(pieces[-1]) == 1})
    free: set[str] = set()
    for variant in _VARIANTS:
        alone = dict(zip(last, convert_texts(last, variant), strict=True))
        heads = [word for word in words if word[0] in alone]
        agree: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for word, converted in zip(heads, convert_texts(heads, variant), strict=True):
            agree[word[0]][0 if converted[0] == alone[word[0]] else 1] += freq.get(word, 1)
        free_here = {char for char in last if agree[char][1] <= _DISAGREEING * sum(agree[char])}
        free = free_here if variant == _VARIANTS[0] else free & free_here
    return free


def counted(pieces: list[str]) -> bool:
    """A number (or an ordinal) and the measure word after it (三千 只, 第一 只), which is no place to cut.

    Only a number: a word that merely ends in a numeral (唯一, 统一, 星期六) is followed by the adverb 只.
    """
    number = pieces[0].removeprefix("第") if len(pieces) == 2 else ""
    return bool(number) and pieces[1] in _MEASURE_WORDS and all(char in _NUMERALS for char in number)


def misread(kept: dict[str, list[str]], words: list[str], freq: dict[str, int]) -> list[tuple[str, list[str]]]:
    """The strings whose conversion changes when cut where jieba cuts them, with jieba's words."""
    from digestconv.transforms.variants import convert_texts

    free = _free_last_characters(kept, words, freq)
    kept = {text: pieces for text, pieces in kept.items()
            if (len(pieces[-1]) > 1 or pieces[-1] in free) and not counted(pieces)}
    texts = sorted(kept)
    changed: set[str] = set()
    for variant in _VARIANTS:
        whole = convert_texts(texts, variant)
        parts = convert_texts(["\u3000".join(kept[text]) for text in texts], variant)
        changed.update(text for text, a, b in zip(texts, whole, parts, strict=True) if a != b.replace("\u3000", ""))
    return [(text, kept[text]) for text in sorted(changed)]


def main() -> int:
    """Write segments.tsv."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=20000, help="how many of jieba's most frequent words")
    parser.add_argument("--chars", type=int, default=300, help="how many of jieba's most frequent single characters")
    args = parser.parse_args()
    OUTPUT.write_text("", encoding="utf-8")  # judge the engine without the boundaries it is to learn
    ours = our_keys()
    keys = set(opencc_phrases()) | ours | regional_phrases()
    freq = word_frequencies()
    words, vocabulary = common(freq, args.words, args.chars)
    rows = misread(plausible(candidates(words, keys), freq, vocabulary, ours), words, freq)
    lines = ["# string, and the words it is converted as (benchmarks/variants_segments.py)"]
    lines += [f"{text}\t{' '.join(words)}" for text, words in rows]
    OUTPUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(rows)} strings written to {OUTPUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
