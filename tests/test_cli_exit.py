"""The console command's exit: statuses kept, output flushed, the interpreter's teardown skipped."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

import digestconv.cli as cli


class Exited(Exception):
    """Raised by the stand-in for ``os._exit``."""


@pytest.mark.parametrize(("code", "status"), [(None, 0), (0, 0), (1, 1), (2, 2), (130, 130), (256 + 3, 3)])
def test_exit_status_is_what_sys_exit_gives(code: object, status: int) -> None:
    assert cli.exit_status(code) == status


def test_a_message_as_exit_code_is_printed_and_fails(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.exit_status("broken") == 1
    assert capsys.readouterr().err == "broken\n"


def _patched_run(monkeypatch: pytest.MonkeyPatch, command: object) -> list[str]:
    calls: list[str] = []

    def fake_exit(status: int) -> None:
        calls.append(f"os._exit({status})")
        raise Exited

    monkeypatch.setattr(cli, "main", command)
    monkeypatch.setattr(cli.atexit, "_run_exitfuncs", lambda: calls.append("atexit"))
    monkeypatch.setattr(cli.os, "_exit", fake_exit)
    return calls


def test_run_runs_the_exit_handlers_then_ends_the_process_with_the_status(monkeypatch: pytest.MonkeyPatch) -> None:
    def command() -> None:
        raise SystemExit(2)

    calls = _patched_run(monkeypatch, command)
    with pytest.raises(Exited):
        cli.run()
    assert calls == ["atexit", "os._exit(2)"]


def test_run_exits_as_usual_while_a_thread_that_is_not_a_daemon_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    release = threading.Event()
    worker = threading.Thread(target=release.wait, daemon=False)

    def command() -> None:
        worker.start()
        raise SystemExit(1)

    calls = _patched_run(monkeypatch, command)
    try:
        with pytest.raises(SystemExit) as exited:
            cli.run()
    finally:
        release.set()
        worker.join()
    assert exited.value.code == 1
    assert calls == []  # neither the handlers nor os._exit: the interpreter's own exit joins the thread


def _module_command(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "digestconv.cli", *args], capture_output=True, text=True,
                          timeout=120, check=False)


def test_piped_output_is_complete(tmp_path: Path) -> None:
    done = _module_command("rules")
    expected = CliRunner().invoke(cli.main, ["rules"], catch_exceptions=False).output
    assert done.returncode == 0
    assert done.stdout == expected
    assert len(done.stdout.splitlines()) > 50


def test_what_a_command_wrote_without_flushing_reaches_a_pipe() -> None:
    # click flushes its own writes; run() must flush what anything else left in the buffer
    code = ("import sys, digestconv.cli as cli\n"
            "def command():\n    sys.stdout.write('x' * 100)\n    raise SystemExit(0)\n"
            "cli.main = command\ncli.run()\n")
    buffered = {key: value for key, value in os.environ.items() if key != "PYTHONUNBUFFERED"}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False,
                          env=buffered)
    assert (done.returncode, done.stdout) == (0, "x" * 100)


def test_failures_keep_their_status_and_message(tmp_path: Path) -> None:
    unreadable = tmp_path / "folder.txt"
    unreadable.mkdir()
    done = _module_command("normalize", str(unreadable))
    assert done.returncode == 1
    assert "folder.txt" in done.stderr and "Traceback" not in done.stderr
    assert _module_command("convert", "--no-such-option").returncode == 2


def test_a_converted_file_is_whole_after_the_fast_exit(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text("标题\n\n第一段文字。\n", encoding="utf-8")
    done = _module_command("convert", str(source), "--to", "json,docx", "-o", str(tmp_path / "out"))
    assert done.returncode == 0, done.stderr
    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert written == ["a.docx", "a.json"]
    assert (tmp_path / "out" / "a.json").read_text(encoding="utf-8").rstrip().endswith("}")
