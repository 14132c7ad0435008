"""Writer speed: the five seeds to every format, against pandoc and calibre, on one core.

    .venv/bin/python benchmarks/writers.py [--repeat N] [--style handout] [--formats pdf] [--no-peers]

Reports seconds per document per format (digestconv: warm, in one process as a batch
job runs, plus the first, cold document; pandoc and calibre: one process per document,
as they are used), and PDF pages per second.  digestconv's figures are given in wall
time and in CPU time (``time.process_time``): on a machine other jobs load, the CPU time
is what the writer costs, the wall time what it took.  The whole run is pinned to CPU 0, child
processes included.  A peer that is not installed is skipped, saying so.  Targets (issue
4): faster than both peers per document for DOCX and EPUB, and at least 20 PDF pages a
second.
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from digestconv.api import read  # noqa: E402
from digestconv.model import Document  # noqa: E402
from digestconv.plugins import get_writer  # noqa: E402
from digestconv.writers.base import WriteOptions  # noqa: E402

SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
FORMATS = ("docx", "epub", "pdf", "html", "md", "json")


def pin_to_one_core() -> str:
    """Run this process and its children on CPU 0."""
    try:
        os.sched_setaffinity(0, {0})
        return "pinned to CPU 0"
    except (AttributeError, OSError) as exc:
        return f"not pinned ({exc})"


def time_call(fn, repeat: int) -> float:
    """The median wall time of ``fn()`` over ``repeat`` runs."""
    return time_both(fn, repeat)[0]


def time_both(fn, repeat: int) -> tuple[float, float]:
    """The median wall time and the median CPU time of this process for ``fn()`` over ``repeat`` runs."""
    walls, cpus = [], []
    for _ in range(repeat):
        start, cpu = time.perf_counter(), time.process_time()
        fn()
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def bench_digestconv(documents: list[Document], style: str, repeat: int,
                     formats: tuple[str, ...] = FORMATS) -> dict[str, dict[str, float]]:
    """Per format: cold first document, warm seconds per document (wall and CPU), and PDF pages per second."""
    from digestconv.writers.pdf import render_pdf

    options = WriteOptions(style=style)
    results: dict[str, dict[str, float]] = {}
    for fmt in formats:
        writer = get_writer(fmt)

        def write(document: Document, writer=writer) -> None:
            writer.write(document, io.BytesIO(), options)

        start = time.perf_counter()
        write(documents[0])
        cold = time.perf_counter() - start
        per_doc = [time_both(lambda d=d: write(d), repeat) for d in documents]
        results[fmt] = {"cold": cold, "warm": sum(w for w, _ in per_doc) / len(per_doc),
                        "warm_cpu": sum(c for _, c in per_doc) / len(per_doc)}
    if "pdf" in results:
        pages = sum(render_pdf(d, options).pages for d in documents)
        timed = [time_both(lambda d=d: render_pdf(d, options), repeat) for d in documents]
        results["pdf"]["pages"] = pages
        results["pdf"]["pages_per_s"] = pages / sum(w for w, _ in timed)
        results["pdf"]["pages_per_cpu_s"] = pages / sum(c for _, c in timed)
    return results


def bench_pandoc(repeat: int) -> dict[str, float] | str:
    """Seconds per document for pandoc to docx and epub, or why it was skipped."""
    pandoc = shutil.which("pandoc")
    if pandoc is None:
        return "skipped: pandoc is not installed (Debian: pandoc)"
    out: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for fmt in ("docx", "epub"):
            per_doc = []
            for seed in SEEDS:
                target = Path(tmp) / f"{seed.stem}.{fmt}"
                command = [pandoc, "-f", "markdown+east_asian_line_breaks", "-t", fmt, str(seed), "-o", str(target),
                           "--metadata", f"title={seed.stem}"]
                per_doc.append(time_call(lambda c=command: subprocess.run(c, check=True, capture_output=True), repeat))
            out[fmt] = sum(per_doc) / len(per_doc)
    return out


def bench_calibre(repeat: int) -> dict[str, float] | str:
    """Seconds per document for calibre's ebook-convert to docx, epub and pdf, or why it was skipped."""
    convert = shutil.which("ebook-convert")
    if convert is None:
        return "skipped: calibre's ebook-convert is not installed (Debian: calibre)"
    out: dict[str, float] = {}
    # calibre's PDF output runs QtWebEngine, which refuses to start as root without these
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QTWEBENGINE_CHROMIUM_FLAGS": "--no-sandbox"}

    def run(command: list[str]) -> None:
        subprocess.run(command, check=True, capture_output=True, env=env)

    with tempfile.TemporaryDirectory() as tmp:
        for fmt in ("docx", "epub", "pdf"):
            per_doc = []
            for seed in SEEDS:
                target = Path(tmp) / f"{seed.stem}.{fmt}"
                command = [convert, str(seed), str(target), "--enable-heuristics"]
                try:
                    per_doc.append(time_call(lambda c=command: run(c), repeat))
                except subprocess.CalledProcessError as exc:
                    return f"skipped: ebook-convert failed on {seed.name} to {fmt} (exit {exc.returncode})"
            out[fmt] = sum(per_doc) / len(per_doc)
    return out


def main() -> int:
    """Run the benchmark and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per document; the median counts")
    parser.add_argument("--style", default="handout", help="house style for the digestconv writers")
    parser.add_argument("--formats", default=",".join(FORMATS), help="digestconv formats to time (comma-separated)")
    parser.add_argument("--no-peers", action="store_true", help="do not time pandoc and calibre")
    args = parser.parse_args()
    formats = tuple(f for f in args.formats.split(",") if f in FORMATS)
    print(f"digestconv writers benchmark, {len(SEEDS)} seeds, {pin_to_one_core()}, style {args.style}")

    start = time.perf_counter()
    documents = [read(seed) for seed in SEEDS]
    print(f"normalize (OCR reader): {(time.perf_counter() - start) / len(SEEDS):.3f} s per document (cold)\n")

    ours = bench_digestconv(documents, args.style, args.repeat, formats)
    skipped = "skipped: --no-peers"
    pandoc = skipped if args.no_peers else bench_pandoc(args.repeat)
    calibre = skipped if args.no_peers else bench_calibre(args.repeat)

    def peer(result: dict[str, float] | str, fmt: str) -> str:
        if isinstance(result, str):
            return "—"
        return f"{result[fmt]:.3f}" if fmt in result else "—"

    print(f"{'format':8} {'digestconv warm':>16} {'(CPU)':>8} {'first (cold)':>13} {'pandoc':>8} {'calibre':>8}"
          "   s/document")
    for fmt in formats:
        row = ours[fmt]
        print(f"{fmt:8} {row['warm']:>16.3f} {row['warm_cpu']:>8.3f} {row['cold']:>13.3f} "
              f"{peer(pandoc, fmt):>8} {peer(calibre, fmt):>8}")
    pdf = ours.get("pdf", {"pages": 0, "pages_per_s": float("inf"), "pages_per_cpu_s": float("inf")})
    print(f"\nPDF: {pdf['pages']:.0f} pages, {pdf['pages_per_s']:.1f} pages/s wall, "
          f"{pdf['pages_per_cpu_s']:.1f} pages per CPU second, on one core (target ≥ 20)")
    for name, result in (("pandoc", pandoc), ("calibre", calibre)):
        if isinstance(result, str):
            print(f"{name}: {result}")
    failures = []
    for name, result in (("pandoc", pandoc), ("calibre", calibre)):
        if isinstance(result, dict):
            failures += [f"{fmt} slower than {name}" for fmt in ("docx", "epub")
                         if fmt in ours and ours[fmt]["warm"] >= result[fmt]]
    if pdf["pages_per_cpu_s"] < 20:
        failures.append("PDF under 20 pages/s")
    print("targets: " + ("met" if not failures else "MISSED: " + "; ".join(failures)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
