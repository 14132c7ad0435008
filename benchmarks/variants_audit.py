"""Vocabulary audit of the zh-TW and zh-HK variants against Taiwan and Hong Kong word lists.

Takes jieba's most frequent simplified words (2-4 characters, person names
left out), converts each with our zh-TW and zh-HK engines and checks the result
against two dictionaries written by the regions' own users:

- libchewing's dictionary (Debian ``libchewing3-data``: ``dictionary.dat`` and
  ``index_tree.dat`` under /usr/share/libchewing): about 147,000 words of
  Taiwanese usage with frequencies;
- rime's Cantonese dictionaries (Debian ``librime-data-jyutping``:
  ``jyutping.dict.yaml`` and ``jyutping.phrase.dict.yaml``): Hong Kong and
  Cantonese words in traditional characters, without frequencies.

Both are evidence for writing the tables, not runtime data: the script reads
them where Debian puts them and the tables keep only the entries a reviewer
accepted, each with its source.  The other renderings a word is compared with
are its character alternatives (every combination of OpenCC's STCharacters
readings, put in the region's forms), OpenCC's own ``s2twp`` / ``s2hk`` output
and the other region's output of ours.  A word is flagged

- ``tw-unattested``: our zh-TW is not in chewing's dictionary and another
  rendering is, with frequency at least ``--min-freq``;
- ``tw-preferred``: both are, and the other's frequency is at least ``--ratio``
  times ours and at least ``--min-freq``;
- ``hk-unattested``: our zh-HK is not in rime's dictionaries and another
  rendering is;
- ``tw-absent``: our zh-TW and every other rendering are missing from chewing's
  dictionary (a mainland word with no Taiwan counterpart in our tables, or a
  rare one): a list to read for vocabulary, the most frequent first.

Needs the ``tables`` extra (jieba) and the two Debian packages.  Run:
``.venv/bin/python benchmarks/variants_audit.py --words 60000 --out audit.tsv``;
the review of its first run is benchmarks/variants_audit.md.
"""

from __future__ import annotations

import argparse
import itertools
import sys
from collections import Counter
from pathlib import Path

import opencc

from benchmarks.variants_segments import word_frequencies
from digestconv.transforms.variants import convert_texts
from digestconv.transforms.variants.opencc_dicts import opencc_share, opencc_tool

CHEWING = Path("/usr/share/libchewing")
RIME = Path("/usr/share/rime-data")
_RIME_FILES = ("jyutping.dict.yaml", "jyutping.phrase.dict.yaml")
_NAME_TAGS = {"nr", "nrfg", "nrt"}
_MAX_COMBINATIONS = 64


def chewing_words(folder: Path = CHEWING) -> dict[str, int]:
    """libchewing's dictionary: word -> its highest frequency over its readings.

    index_tree.dat is a table of 8-byte nodes; a leaf (phone key 0) holds a
    3-byte offset into dictionary.dat (NUL-terminated UTF-8 phrases) and a
    3-byte frequency, both little-endian.
    """
    phrases = (folder / "dictionary.dat").read_bytes()
    tree = (folder / "index_tree.dat").read_bytes()
    words: dict[str, int] = {}
    for start in range(0, len(tree) - 7, 8):
        if tree[start : start + 2] != b"\0\0":
            continue
        offset = int.from_bytes(tree[start + 2 : start + 5], "little")
        freq = int.from_bytes(tree[start + 5 : start + 8], "little")
        end = phrases.find(b"\0", offset)
        word = phrases[offset:end].decode("utf-8", errors="replace")
        words[word] = max(freq, words.get(word, 0))
    return words


def rime_words(folder: Path = RIME, canon: dict[str, str] | None = None) -> set[str]:
    """The words of rime's Cantonese dictionaries, in standard forms (see ``canonical``)."""
    words: set[str] = set()
    for name in _RIME_FILES:
        path = folder / name
        if not path.is_file():
            continue
        body = path.read_text(encoding="utf-8").split("\n...\n", 1)[-1]
        for line in body.splitlines():
            word = line.split("\t", 1)[0]
            if word and not line.startswith("#"):
                words.add(canonical(word, canon or {}))
    return words


def opencc_table(name: str) -> dict[str, list[str]]:
    """One of OpenCC's dictionaries read as text: key -> its values."""
    import subprocess
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / f"{name}.txt"
        subprocess.run([str(opencc_tool()), "-i", str(opencc_share() / f"{name}.ocd2"), "-o", str(target),
                        "-f", "ocd2", "-t", "text"], check=True, capture_output=True)
        lines = target.read_text(encoding="utf-8").splitlines()
    return {key: values.split(" ") for key, _, values in (line.partition("\t") for line in lines) if values}


def canonical(text: str, canon: dict[str, str]) -> str:
    """``text`` with each regional character form put back to OpenCC's standard one."""
    return "".join(canon.get(char, char) for char in text)


def alternatives(word: str, characters: dict[str, list[str]], forms: dict[str, str]) -> set[str]:
    """Every combination of the characters' traditional readings, in the region's forms (capped)."""
    choices = [characters.get(char, [char]) for char in word]
    combos = itertools.islice(itertools.product(*choices), _MAX_COMBINATIONS)
    return {"".join(forms.get(char, char) for char in combo) for combo in combos}


def common_words(count: int) -> list[str]:
    """jieba's ``count`` most frequent Chinese words of 2-4 characters, person names left out."""
    import jieba

    tags: dict[str, str] = {}
    for line in (Path(jieba.__file__).parent / "dict.txt").read_text(encoding="utf-8").splitlines():
        word, _, tag = line.split(" ")
        tags[word] = tag
    freq = word_frequencies()
    ranked = sorted((word for word in freq if 2 <= len(word) <= 4 and all("\u4e00" <= c <= "\u9fff" for c in word)
                     and tags.get(word) not in _NAME_TAGS), key=lambda word: -freq[word])
    return ranked[:count]


def taiwan_flags(word: str, ours: str, others: set[str], chewing: dict[str, int],
                 min_freq: int, ratio: float) -> list[tuple[str, str, str]]:
    """(flag, our zh-TW, the better-attested rendering with its frequency) for one word."""
    mine = chewing.get(ours)
    rivals = sorted(((chewing[other], other) for other in others - {ours} if other in chewing), reverse=True)
    if mine is None and rivals and rivals[0][0] >= min_freq:
        return [("tw-unattested", ours, f"{rivals[0][1]} {rivals[0][0]}")]
    if mine is not None and rivals and rivals[0][0] >= max(min_freq, ratio * max(mine, 1)):
        return [("tw-preferred", f"{ours} {mine}", f"{rivals[0][1]} {rivals[0][0]}")]
    if mine is None and not rivals:
        return [("tw-absent", ours, "")]
    return []


def hong_kong_flags(ours: str, others: set[str], rime: set[str], canon: dict[str, str]) -> list[tuple[str, str, str]]:
    """(flag, our zh-HK, an attested rendering) when ours is missing from rime's dictionaries."""
    if canonical(ours, canon) in rime:
        return []
    found = sorted(other for other in others - {ours} if canonical(other, canon) in rime)
    return [("hk-unattested", ours, " / ".join(found[:3]))] if found else []


def audit(words: list[str], min_freq: int, ratio: float) -> list[tuple[str, str, str, str, int]]:
    """Every flag over ``words``: (flag, simplified, ours, evidence, jieba frequency)."""
    characters = opencc_table("STCharacters")
    tw_forms = {key: values[0] for key, values in opencc_table("TWVariants").items()}
    hk_canon = {values[0]: key for key, values in opencc_table("HKVariants").items() if values[0] != key}
    chewing, rime = chewing_words(), rime_words(canon=hk_canon)
    freq = word_frequencies()
    tw, hk = convert_texts(words, "zh-TW"), convert_texts(words, "zh-HK")
    s2twp, s2hk = opencc.OpenCC("s2twp"), opencc.OpenCC("s2hk")
    rows: list[tuple[str, str, str, str, int]] = []
    for word, mine_tw, mine_hk in zip(words, tw, hk, strict=True):
        shared = alternatives(word, characters, {})
        tw_others = {"".join(tw_forms.get(c, c) for c in text) for text in shared | {mine_hk}} | {s2twp.convert(word)}
        hk_others = shared | {mine_tw, s2hk.convert(word)}
        for flag, ours, evidence in (taiwan_flags(word, mine_tw, tw_others, chewing, min_freq, ratio)
                                     + hong_kong_flags(mine_hk, hk_others, rime, hk_canon)):
            rows.append((flag, word, ours, evidence, freq[word]))
    return rows


def character_tally(rows: list[tuple[str, str, str, str, int]]) -> list[str]:
    """Per one-to-many character, how often the flags put another form for our form: ``叹 歎→嘆 3: 惊叹 …``.

    Reads the flags whose evidence is a rendering of the same length as ours and
    counts, for each position where the two differ, the simplified character with
    our form and the attested one, so that a character OpenCC's phrases read one
    way throughout (毁 → 燬, 娘 → 孃, 弦 → 絃) stands out from single words.
    """
    tally: dict[tuple[str, str, str], list[str]] = {}
    for flag, word, ours, evidence, _ in rows:
        if flag == "tw-absent" or not evidence:
            continue
        mine, other = ours.split(" ")[0], evidence.split(" / ")[0].split(" ")[0]
        if len(mine) != len(word) or len(other) != len(word):
            continue
        for simple, a, b in zip(word, mine, other, strict=True):
            if a != b:
                tally.setdefault((simple, a, b), []).append(word)
    ranked = sorted(tally.items(), key=lambda item: -len(item[1]))
    return [f"{simple} {a}→{b} {len(words)}: {' '.join(words[:8])}" for (simple, a, b), words in ranked]


def main() -> int:
    """Write the flags as TSV (flag, simplified, ours, evidence, jieba frequency) and print their counts."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=60000)
    parser.add_argument("--min-freq", type=int, default=20, help="chewing frequency a rival rendering needs")
    parser.add_argument("--ratio", type=float, default=8.0, help="how much more frequent a preferred rival must be")
    parser.add_argument("--out", type=Path, default=Path("variants_audit.tsv"))
    parser.add_argument("--tally", type=int, default=3, help="print characters flagged in at least this many words")
    args = parser.parse_args()
    if not (CHEWING / "index_tree.dat").is_file() or not (RIME / _RIME_FILES[0]).is_file():
        print("needs the Debian packages libchewing3-data and librime-data-jyutping", file=sys.stderr)
        return 2
    rows = audit(common_words(args.words), args.min_freq, args.ratio)
    rows.sort(key=lambda row: (row[0], -row[4]))
    args.out.write_text("".join("\t".join(map(str, row)) + "\n" for row in rows), encoding="utf-8")
    for flag, count in sorted(Counter(row[0] for row in rows).items()):
        print(f"{flag}\t{count}")
    print("\n".join(line for line in character_tally(rows) if int(line.split(":")[0].split(" ")[-1]) >= args.tally))
    return 0


if __name__ == "__main__":
    sys.exit(main())
