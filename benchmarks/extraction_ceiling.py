"""Benchmark: how far a perfect normalizer could go on one extractor's text of the corpus.

An oracle cuts the extractor's text (its furniture lines dropped, folded as the scorer folds)
at the gold's block boundaries, mapped onto the text through the scorer's own alignment,
and types each piece as the gold block it came from.  What it cannot reach is what the
text itself lost: headlines the OCR garbled or dropped, passages an interleaving extractor
moved (the normalizer never reorders, spec §8 and §10).  The oracle's figures are the
ceiling for boundary and heading F1 on that text.

Run:  python benchmarks/extraction_ceiling.py [--method tesseract] [--case ID] [--lcs]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from extraction import case_dirs, load_scorer


def _furniture_texts(gold: dict, fold) -> set[str]:
    return {fold(f["text"]) for f in gold.get("meta", {}).get("furniture", [])}


def oracle(case: Path, extractor: str, scorer) -> dict:
    """The scores of the gold's boundaries and types laid over the extractor's text."""
    gold = json.loads((case / "gold.json").read_text(encoding="utf-8"))
    furniture = _furniture_texts(gold, scorer.fold)
    lines = (case / f"{extractor}.txt").read_text(encoding="utf-8").splitlines()
    text = "".join(f for f in map(scorer.fold, lines) if f not in furniture)
    folded, spans = scorer.spans(scorer.flatten(gold))
    mapping, _, _ = scorer.position_map(text, folded)  # gold position -> text position
    blocks, start = [], 0
    for _, end, kind in spans:
        cut = max(start, mapping.get(end, start))
        if cut > start:
            blocks.append({"type": kind, "text": text[start:cut]})
        start = cut
    if start < len(text):
        blocks.append({"type": "paragraph", "text": text[start:]})
    return scorer.score(gold, {"blocks": blocks})


def main(argv: list[str] | None = None) -> int:
    """Print the oracle's boundary and heading F1 per case and their means."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--method", default="tesseract", help="the extractor whose text is cut")
    ap.add_argument("--case", action="append", metavar="ID", help="only this case")
    ap.add_argument("--lcs", action="store_true", help="align by a longest common subsequence (benchmarks/alignment.py) instead of the shared scorer's difflib")
    args = ap.parse_args(argv)
    scorer = load_scorer(aligned=args.lcs)
    rows = []
    for case in case_dirs(args.case):
        if not (case / f"{args.method}.txt").is_file():
            continue
        result = oracle(case, args.method, scorer)
        rows.append(result)
        print(f"{case.name:14} bound {result['boundary_f1']:.3f} head {result['heading_f1']:.3f}")
    if not rows:
        print(f"no {args.method} text in the corpus", file=sys.stderr)
        return 2
    bound = statistics.fmean(r["boundary_f1"] for r in rows)
    head = statistics.fmean(r["heading_f1"] for r in rows)
    print(f"ceiling ({args.method}, {len(rows)} cases): boundary {bound:.3f} heading {head:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
