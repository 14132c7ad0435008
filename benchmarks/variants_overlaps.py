"""List OpenCC phrases that start before one of our phrases and overlap it (writes phrases/overlaps.tsv).

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
        if len(value) != len(phrase):
            continue  # no character alignment to cut at
        for start in range(1, len(phrase)):
            for key in by_first.get(phrase[start], ()):
                tail = phrase[start:]
                if key.startswith(tail) or tail.startswith(key):
                    joined = phrase[:start] + key if key.startswith(tail) else phrase
                    after = "" if key.startswith(tail) else value[start + len(key):]
                    if joined not in ours:
                        found.setdefault(joined, (joined, start, value[:start], after))
    return sorted(found.values())


def main() -> int:
    """Write overlaps.tsv."""
    rows = overlaps(opencc_phrases(), our_keys())
    lines = ["# joined phrase, where ours starts, OpenCC's form before, after (benchmarks/variants_overlaps.py)"]
    lines += [f"{joined}\t{start}\t{before}\t{after}" for joined, start, before, after in rows]
    (PHRASES / "overlaps.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(rows)} overlapping phrases written to {PHRASES / 'overlaps.tsv'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
