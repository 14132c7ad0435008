"""Tables made from OpenCC's own and ours: phrases overlapping ours (overlaps.tsv), outputs a second pass changes (fixed_points.toml).

OpenCC's segmentation takes the longest phrase at each position, so a phrase of
its own that starts earlier (未获 in 未获通过, 贸易伙伴 around 伙伴) hides ours.
For each such pair this lists the joined phrase, where our phrase starts in it,
and OpenCC's traditional form of the part before (and after) ours; the engine
then adds the joined phrase with our target in the middle.  Reads OpenCC's
dictionaries with the ``opencc_dict`` tool its wheel ships.  Run after editing a
table: ``.venv/bin/python benchmarks/variants_overlaps.py``.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

import opencc

PHRASES = Path(__file__).resolve().parent.parent / "digestconv" / "transforms" / "phrases"
# OpenCC phrases longer than this are idioms and names, which rarely run into a word of ours.
_LONGEST = 4
_DICTS = ("STPhrases", "STPhrases_GeneratedFromRegionalPhrases")


def opencc_phrases() -> dict[str, str]:
    """OpenCC's simplified-to-traditional phrases (first reading of each)."""
    base = Path(opencc.__file__).parent / "clib"
    out: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name in _DICTS:
            target = Path(tmp) / f"{name}.txt"
            subprocess.run([str(base / "bin" / "opencc_dict"), "-i", str(base / "share" / "opencc" / f"{name}.ocd2"),
                            "-o", str(target), "-f", "ocd2", "-t", "text"], check=True)
            for line in target.read_text(encoding="utf-8").splitlines():
                key, _, values = line.partition("\t")
                out.setdefault(key, values.split(" ")[0])
    return out


def our_keys() -> set[str]:
    """Every simplified phrase of the built-in tables."""
    keys: set[str] = set()
    for path in PHRASES.glob("*.toml"):
        if path.name in ("fixed_points.toml", "hant_forms.toml"):
            continue  # fixed points are traditional text; OpenCC's simplified phrases never hide them
        for entry in tomllib.loads(path.read_text(encoding="utf-8")).get("entry", []):
            keys.add(entry["zh"])
    return keys


def overlaps(theirs: dict[str, str], ours: set[str]) -> list[tuple[str, int, str, str]]:
    """(joined phrase, start of ours in it, traditional text before, traditional text after)."""
    by_first: dict[str, list[str]] = {}
    for key in ours:
        by_first.setdefault(key[0], []).append(key)
    found: dict[str, tuple[str, int, str, str]] = {}
    for phrase, value in theirs.items():
        if len(value) != len(phrase) or len(phrase) > _LONGEST:
            continue  # no character alignment to cut at; idioms and names rarely meet our words
        for start in range(1, len(phrase)):
            for key in by_first.get(phrase[start], ()):
                tail = phrase[start:]
                if key.startswith(tail) or tail.startswith(key):
                    joined = phrase[:start] + key if key.startswith(tail) else phrase
                    after = "" if key.startswith(tail) else value[start + len(key):]
                    if joined not in ours and len(joined) <= _LONGEST + 2:
                        found.setdefault(joined, (joined, start, value[:start], after))
    return sorted(found.values())


def run_ons(theirs: dict[str, str], ours: set[str]) -> list[str]:
    """Each of the words ``ours`` run into an OpenCC phrase that starts at its last character (发布 + 布防: 发布防).

    The first conversion reads our phrase whole (發布防); on its traditional output a
    second one may read OpenCC's phrase there instead (發|佈防), unless a fixed point keeps it.
    """
    by_first: dict[str, list[str]] = {}
    for key in theirs:
        if 2 <= len(key) <= _LONGEST:
            by_first.setdefault(key[0], []).append(key)
    return sorted({word + key[1:] for word in ours for key in by_first.get(word[-1], ())} - set(theirs))


def unstable_outputs(theirs: dict[str, str], run_on: list[str]) -> dict[str, dict[str, str]]:
    """Per variant field, the conversions a second conversion changes (鄰里 → 鄰裡): of OpenCC's phrases and of ``run_on``.

    A run-on's output is kept only where the conversion changed a character of it, so
    that the fixed point never matches simplified text (which must still convert).
    """
    from digestconv.transforms.variants import convert_texts

    keys = sorted(theirs) + run_on
    found: dict[str, dict[str, str]] = {}
    for variant, field in (("zh-Hant", "hant"), ("zh-TW", "tw"), ("zh-HK", "hk")):
        once = convert_texts(keys, variant)
        twice = convert_texts(once, variant)
        for index, (first, second) in enumerate(zip(once, twice, strict=True)):
            if first != second and (index < len(theirs) or first != keys[index]):
                found.setdefault(first, {})[field] = first
    return found


def converted_words(theirs: dict[str, str]) -> dict[str, dict[str, str]]:
    """Per variant field, the traditional form of each two-character OpenCC word that differs from the word."""
    from digestconv.transforms.variants import convert_texts

    words = sorted(key for key in theirs if len(key) == 2)
    found: dict[str, dict[str, str]] = {}
    for variant, field in (("zh-Hant", "hant"), ("zh-TW", "tw"), ("zh-HK", "hk")):
        for word, converted in zip(words, convert_texts(words, variant), strict=True):
            if converted != word and len(converted) == 2:
                found.setdefault(converted, {})[field] = converted
    return found


def _forget_loaded_tables() -> None:
    """Have the next conversion read the tables again (this process converted with the ones just rewritten)."""
    from digestconv.transforms import variants
    from digestconv.transforms.variants import tables

    variants._engine.cache_clear()
    tables._builtin_table.cache_clear()
    tables.builtin_digest.cache_clear()


def write_fixed_points(found: dict[str, dict[str, str]]) -> None:
    """fixed_points.toml: each unstable output as a phrase that stays as it is."""
    lines = [
        "# Phrases that stay as they are: traditional words OpenCC's own tables produce and",
        "# would change again if the text were converted a second time (OpenCC#950:",
        "# 算法 → 演算法 → 演演算法; 邻里 → 鄰里 → 鄰裡), the traditional text of a phrase of ours run",
        "# into one of OpenCC's (发布防: 發布防, then 發|佈防), and the traditional form of each two-character",
        "# OpenCC word, which a second conversion must not cut (當局限: 當|侷限).  Written by benchmarks/variants_overlaps.py",
        "# from OpenCC's phrase table and ours; format: see news.toml.",
        "",
        "entry = [",
        '  { zh = "演算法", t = "演算法", source = "OpenCC#950" },',
        # Unstable across two words: 機制|作用 read again as 機|製作|用.
        '  { zh = "機制作用", t = "機制作用", source = "seeds, second pass" },',
    ]
    for word in sorted(found):
        fields = ", ".join(f'{field} = "{value}"' for field, value in sorted(found[word].items()))
        if word not in ("演算法", "機制作用"):
            lines.append(f'  {{ zh = "{word}", {fields}, source = "OpenCC STPhrases, second pass" }},')
    lines.append("]")
    (PHRASES / "fixed_points.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def overlap_rows(theirs: dict[str, str], ours: set[str]) -> list[str]:
    """overlaps.tsv's data lines (after its header line), one per overlap."""
    return [f"{joined}\t{start}\t{before}\t{after}" for joined, start, before, after in overlaps(theirs, ours)]


def main() -> int:
    """Write overlaps.tsv and fixed_points.toml."""
    theirs, ours = opencc_phrases(), our_keys()
    (PHRASES / "fixed_points.toml").write_text("entry = []\n", encoding="utf-8")  # OpenCC's phrases alone
    # OpenCC's two-character words run into its own phrases too (当局 + 局限: 當局限, then 當|侷限):
    # each word's traditional form, kept whole, stops the next phrase from starting inside it.
    # The other fixed points are judged with those in place (幾千 would cut 幾千里 as 幾千|裡).
    words = converted_words(theirs)
    write_fixed_points(words)
    _forget_loaded_tables()
    found = unstable_outputs(theirs, run_ons(theirs, ours))
    for word, fields in words.items():
        found.setdefault(word, {}).update(fields)
    write_fixed_points(found)
    rows = overlap_rows(theirs, ours)
    lines = ["# joined phrase, where ours starts, OpenCC's form before, after (benchmarks/variants_overlaps.py)", *rows]
    (PHRASES / "overlaps.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(rows)} overlapping phrases written to {PHRASES / 'overlaps.tsv'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
