"""Benchmark: converting the seeds ×100 to each traditional variant (target ≥ 2 M characters/s).

The document is every gold document's blocks repeated 100 times (the gold
documents are the seeds, normalized).  Each rate is given by wall-clock time and by
the process's CPU time: on a machine other jobs share, the CPU time is what the
conversion itself costs, and the target is judged on it.  OpenCC's own
configuration is timed beside ours in the same moment.  Run: ``.venv/bin/python benchmarks/variants.py``
(``--repeat N``, ``--runs N``, ``--gold DIR``).  Exits 1 when a variant misses the target.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import opencc

from digestconv.model import Block, Document, Meta
from digestconv.transforms.variants import OPENCC_CONFIGS, convert_quotes, to_variant

TARGET_CHARS_PER_SECOND = 2_000_000


def build_document(gold: Path, repeat: int) -> Document:
    """One document holding the blocks of every gold document in ``gold``, ``repeat`` times over."""
    blocks: list[Block] = []
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

    texts = [block.text for block in document.text_blocks()]
    failed = False
    for variant, config in OPENCC_CONFIGS.items():
        wall, cpu = best_time(partial(to_variant, document, variant), args.runs)
        # OpenCC alone on the same texts, quotes included: the conversion before
        # our tables, timed under the same load of the machine.
        plain = opencc.OpenCC(config)
        alone_wall, alone_cpu = best_time(partial(_opencc_alone, plain, "\n".join(texts)), args.runs)
        ok = chars / cpu >= TARGET_CHARS_PER_SECOND
        failed |= not ok
        print(f"{variant:8} ({config:5}) {chars / cpu / 1e6:5.2f} M chars/s CPU, {chars / wall / 1e6:5.2f} wall  "
              f"{'ok' if ok else 'BELOW TARGET'} (target {TARGET_CHARS_PER_SECOND / 1e6:g} M)  "
              f"OpenCC alone {chars / alone_cpu / 1e6:5.2f} CPU, {chars / alone_wall / 1e6:5.2f} wall")
    return 1 if failed else 0


def _opencc_alone(converter: opencc.OpenCC, text: str) -> str:
    return convert_quotes(converter.convert(text))


def best_time(run: Callable[[], object], runs: int) -> tuple[float, float]:
    """The shortest wall-clock time and the shortest CPU time of ``runs`` runs of ``run``."""
    walls, cpus = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        run()
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - start_cpu)
    return min(walls), min(cpus)


if __name__ == "__main__":
    sys.exit(main())
