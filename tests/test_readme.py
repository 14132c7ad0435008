"""The README's and docs/'s examples are code that runs.

Every ```python block of the README runs as written (in order, as one script); in the
README and in ``docs/*.md`` a ```sh or ```python block marked by a ``<!-- runnable -->``
line just above it runs too, each in a scratch folder holding the seeds and the examples,
with ``digestconv`` on the ``PATH`` running this checkout.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).parents[1]
FENCE = re.compile(r"^```python\n(.*?)^```", re.MULTILINE | re.DOTALL)
RUNNABLE = re.compile(r"^<!-- runnable -->\n```(python|sh)\n(.*?)^```", re.MULTILINE | re.DOTALL)
DOCS = sorted((PROJECT / "docs").glob("*.md"))


def readme_blocks() -> list[str]:
    """The source of every ```python block in README.md, in order."""
    return FENCE.findall((PROJECT / "README.md").read_text(encoding="utf-8"))


def runnable_blocks(path: Path) -> list[tuple[str, str]]:
    """``(language, source)`` of each block of ``path`` marked ``<!-- runnable -->``."""
    return RUNNABLE.findall(path.read_text(encoding="utf-8"))


def _scratch(tmp_path: Path) -> dict[str, str]:
    """Fill ``tmp_path`` with the seeds and examples; the environment that runs this checkout's CLI."""
    shutil.copytree(PROJECT / "seeds", tmp_path / "seeds")
    shutil.copytree(PROJECT / "examples", tmp_path / "examples", ignore=shutil.ignore_patterns("*.png"))
    bin_dir = tmp_path / ".bin"
    bin_dir.mkdir()
    shim = bin_dir / "digestconv"
    # named digestconv, as the console script is, so that shell completion finds its variable
    start = "from digestconv.cli import main; main(prog_name='digestconv')"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -c "{start}" "$@"\n', encoding="utf-8")
    shim.chmod(0o755)
    return {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
            "PYTHONPATH": os.pathsep.join([str(PROJECT), os.environ.get("PYTHONPATH", "")])}


def _run_block(language: str, source: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    if language == "sh":
        command = ["bash", "-e", "-u", "-o", "pipefail", "-c", source]
    else:
        (cwd / "block.py").write_text(source, encoding="utf-8")
        command = [sys.executable, "block.py"]
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=600, check=False)


def test_the_readme_has_a_library_example() -> None:
    blocks = readme_blocks()
    assert blocks and all("import digestconv" in block for block in blocks)


def test_the_docs_mark_examples_that_run() -> None:
    marked = {path.name for path in DOCS if runnable_blocks(path)}
    assert {"cli.md"} <= marked
    assert runnable_blocks(PROJECT / "README.md")


@pytest.mark.slow
def test_the_readme_example_runs_and_writes_what_it_says(tmp_path: Path) -> None:
    env = _scratch(tmp_path)
    # The blocks run in order as one script, in a fresh interpreter: the first thing a user would run.
    script = "\n".join(readme_blocks()) + "\nprint('REPORT', report.exit_code, len(report.files))\n"
    done = _run_block("python", script, tmp_path, env)
    assert done.returncode == 0, done.stderr
    out = tmp_path / "out"
    written = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    assert (out / "page.zh-TW.pdf").read_bytes().startswith(b"%PDF-")
    assert {"000_5c3f93aa5334f7f2.docx", "004_93aa3b5d04f4e9a6.zh-HK.pdf"} <= written
    assert len(written) == 1 + 5 * 2 * 2
    assert "REPORT 0 5" in done.stdout


@pytest.mark.slow
@pytest.mark.parametrize(("path", "index"), [
    pytest.param(path, i, id=f"{path.name}-{i}")
    for path in [PROJECT / "README.md", *DOCS] for i in range(len(runnable_blocks(path)))
])
def test_a_runnable_block_runs(path: Path, index: int, tmp_path: Path) -> None:
    language, source = runnable_blocks(path)[index]
    done = _run_block(language, source, tmp_path, _scratch(tmp_path))
    assert done.returncode == 0, f"{path.name} block {index + 1}:\n{source}\n{done.stdout}\n{done.stderr}"
