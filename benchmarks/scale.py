"""Scale benchmark: time and peak memory of one long text to DOCX and to PDF, at 1, 4 and 16 MB.

Run: ``.venv/bin/python benchmarks/scale.py`` (``--sizes 1,4`` for fewer, ``--formats
docx`` for one writer, ``--dump N`` also writes an N-block JSON dump to DOCX,
``--json FILE`` keeps the figures).  Each conversion runs the ``digestconv`` command
at ``-j 1`` in a fresh process; its peak memory is the largest resident set of that
process (``getrusage`` of the waited-for child).  The input is the seeds repeated,
cut at a line.  Growth is judged per MB: time per MB should stay flat as the input
grows (linear), and memory should stay bounded for PDF.  A size that times out is
reported as such, with the time per MB of the largest finished size to extrapolate from.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # the shared part below when run as a script

from benchmarks.child import MEASURE, digestconv  # noqa: E402

SEEDS = ROOT / "seeds"


def make_text(path: Path, megabytes: float) -> None:
    """The seeds repeated to ``megabytes``, ending on a whole line."""
    seed = b"\n\n".join(p.read_bytes() for p in sorted(SEEDS.glob("*.txt")))
    size = int(megabytes * 2**20)
    data = (seed * (size // len(seed) + 1))[:size]
    path.write_bytes(data[: data.rfind(b"\n")])


def make_dump(path: Path, blocks: int) -> None:
    """A JSON model dump of ``blocks`` short paragraphs."""
    items = [{"type": "paragraph", "text": f"第{i}段：这是一段用于测试的文字。"} for i in range(blocks)]
    document = {"schema": "digestconv/1", "meta": {"lang": "zh-Hans", "title": "dump"}, "blocks": items}
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")


def convert(source: Path, fmt: str, out: Path, timeout: float) -> dict[str, Any]:
    """Wall time, CPU time, peak memory and exit code of one conversion."""
    command = [sys.executable, "-c", MEASURE, *digestconv(), "convert", str(source), "--to", fmt, "-o", str(out),
               "-j", "1", "-q", "--max-size", "1G"]
    started = time.perf_counter()
    try:
        run = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return {"seconds": time.perf_counter() - started, "timed_out": True}
    seconds = time.perf_counter() - started
    peak_kib, code, cpu = run.stderr.strip().splitlines()[-1].split()
    outputs = list(out.glob(f"*.{fmt}"))
    return {"seconds": round(seconds, 2), "cpu_s": round(float(cpu), 2), "peak_mib": round(int(peak_kib) / 1024),
            "exit_code": int(code), "output_mib": round(outputs[0].stat().st_size / 2**20, 2) if outputs else None}


def main() -> None:
    """Run the conversions and print one line each, then the growth per format."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1,4,16", help="input sizes in MB, comma-separated")
    parser.add_argument("--formats", default="docx,pdf")
    parser.add_argument("--dump", type=int, default=0, help="also an N-block JSON dump to DOCX (e.g. 1000000)")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds allowed per conversion")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    sizes = [float(s) for s in args.sizes.split(",")]
    figures: dict[str, Any] = {"runs": []}
    with tempfile.TemporaryDirectory(prefix="digestconv-scale-") as tmp:
        work = Path(tmp)
        for fmt in args.formats.split(","):
            for size in sizes:
                source = work / f"text{size:g}mb.txt"
                if not source.exists():
                    make_text(source, size)
                run = {"format": fmt, "mb": size, **convert(source, fmt, work / f"out-{fmt}-{size:g}", args.timeout)}
                figures["runs"].append(run)
                state = "TIMED OUT" if run.get("timed_out") else f"exit {run['exit_code']}"
                print(f"{size:g} MB -> {fmt}: {run['seconds']:.1f} s ({run['seconds'] / size:.1f} s/MB), {state}, "
                      f"peak {run.get('peak_mib', '?')} MiB, output {run.get('output_mib', '?')} MiB", flush=True)
            done = [r for r in figures["runs"] if r["format"] == fmt and not r.get("timed_out")]
            if len(done) > 1:
                small, large = done[0], done[-1]
                ratio = (large["seconds"] / small["seconds"]) / (large["mb"] / small["mb"])
                print(f"{fmt}: {large['mb'] / small['mb']:g}x the input took {large['seconds'] / small['seconds']:.1f}x "
                      f"the time ({ratio:.2f} of linear)")
        if args.dump:
            source = work / "dump.json"
            make_dump(source, args.dump)
            run = {"format": "docx", "dump_blocks": args.dump, **convert(source, "docx", work / "out-dump", args.timeout)}
            figures["runs"].append(run)
            state = "TIMED OUT" if run.get("timed_out") else f"exit {run['exit_code']}"
            print(f"{args.dump}-block JSON dump -> docx: {run['seconds']:.1f} s, {state}, "
                  f"peak {run.get('peak_mib', '?')} MiB")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
