"""Batch conversion: the convert command and library function, naming, exit codes, never losing work."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from digestconv import Document
from digestconv.batch import BatchReport, ConvertTask, ExecutorSpec, FileResult, PlannedOutput, convert
from digestconv.batch.runner import run_tasks
from digestconv.cli.progress import BarProgress, LogProgress, make_progress
from digestconv.errors import InputError, PluginError, VariantError

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
VARIANTS = ("zh-Hans", "zh-Hant", "zh-TW", "zh-HK")


def cli(*args: str | os.PathLike[str], stdin: bytes | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    """Run the installed ``digestconv`` command, capturing its output."""
    script = Path(sys.executable).with_name("digestconv")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "digestconv.cli"]
    return subprocess.run([*command, *map(str, args)], input=stdin if stdin is not None else b"",
                          capture_output=True, timeout=timeout, check=False)


def stderr_of(result: subprocess.CompletedProcess) -> str:
    return result.stderr.decode("utf-8", "replace")


def part_files(folder: Path) -> list[Path]:
    """Temporary files atomic_output would leave behind if it failed to clean up."""
    return [p for p in folder.rglob("*") if p.name.endswith(".part")]


def load_json_document(path: Path) -> Document:
    return Document.from_dict(json.loads(path.read_text(encoding="utf-8")))


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    """A private copy of the seed folder (inputs must never be modified; this lets tests check that)."""
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS, target)
    return target


# ---------------------------------------------------------------- the library function


def test_convert_writes_every_format_and_variant(seeds: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    before = {p.name: p.read_bytes() for p in seeds.iterdir()}
    report = convert(seeds, formats="json,txt", variants="all", outdir=out, jobs=1)
    assert isinstance(report, BatchReport)
    assert report.ok and report.exit_code == 0
    assert len(report.files) == 5
    assert report.written == 5 * 2 * 4
    assert report.failures == []
    for seed in before:
        stem = Path(seed).stem
        for variant in VARIANTS:
            tag = "" if variant == "zh-Hans" else f".{variant}"
            document = load_json_document(out / f"{stem}{tag}.json")
            assert document.meta.lang == variant
            assert any(document.text_blocks())
            text = (out / f"{stem}{tag}.txt").read_text(encoding="utf-8")
            assert text.strip()
    # zh-TW really is converted: the simplified 国 of the seeds becomes 國
    hans = (out / "001_40a999470f34a1c1.txt").read_text(encoding="utf-8")
    hant = (out / "001_40a999470f34a1c1.zh-TW.txt").read_text(encoding="utf-8")
    assert "国" in hans and "国" not in hant and "國" in hant
    assert {p.name: p.read_bytes() for p in seeds.iterdir()} == before
    assert part_files(out) == []


def test_report_to_dict_has_the_summary(seeds: Path, tmp_path: Path) -> None:
    report = convert(seeds / "000_5c3f93aa5334f7f2.txt", formats=["json"], outdir=tmp_path / "out", jobs=1)
    data = json.loads(json.dumps(report.to_dict()))
    assert data["files"] == 1 and data["outputs"] == 1 and data["failures"] == []
    assert data["exit_code"] == 0 and data["interrupted"] is False
    [result] = data["results"]
    assert result["outputs"][0]["status"] == "written"
    assert result["outputs"][0]["path"].endswith("000_5c3f93aa5334f7f2.json")


def test_process_pool_gives_the_same_outputs_as_in_process(seeds: Path, tmp_path: Path) -> None:
    one = convert(seeds, formats="json,txt", variants="zh-Hans,zh-HK", outdir=tmp_path / "j1", jobs=1)
    two = convert(seeds, formats="json,txt", variants="zh-Hans,zh-HK", outdir=tmp_path / "j2", jobs=2)
    assert one.ok and two.ok
    assert two.jobs == 2 and one.jobs == 1
    names = sorted(p.name for p in (tmp_path / "j1").iterdir())
    assert names == sorted(p.name for p in (tmp_path / "j2").iterdir())
    assert len(names) == 20
    for name in names:
        assert (tmp_path / "j1" / name).read_bytes() == (tmp_path / "j2" / name).read_bytes(), name


def test_usage_mistakes_raise_before_anything_is_written(seeds: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    with pytest.raises(PluginError, match="unknown format 'docz'"):
        convert(seeds, formats="json,docz", outdir=out)
    with pytest.raises(VariantError, match="unknown variant"):
        convert(seeds, formats="json", variants="zh-XX", outdir=out)
    with pytest.raises(InputError, match="no inputs found"):
        convert(tmp_path / "missing", formats="json", outdir=out)
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(InputError, match="no inputs found"):
        convert(empty, formats="json", outdir=out)
    assert not out.exists()


def test_folders_are_mirrored_so_same_names_do_not_collide(tmp_path: Path) -> None:
    src = tmp_path / "in"
    for sub in ("2024/06", "2025/06"):
        (src / sub).mkdir(parents=True)
        shutil.copy(SEEDS / "000_5c3f93aa5334f7f2.txt", src / sub / "page.txt")
    (src / "2025" / "notes.odt").write_bytes(b"PK not an input")  # no reader: not picked up
    (src / ".hidden.txt").write_text("隐藏文件不转换。", encoding="utf-8")
    out = tmp_path / "out"
    report = convert(src, formats="json", outdir=out, jobs=1)
    assert report.ok
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.json")) == [
        "2024/06/page.json", "2025/06/page.json",
    ]


def test_an_output_folder_inside_the_input_folder_is_not_read_back(seeds: Path) -> None:
    first = convert(seeds, formats="json,txt", outdir=seeds / "out", jobs=1)
    again = convert(seeds, formats="json,txt", outdir=seeds / "out", jobs=1)
    assert first.ok and again.ok
    assert len(again.files) == 5  # not the ten .json and .txt outputs of the first run
    assert not (seeds / "out" / "out").exists()


def test_colliding_output_names_fail_both_and_write_neither(tmp_path: Path) -> None:
    for sub in ("a", "b"):
        (tmp_path / sub).mkdir()
        shutil.copy(SEEDS / "000_5c3f93aa5334f7f2.txt", tmp_path / sub / "page.txt")
    shutil.copy(SEEDS / "001_40a999470f34a1c1.txt", tmp_path / "other.txt")
    out = tmp_path / "out"
    report = convert([tmp_path / "a" / "page.txt", tmp_path / "b" / "page.txt", tmp_path / "other.txt"],
                     formats="json", outdir=out, jobs=1)
    assert report.exit_code == 1
    assert len(report.failures) == 2
    assert all("collides" in line for line in report.failures)
    assert "b/page.txt" in report.failures[0] and "a/page.txt" in report.failures[1]
    assert not (out / "page.json").exists()
    assert (out / "other.json").exists()


def test_an_output_never_overwrites_an_input(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(SEEDS / "000_5c3f93aa5334f7f2.txt", src / "a.txt")
    (src / "a.json").write_text(json.dumps({"schema": "digestconv/1", "blocks": []}), encoding="utf-8")
    before = (src / "a.txt").read_bytes()
    report = convert(src / "a.txt", formats="txt", outdir=src, jobs=1)
    assert report.exit_code == 1
    assert "overwrite an input" in report.failures[0]
    assert (src / "a.txt").read_bytes() == before


def test_skip_existing_keeps_what_is_there(seeds: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "000_5c3f93aa5334f7f2.json").write_text("kept", encoding="utf-8")
    report = convert(seeds, formats="json", outdir=out, jobs=1, skip_existing=True)
    assert report.ok and report.skipped == 1 and report.written == 4
    assert (out / "000_5c3f93aa5334f7f2.json").read_text(encoding="utf-8") == "kept"
    again = convert(seeds, formats="json", outdir=out, jobs=1, skip_existing=True)
    assert again.ok and again.skipped == 5 and again.written == 0


def test_existing_output_survives_a_failed_conversion(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "bad.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    out = tmp_path / "out"
    out.mkdir()
    (out / "bad.json").write_text("the old, complete output", encoding="utf-8")
    report = convert(src, formats="json", outdir=out, jobs=1)
    assert report.exit_code == 1
    assert (out / "bad.json").read_text(encoding="utf-8") == "the old, complete output"
    assert part_files(out) == []


def test_a_failing_writer_loses_no_other_output(seeds: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    task = ConvertTask(
        source=str(seeds / "000_5c3f93aa5334f7f2.txt"), label="000.txt", reader="ocr",
        outputs=(
            PlannedOutput(str(out / "x.json"), "json"),
            PlannedOutput(str(out / "x.txt"), "txt", variant="zh-Klingon"),
            PlannedOutput(str(out / "x.txt"), "txt"),
        ),
    )
    from digestconv.batch import convert_one

    result = convert_one(task)
    assert [o.status for o in result.outputs] == ["written", "failed", "written"]
    assert "zh-Klingon" in result.outputs[1].reason
    assert (out / "x.json").exists() and (out / "x.txt").exists()


# ---------------------------------------------------------------- the command line


def make_mixed_folder(folder: Path) -> None:
    folder.mkdir()
    for seed in sorted(SEEDS.glob("*.txt"))[:3]:
        shutil.copy(seed, folder / seed.name)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 16)
    (folder / "latin1.txt").write_bytes("Gr\xfc\xdfe aus M\xfcnchen, caf\xe9 cr\xe8me".encode("latin-1"))
    (folder / "broken.json").write_text('{"schema": "digestconv/1", "blocks": [', encoding="utf-8")


def test_cli_mixed_good_and_bad_files(tmp_path: Path) -> None:
    src = tmp_path / "in"
    make_mixed_folder(src)
    out = tmp_path / "out"
    report_path = tmp_path / "report.json"
    result = cli("convert", src, "--to", "json,txt", "-o", out, "-j", "2", "--report", report_path)
    err = stderr_of(result)
    assert result.returncode == 1, err
    assert "Traceback" not in err
    # non-TTY: one log line per file, then the summary and one line per failure
    assert sum(line.startswith("[") for line in err.splitlines()) == 7
    # an empty file may convert to an empty document or fail with a reason; either is clean
    empty_converted = (out / "empty.json").exists()
    if empty_converted:
        assert not any(load_json_document(out / "empty.json").text_blocks())
    else:
        assert any(line.startswith("  ") and "empty.txt" in line for line in err.splitlines())
    written = 6 + 2 * empty_converted
    assert f"7 files, {written} outputs written" in err
    for bad in ("binary.txt", "latin1.txt", "broken.json"):
        failure = [line for line in err.splitlines() if line.startswith("  ") and bad in line]
        assert len(failure) == 1, (bad, err)
        assert not (out / f"{Path(bad).stem}.json").exists()
    assert "not valid JSON" in err
    for seed in sorted(SEEDS.glob("*.txt"))[:3]:
        assert load_json_document(out / f"{seed.stem}.json").meta.source == seed.name
    assert part_files(out) == []
    report = json.loads(report_path.read_text(encoding="utf-8"))
    assert report["exit_code"] == 1 and report["files"] == 7 and report["outputs"] == written
    assert len(report["failures"]) == report["failed_files"] >= 3


def test_cli_exit_codes(seeds: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    ok = cli("convert", seeds / "000_5c3f93aa5334f7f2.txt", "--to", "json", "-o", out, "-q")
    assert ok.returncode == 0 and ok.stderr == b""  # quiet: nothing to say when all went well
    for args, message in [
        ((), "no inputs given"),
        ((tmp_path / "nothing-here",), "no inputs found"),
        ((seeds, "--to", "docz"), "unknown format 'docz'"),
        ((seeds, "--to", "json", "--variant", "zh-XX"), "unknown variant 'zh-XX'"),
        ((seeds, "--to", "json", "-j", "-3"), "-3"),
        ((seeds, "--to", "json", "--font", "nofamily"), "ROLE=FAMILY"),
        ((seeds, "--to", "json", "--font", "bodyy=Noto Serif CJK SC"), "unknown font role"),
        ((seeds, "--to", "json", "--style", "no-such-style"), "unknown style 'no-such-style'"),
        ((seeds, "--to", "json", "--disable", "no-such-rule"), "unknown rule 'no-such-rule'"),
        ((seeds, "--to", "json", "--scheduler", "tcp://127.0.0.1:1"), "--scheduler needs --executor dask"),
    ]:
        result = cli("convert", *args, "-o", out)
        assert result.returncode == 2, (args, stderr_of(result))
        assert message in stderr_of(result), (args, stderr_of(result))
        assert "Traceback" not in stderr_of(result)
    assert sorted(p.name for p in out.iterdir()) == ["000_5c3f93aa5334f7f2.json"]


def test_cli_reads_standard_input(tmp_path: Path) -> None:
    text = (SEEDS / "000_5c3f93aa5334f7f2.txt").read_bytes()
    result = cli("convert", "-", "--to", "json", "--variant", "zh-Hans,zh-TW", "-o", tmp_path, stdin=text)
    assert result.returncode == 0, stderr_of(result)
    assert load_json_document(tmp_path / "stdin.json").meta.lang == "zh-Hans"
    assert load_json_document(tmp_path / "stdin.zh-TW.json").meta.lang == "zh-TW"


def test_cli_expands_glob_patterns_itself(seeds: Path, tmp_path: Path) -> None:
    # No shell here: the pattern reaches digestconv as it is, as on Windows.
    result = cli("convert", str(seeds / "00[12]_*.txt"), "--to", "txt", "-o", tmp_path / "out", "-v")
    assert result.returncode == 0, stderr_of(result)
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "001_40a999470f34a1c1.txt", "002_d0193143c18a3c8a.txt",
    ]
    assert "written" in stderr_of(result)  # -v lists each output
    missing = cli("convert", str(seeds / "*.nothing"), seeds / "000_5c3f93aa5334f7f2.txt", "--to", "txt",
                  "-o", tmp_path / "out2")
    assert missing.returncode == 1
    assert "no file matches this pattern" in stderr_of(missing)


@pytest.mark.parametrize(("how", "code"), [("ctrl-c", 130), ("sigterm", 143)])
def test_interrupt_leaves_no_partial_file(tmp_path: Path, how: str, code: int) -> None:
    src = tmp_path / "in"
    src.mkdir()
    seed = (SEEDS / "001_40a999470f34a1c1.txt").read_bytes()
    for n in range(60):
        # big enough that each file takes a while, so the signal lands mid-write
        (src / f"page{n:03}.txt").write_bytes(seed * 40)
    out = tmp_path / "out"
    script = Path(sys.executable).with_name("digestconv")
    process = subprocess.Popen(
        [str(script), "convert", str(src), "--to", "json,txt", "--variant", "all", "-o", str(out), "-j", "2"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (out.exists() and any(out.glob("*.json"))):
        time.sleep(0.02)
    if how == "ctrl-c":
        os.killpg(process.pid, signal.SIGINT)  # what a terminal's Ctrl-C does: the whole process group
    else:
        process.terminate()  # what kill, timeout or a batch system does: the main process only
    _, err_bytes = process.communicate(timeout=60)
    err = err_bytes.decode("utf-8", "replace")
    assert process.returncode == code, err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    prefix = "digestconv: interrupted: " if how == "ctrl-c" else "digestconv: stopped by SIGTERM: "
    [summary] = [line for line in err.splitlines() if line.startswith(prefix)]
    assert "no partial files left" in summary
    assert part_files(out) == []
    written = list(out.glob("*.json"))
    assert 0 < len(written) < 60 * 4
    # the summary counts what is really there, including outputs of files cut short
    written_count = int(re.search(r", (\d+) outputs? written", summary).group(1))
    assert written_count == len(list(out.iterdir()))
    for path in written:
        load_json_document(path)  # every output there is complete


# ---------------------------------------------------------------- runner and executors


def crash_on_poison(task: ConvertTask) -> FileResult:
    """A task function that kills its worker mid-write for one input, as a segfault or SIGKILL would."""
    if "poison" in task.label:
        target = Path(task.outputs[0].path)
        target.parent.mkdir(parents=True, exist_ok=True)
        (target.parent / f".{target.name}.k1ll3d__.part").write_bytes(b"half a file")
        os._exit(3)
    return FileResult(task.label, seconds=0.0)


def test_a_crashing_worker_fails_only_its_own_file(tmp_path: Path) -> None:
    tasks = [ConvertTask(source=name, label=name, outputs=(PlannedOutput(str(tmp_path / f"{name}.json"), "json"),))
             for name in ("a", "b", "poison", "c", "d", "e")]
    seen: list[str] = []
    results = run_tasks(tasks, ExecutorSpec("local", jobs=2), lambda r: seen.append(r.input), fn=crash_on_poison)
    assert [r.input for r in results] == ["a", "b", "poison", "c", "d", "e"]
    assert [r.ok for r in results] == [True, True, False, True, True, True]
    assert "worker process died" in results[2].error
    assert sorted(seen) == sorted(r.input for r in results)
    assert part_files(tmp_path) == []  # what the dead worker left half-written is swept away


def test_jobs_zero_means_one_worker_per_core() -> None:
    assert ExecutorSpec("local", jobs=0).workers() == ExecutorSpec("local").workers() >= 1
    assert ExecutorSpec("local", jobs=0).workers(tasks=1) == 1
    assert ExecutorSpec("local", jobs=3).workers(tasks=10) == 3


# ---------------------------------------------------------------- progress display


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def sample_results() -> list[FileResult]:
    from digestconv.batch import OutputResult

    good = FileResult("a.txt", (OutputResult("out/a.json", "json", "zh-Hans", "written"),), seconds=0.5)
    bad = FileResult("b.txt", (OutputResult("out/b.json", "json", "zh-Hans", "failed", "binary data"),),
                     error="binary data", seconds=0.1)
    return [good, bad]


def test_progress_is_a_bar_on_a_terminal_and_log_lines_elsewhere() -> None:
    terminal = FakeTerminal()
    bar = make_progress(2, stream=terminal)
    assert isinstance(bar, BarProgress)
    with bar:
        for result in sample_results():
            bar.update(result)
    shown = terminal.getvalue()
    assert "Converting" in shown and "2/2" in shown and "1 outputs, 1 failed" in shown

    log = io.StringIO()
    progress = make_progress(2, stream=log)
    assert isinstance(progress, LogProgress)
    with progress:
        for result in sample_results():
            progress.update(result)
    assert log.getvalue().splitlines() == [
        "[1/2] ok a.txt: 1 written (0.50 s)",
        "[2/2] FAILED b.txt: binary data",
    ]

    quiet = io.StringIO()
    with make_progress(2, quiet=True, stream=quiet) as progress:
        for result in sample_results():
            progress.update(result)
    assert quiet.getvalue() == "digestconv: failed: b.txt: binary data\n"


# ---------------------------------------------------------------- every format, read back


@pytest.mark.slow
def test_all_formats_in_simplified_and_traditional_read_back(tmp_path: Path) -> None:
    import zipfile

    import docx
    from pypdf import PdfReader

    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(SEEDS / "002_d0193143c18a3c8a.txt", src / "page.txt")
    out = tmp_path / "out"
    result = cli("convert", src, "--to", "all", "--variant", "zh-Hans,zh-TW", "-o", out, "-j", "2")
    assert result.returncode == 0, stderr_of(result)
    assert sorted(p.name for p in out.iterdir()) == sorted(
        f"page{tag}.{ext}" for tag in ("", ".zh-TW") for ext in ("docx", "epub", "pdf", "html", "md", "json")
    )
    for tag, word in (("", "哈萨克斯坦"), (".zh-TW", "哈薩克")):
        texts = {
            "docx": "\n".join(p.text for p in docx.Document(str(out / f"page{tag}.docx")).paragraphs),
            "epub": "\n".join(
                zipfile.ZipFile(out / f"page{tag}.epub").read(name).decode("utf-8")
                for name in zipfile.ZipFile(out / f"page{tag}.epub").namelist() if name.endswith(".xhtml")
            ),
            "pdf": "".join(page.extract_text() for page in PdfReader(out / f"page{tag}.pdf").pages).replace("\n", ""),
            "html": (out / f"page{tag}.html").read_text(encoding="utf-8"),
            "md": (out / f"page{tag}.md").read_text(encoding="utf-8"),
            "json": (out / f"page{tag}.json").read_text(encoding="utf-8"),
        }
        for fmt, text in texts.items():
            assert word in text, (fmt, tag)


def test_fixes_file_is_applied_to_every_output(tmp_path: Path) -> None:
    fixes = tmp_path / "fixes.toml"
    fixes.write_text('[replace]\n"独立官" = "独立宫"\n', encoding="utf-8")
    seed = SEEDS / "002_d0193143c18a3c8a.txt"
    assert "独立官" in seed.read_text(encoding="utf-8")
    out = tmp_path / "out"
    result = cli("convert", seed, "--to", "txt", "--variant", "zh-Hans,zh-TW", "--fixes", fixes, "-o", out)
    assert result.returncode == 0, stderr_of(result)
    hans = (out / "002_d0193143c18a3c8a.txt").read_text(encoding="utf-8")
    assert "独立宫" in hans and "独立官" not in hans
    assert "獨立宮" in (out / "002_d0193143c18a3c8a.zh-TW.txt").read_text(encoding="utf-8")
    fixes.write_text("[replace\n", encoding="utf-8")
    broken = cli("convert", seed, "--to", "txt", "--fixes", fixes, "-o", tmp_path / "out2")
    assert broken.returncode == 2
    assert stderr_of(broken).startswith("digestconv: error: ") and "not a valid TOML" in stderr_of(broken)
    assert not (tmp_path / "out2").exists()


def test_disable_and_quotes_reach_the_normalizer_and_the_variants(tmp_path: Path) -> None:
    src = tmp_path / "page.txt"
    src.write_text("他说：“今天是６月１７日。”\n", encoding="utf-8")

    def text_of(outdir: Path, name: str) -> str:
        return "".join(b.text for b in load_json_document(outdir / name).text_blocks())

    convert(src, formats="json", variants="zh-Hans,zh-TW", outdir=tmp_path / "a", jobs=1)
    assert "6月17日" in text_of(tmp_path / "a", "page.json")
    assert "「" in text_of(tmp_path / "a", "page.zh-TW.json")
    convert(src, formats="json", variants="zh-Hans,zh-TW", outdir=tmp_path / "b", jobs=1,
            disable=["fullwidth-alnum"], quotes="keep")
    assert "６月１７日" in text_of(tmp_path / "b", "page.json")
    assert "“" in text_of(tmp_path / "b", "page.zh-TW.json") and "「" not in text_of(tmp_path / "b", "page.zh-TW.json")
