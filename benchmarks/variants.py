"""Benchmark: converting the seeds ×100 to each traditional variant (target ≥ 2 M characters/s).

The document is every gold document's blocks repeated 100 times (the gold
documents are the seeds, normalized).  Run: ``.venv/bin/python benchmarks/variants.py``
(``--repeat N``, ``--runs N``, ``--gold DIR``).  Exits 1 when a variant misses the target.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from digestconv.model import Document, Meta
from digestconv.transforms.variants import OPENCC_CONFIGS, to_variant

TARGET_CHARS_PER_SECOND = 2_000_000


def build_document(gold: Path, repeat: int) -> Document:
    """One document holding the blocks of every gold document in ``gold``, ``repeat`` times over."""
    blocks = []
    for path in sorted(gold.glob("*.json")):
        blocks.extend(Document.from_dict(json.loads(path.read_text(encoding="utf-8"))).blocks)
    return Document(blocks=tuple(blocks) * repeat, meta=Meta(title="基准测试", publication="学习文选"))


def count_chars(document: Document) -> int:
    """Characters of text the conversion has to go through."""
    return sum(len(block.text) for block in document.text_blocks())


def main() -> int:
    """Time each variant; print characters per second; 1 if any misses the target."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=Path("/work/shared/gold"))
    parser.add_argument("--repeat", type=int, default=100)
    parser.add_argument("--runs", type=int, default=3, help="best of this many runs")
    args = parser.parse_args()

    document = build_document(args.gold, args.repeat)
    chars = count_chars(document)
    blocks = sum(1 for _ in document.text_blocks())
    print(f"document: {chars:,} characters in {blocks:,} text blocks (gold ×{args.repeat})")
    to_variant(Document(meta=document.meta), "zh-TW")  # load OpenCC outside the timing

    failed = False
    for variant, config in OPENCC_CONFIGS.items():
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            to_variant(document, variant)
            times.append(time.perf_counter() - start)
        best = min(times)
        rate = chars / best
        ok = rate >= TARGET_CHARS_PER_SECOND
        failed |= not ok
        print(f"{variant:8} ({config:5}) best {best:6.3f} s  {rate / 1e6:5.2f} M chars/s  "
              f"{'ok' if ok else 'BELOW TARGET'} (target {TARGET_CHARS_PER_SECOND / 1e6:g} M)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
