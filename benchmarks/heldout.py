"""Benchmark: the normalizer on pages made by other tools and other hands (``tests/heldout``).

The cases are Chromium and LibreOffice (flat ODT) pages extracted with ``pdftotext -raw`` and
pypdfium2, and hand-wrapped text (``input.txt``); see ``tests/heldout/make_heldout.py``.  They are
scored exactly as ``benchmarks/extraction.py`` scores its corpus (same functions), in two halves:
``tuned`` (the cases rules were looked at on) and ``held`` (``HELD_OUT``: never tuned on).

Run:  python benchmarks/heldout.py [--half tuned|held|all] [--json] [--lcs]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HELDOUT = ROOT / "tests" / "heldout"
CASES = HELDOUT / "cases"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.extraction import load_scorer, measure_case, summarize, text_method  # noqa: E402

METHODS = [text_method(name) for name in ("pdftotext-raw", "pypdfium2", "input")]


def held_out() -> tuple[str, ...]:
    """The case ids no rule was tuned on (written by the generator from its ``HELD_OUT``)."""
    return tuple(json.loads((CASES / "held_out.json").read_text(encoding="utf-8")))


def cases(half: str) -> list[Path]:
    """The case folders of one half (``tuned``, ``held``) or ``all``."""
    held = set(held_out())
    dirs = sorted(p for p in CASES.iterdir() if (p / "gold.json").is_file())
    if half == "held":
        return [p for p in dirs if p.name in held]
    if half == "tuned":
        return [p for p in dirs if p.name not in held]
    return dirs


def measure(half: str, aligned: bool = False) -> tuple[list[dict], dict]:
    """Per-case rows and the summary over every method (text inputs pooled as ``all``)."""
    scorer = load_scorer(aligned)
    rows = [measure_case(c, m, scorer) for c in cases(half) for m in METHODS if m.available(c)]
    summary = summarize(rows)
    summary["all"] = summarize([{**r, "method": "all"} for r in rows])["all"]
    return rows, summary


def main(argv: list[str] | None = None) -> int:
    """Print the figures of one half (or both)."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--half", choices=("tuned", "held", "all"), default="all")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--lcs", action="store_true", help="align by a longest common subsequence (benchmarks/alignment.py) instead of the shared scorer's difflib")
    args = ap.parse_args(argv)
    rows, summary = measure(args.half, aligned=args.lcs)
    if args.json:
        print(json.dumps({"summary": summary, "cases": rows}, ensure_ascii=False, indent=1))
        return 0
    print(f"{args.half}: {len({r['case'] for r in rows})} cases")
    for name, s in summary.items():
        print(f"{name:14} bound {s['boundary_f1']:.3f} head {s['heading_f1']:.3f} exact {s['exact_blocks']:.3f} "
              f"fidel {s['text_fidelity']:.3f} furn-out {s['furniture_out'] if s['furniture_out'] is not None else '—'}")
    for r in rows:
        print(f"  {r['case']:10} {r['method']:14} bound {r['boundary_f1']:.3f} head {r['heading_f1']:.3f} "
              f"exact {r['exact_blocks']:.3f} furn-out {r['furniture_out']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
