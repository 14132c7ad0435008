"""Benchmark: the PDF reader's speed in pages per second on one core, over the corpus PDFs.

Also measures what the two permissively licensed PDF libraries cost just to hand out
the characters with their boxes, sizes and fonts (pypdfium2 through PDFium's
FPDFText_* calls, pdfplumber/pdfminer.six through ``page.chars``), which is why the
reader is built on pypdfium2.

Run:  python benchmarks/pdf_reader.py [--repeat N] [--libraries] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "tests" / "corpus" / "cases"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def corpus_pdfs() -> list[Path]:
    """The typeset pages of the corpus."""
    return sorted(CASES.glob("*/page.pdf"))


def page_count(path: Path) -> int:
    """The number of pages of a PDF."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(path))
    try:
        return len(doc)
    finally:
        doc.close()


def time_reader(paths: list[Path], repeat: int) -> dict:
    """Pages per second of the whole reader (geometry and the normalizer's assembly)."""
    from digestconv.readers.pdf import PdfReader

    reader = PdfReader()
    data = [p.read_bytes() for p in paths]
    per_pass = sum(page_count(p) for p in paths)
    pages = per_pass * repeat
    start, cpu_start = time.perf_counter(), time.process_time()
    pass_cpu: list[float] = []
    for _ in range(repeat):
        begun = time.process_time()
        for blob in data:
            reader.read(blob, source="page.pdf", options={"ocr": False})
        pass_cpu.append(time.process_time() - begun)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    # CPU seconds of the one core the process is pinned to: on a shared machine wall time also counts the
    # time other processes held the core.  The first pass also pays the process's one-time imports
    # (the normalizer's patterns); the fastest pass is the reader's own rate, as timeit quotes the best
    return {"pages": pages, "seconds": round(seconds, 3), "pages_per_s": round(pages / seconds, 1),
            "cpu_seconds": round(cpu, 3), "pages_per_cpu_s": round(pages / cpu, 1),
            "pass_cpu_seconds": [round(c, 3) for c in pass_cpu],
            "fastest_pass_pages_per_cpu_s": round(per_pass / min(pass_cpu), 1)}


def time_pdfium_chars(paths: list[Path]) -> dict:
    """Pages per second for pypdfium2 to hand out every character's box, size and font."""
    from digestconv.readers.pdf.source import open_pdf, page_glyphs

    pages = 0
    start = time.perf_counter()
    for path in paths:
        with open_pdf(path.read_bytes(), path.name) as doc:
            for index in range(len(doc)):
                page_glyphs(doc, index, path.name)
                pages += 1
    seconds = time.perf_counter() - start
    return {"pages": pages, "seconds": round(seconds, 3), "pages_per_s": round(pages / seconds, 1)}


def time_pdfplumber_chars(paths: list[Path]) -> dict:
    """Pages per second for pdfplumber to hand out ``page.chars`` (boxes, size, font name)."""
    import pdfplumber

    pages = 0
    start = time.perf_counter()
    for path in paths:
        with pdfplumber.open(str(path)) as pdf:
            for page in pdf.pages:
                _ = page.chars
                pages += 1
                page.flush_cache()
    seconds = time.perf_counter() - start
    return {"pages": pages, "seconds": round(seconds, 3), "pages_per_s": round(pages / seconds, 1)}


def peak_memory(path: Path) -> int:
    """Peak Python heap (bytes) while reading one PDF."""
    from digestconv.readers.pdf import PdfReader

    data = path.read_bytes()
    tracemalloc.start()
    PdfReader().read(data, source=path.name, options={"ocr": False})
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


def main(argv: list[str] | None = None) -> int:
    """Print the figures."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--libraries", action="store_true", help="also time pypdfium2 against pdfplumber")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core, as the target says
    paths = corpus_pdfs()
    if not paths:
        print("no corpus PDFs under tests/corpus/cases", file=sys.stderr)
        return 1
    figures: dict = {"pdfs": len(paths), "reader": time_reader(paths, args.repeat)}
    figures["peak_heap_bytes_largest_pdf"] = peak_memory(max(paths, key=page_count))
    if args.libraries:
        figures["pypdfium2_chars"] = time_pdfium_chars(paths)
        figures["pdfplumber_chars"] = time_pdfplumber_chars(paths)
    if args.json:
        print(json.dumps(figures, indent=1))
    else:
        for key, value in figures.items():
            print(f"{key:28} {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
