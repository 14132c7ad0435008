"""Batch benchmark: CLI start-up, the seeds through every format and variant at -j 1 and -j 2, an 8 MB input.

Run: ``.venv/bin/python benchmarks/batch.py`` (``--skip-big`` leaves out the 8 MB
input, ``--json FILE`` also writes the figures as JSON, ``--repeat N`` rounds).
Each round runs the seeds batch at -j 1, at -j 2 and the runner on pure CPU work,
one after the other, and sets the speed-up beside what the machine offered then.  Every measurement runs
the installed ``digestconv`` command in a fresh process, as a user would: with its modules' bytecode
cached (an installed package has it; ``PYTHONDONTWRITEBYTECODE``, which some sandboxes set, would
have every process compile them again) in a folder of the benchmark's own, and after one untimed
first run, reported apart, that fills that cache and OpenCC's dictionaries (``--cold`` skips both).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
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
FORMATS = "docx,epub,pdf,html,json"
BIG_FORMATS = "docx,epub,pdf,html,md,json,txt"
BIG_BYTES = 8 * 1024 * 1024


def child_env(workdir: Path | None) -> dict[str, str]:
    """The environment of the measured commands: bytecode cached under ``workdir`` (None: as this one's)."""
    env = dict(os.environ)
    if workdir is not None:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(workdir / "pycache")
    return env


ENV: dict[str, str] = dict(os.environ)


def measure(command: list[str], timeout: float) -> dict:
    """Wall time, exit code and peak memory of ``command``.

    ``peak_mib`` is the largest RSS of any process it waited for (exact for
    ``-j 1``); ``peak_tree_mib`` samples the whole process tree every 50 ms and
    keeps the largest sum, which counts pool workers too.
    """
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", MEASURE, *command], stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True, env=ENV)
    peak_tree = 0
    while process.poll() is None:
        peak_tree = max(peak_tree, tree_rss(process.pid))
        if time.perf_counter() - started > timeout:
            process.kill()
            process.wait()
            return {"seconds": time.perf_counter() - started, "timed_out": True}
        time.sleep(0.05)
    seconds = time.perf_counter() - started
    lines = process.stderr.read().strip().splitlines() if process.stderr else []
    last = lines[-1].split()
    return {"seconds": seconds, "peak_mib": int(last[0]) / 1024, "peak_tree_mib": peak_tree / 2**20,
            "exit_code": int(last[1]), "cpu_s": float(last[2]), "stderr_tail": lines[-4:-1]}


def tree_rss(root: int) -> int:
    """Resident bytes of ``root`` and all its descendants (Linux /proc); 0 elsewhere."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    page = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            stat = (entry / "stat").read_text()
            statm = (entry / "statm").read_text().split()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(")") + 2 :].split()[1])
        pid = int(entry.name)
        children.setdefault(ppid, []).append(pid)
        rss[pid] = int(statm[1]) * page
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo.extend(children.get(pid, []))
    return total


def startup(repeats: int = 15) -> dict:
    """Median and best wall time of ``digestconv --version``."""
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        subprocess.run([*digestconv(), "--version"], capture_output=True, check=True, env=ENV)
        times.append(time.perf_counter() - started)
    return {"median_s": statistics.median(times), "best_s": min(times)}


def burn(task: Any) -> Any:
    """A pure-Python task of fixed work, to see how much parallelism the machine offers right now."""
    from digestconv.batch import FileResult

    total = 0
    for i in range(4_000_000):
        total += i
    return FileResult(task.label)


def calibrate() -> float:
    """Speed-up of the batch runner at -j 2 over -j 1 on CPU-bound work alone (2.0 on two idle cores)."""
    from digestconv.batch import ConvertTask, ExecutorSpec
    from digestconv.batch.runner import run_tasks

    tasks = [ConvertTask(source=str(n), label=str(n), outputs=()) for n in range(12)]
    seconds = {}
    for jobs in (1, 2):
        started = time.perf_counter()
        run_tasks(tasks, ExecutorSpec("local", jobs), lambda result: None, fn=burn)
        seconds[jobs] = time.perf_counter() - started
    return seconds[1] / seconds[2]


def seeds_batch(jobs: int, workdir: Path, timeout: float, source: Path = SEEDS) -> dict:
    """The five seeds (or ``source``) to every benchmark format and all four variants with ``-j jobs``."""
    load = os.getloadavg()[0]  # other work on the machine skews -j 2 most: say how busy it was
    workdir.mkdir(parents=True, exist_ok=True)
    out = workdir / f"seeds-j{jobs}"
    report = workdir / f"seeds-j{jobs}.json"
    run = measure([*digestconv(), "convert", str(source), "--to", FORMATS, "--variant", "all", "-o", str(out),
                   "-j", str(jobs), "-q", "--report", str(report)], timeout)
    if report.exists():
        data = json.loads(report.read_text(encoding="utf-8"))
        run.update(outputs=data["outputs"], failures=data["failures"][:5], failed=len(data["failures"]))
        run["outputs_per_s"] = data["outputs"] / run["seconds"]
    run["load_before"] = load
    return run


def big_input(workdir: Path, timeout: float) -> dict:
    """An 8 MB text (the seeds repeated) to every format, in one process (-j 1)."""
    src = workdir / "big"
    src.mkdir()
    seed_text = b"\n\n".join(p.read_bytes() for p in sorted(SEEDS.glob("*.txt")))
    data = (seed_text * (BIG_BYTES // len(seed_text) + 1))[:BIG_BYTES]
    data = data[: data.rfind(b"\n")]  # end on a whole line, never mid-character
    (src / "big.txt").write_bytes(data)
    report = workdir / "big.json"
    run = measure([*digestconv(), "convert", str(src / "big.txt"), "--to", BIG_FORMATS, "-o", str(workdir / "big-out"),
                   "-j", "1", "-q", "--report", str(report)], timeout)
    run["input_mib"] = len(data) / 2**20
    if report.exists():
        result = json.loads(report.read_text(encoding="utf-8"))
        run.update(outputs=result["outputs"], failures=result["failures"])
        run["sizes_mib"] = {Path(o["path"]).suffix: round(os.path.getsize(o["path"]) / 2**20, 2)
                            for o in result["results"][0]["outputs"] if o["status"] == "written"}
    return run


def main() -> None:
    """Run the benchmarks and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--skip-big", action="store_true", help="leave out the 8 MB input")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds allowed per run")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--repeat", type=int, default=3, help="rounds of -j 1, -j 2 and pure CPU work")
    parser.add_argument("--cold", action="store_true",
                        help="no first run, and bytecode cached or not as this environment says")
    args = parser.parse_args()

    figures: dict = {"cpu_count": os.cpu_count()}
    with tempfile.TemporaryDirectory(prefix="digestconv-bench-") as tmp:
        workdir = Path(tmp)
        ENV.clear()
        ENV.update(child_env(None if args.cold else workdir))
        if not args.cold:
            figures["first_run"] = first = seeds_batch(1, workdir / "first", args.timeout,
                                                       source=min(SEEDS.glob("*.txt")))
            print(f"first run (one seed, untimed: bytecode and OpenCC dictionaries cached): {first['seconds']:.1f} s "
                  f"({first.get('cpu_s', 0):.1f} s CPU)")
        figures["startup"] = start = startup()
        print(f"start-up  digestconv --version: median {start['median_s'] * 1000:.0f} ms, "
              f"best {start['best_s'] * 1000:.0f} ms")
        # Rounds of -j 1, -j 2 and the pure-CPU calibration back to back, so that each
        # speed-up is set beside what the machine offered at that moment (other work
        # on it changes that from minute to minute).
        rounds = []
        for n in range(args.repeat):
            one = seeds_batch(1, workdir / f"run{n}", args.timeout)
            two = seeds_batch(2, workdir / f"run{n}", args.timeout)
            cpu = calibrate()
            rounds.append({"j1": one, "j2": two, "speedup": one["seconds"] / two["seconds"], "cpu_speedup": cpu})
            print(f"round {n + 1}: -j 1 {one['seconds']:.1f} s ({one.get('cpu_s', 0):.1f} s CPU), "
                  f"-j 2 {two['seconds']:.1f} s ({two.get('cpu_s', 0):.1f} s CPU), {two.get('outputs', '?')} outputs, "
                  f"{two.get('failed', '?')} failures, load before {one['load_before']:.2f}/{two['load_before']:.2f}: "
                  f"speed-up {one['seconds'] / two['seconds']:.2f}x, pure CPU {cpu:.2f}x, "
                  f"ratio {one['seconds'] / two['seconds'] / cpu:.0%}")
            for line in two.get("failures", [])[:3]:
                print(f"    {line}")
        figures["rounds"] = rounds
        figures["seeds_j1"] = min((r["j1"] for r in rounds), key=lambda r: r["seconds"])
        figures["seeds_j2"] = min((r["j2"] for r in rounds), key=lambda r: r["seconds"])
        figures["speedup_j2"] = figures["seeds_j1"]["seconds"] / figures["seeds_j2"]["seconds"]
        figures["calibration_speedup_j2"] = max(r["cpu_speedup"] for r in rounds)
        figures["median_round_ratio"] = statistics.median(r["speedup"] / r["cpu_speedup"] for r in rounds)
        print(f"best -j 1 {figures['seeds_j1']['seconds']:.1f} s, best -j 2 {figures['seeds_j2']['seconds']:.1f} s: "
              f"speed-up {figures['speedup_j2']:.2f}x (best pure CPU {figures['calibration_speedup_j2']:.2f}x); "
              f"median of the rounds' speed-up / pure CPU: {figures['median_round_ratio']:.0%}")
        if not args.skip_big:
            figures["big"] = big = big_input(workdir, args.timeout)
            state = "TIMED OUT" if big.get("timed_out") else f"exit {big.get('exit_code')}"
            print(f"8 MB input ({big['input_mib']:.1f} MiB) to {BIG_FORMATS}: {big['seconds']:.1f} s, {state}, "
                  f"peak memory {big.get('peak_mib', 0):.0f} MiB, outputs (MiB) {big.get('sizes_mib', {})}")
            for line in big.get("failures", []):
                print(f"    {line}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
