"""Imposition speed and memory: a 100-page A4 (and A5) PDF imposed as a booklet, 2-up and 4-up.

    .venv/bin/python benchmarks/impose.py [--pages 100]

The source PDF is typeset once by WeasyPrint (not timed); each layout is then imposed
once, reporting wall time, and once more under tracemalloc for the peak of Python
allocations (pikepdf's C++ side is not seen; it holds the source and the output).  Target (issue 16):
under 1 s for 100 pages, memory bounded by a few pages (the output PDF plus its source).
"""

from __future__ import annotations

import argparse
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from digestconv.writers.pdf.impose import impose  # noqa: E402

TEXT = "各国代表围绕合作、发展与安全等议题展开深入交流，达成了多项共识。" * 12


def source_pdf(pages: int, size: str) -> bytes:
    """``pages`` pages of CJK text, each a heading, two paragraphs and a link (fonts subset once)."""
    from weasyprint import HTML

    body = "".join(f'<section style="break-after:page"><h1 id="p{i}">第{i}页</h1><p>{TEXT}</p><p>{TEXT}</p>'
                   f'<p><a href="#p{i % pages + 1}">下一页</a></p></section>' for i in range(1, pages + 1))
    css = f"@page {{ size: {size}; margin: 15mm }} body {{ font-family: 'Noto Serif CJK SC'; font-size: 12pt }}"
    return bytes(HTML(string=f"<html><head><style>{css}</style></head><body>{body}</body></html>").write_pdf())


def main() -> None:
    """Impose once per layout and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=100)
    args = parser.parse_args()
    sources = {"A5": source_pdf(args.pages, "A5"), "A4": source_pdf(args.pages, "A4")}
    print(f"source: {args.pages} pages, A5 {len(sources['A5']) / 1e6:.2f} MB, A4 {len(sources['A4']) / 1e6:.2f} MB")
    for layout, size in (("booklet", "A5"), ("2up", "A4"), ("4up", "A4")):
        sheet = (297.0, 210.0) if layout == "booklet" else None
        start = time.perf_counter()
        out = impose(sources[size], layout, sheet_mm=sheet)
        elapsed = time.perf_counter() - start
        # a second run under tracemalloc for memory only: tracing slows Python several times
        tracemalloc.start()
        impose(sources[size], layout, sheet_mm=sheet)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(f"{layout:8s} {elapsed:6.3f} s  {len(out) / 1e6:5.2f} MB out  python peak {peak / 1e6:5.1f} MB")

if __name__ == "__main__":
    main()
