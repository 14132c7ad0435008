"""The README's library example is code that runs: each ```python block is executed as written."""

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


def readme_blocks() -> list[str]:
    """The source of every ```python block in README.md, in order."""
    return FENCE.findall((PROJECT / "README.md").read_text(encoding="utf-8"))


def test_the_readme_has_a_library_example() -> None:
    blocks = readme_blocks()
    assert blocks and all("import digestconv" in block for block in blocks)


@pytest.mark.slow
def test_the_readme_example_runs_and_writes_what_it_says(tmp_path: Path) -> None:
    shutil.copytree(PROJECT / "seeds", tmp_path / "seeds")
    script = tmp_path / "example.py"
    # The blocks run in order as one script, in a fresh interpreter: the first thing a user would run.
    script.write_text("\n".join(readme_blocks()) + "\nprint('REPORT', report.exit_code, len(report.files))\n",
                      encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(PROJECT), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run([sys.executable, str(script)], cwd=tmp_path, capture_output=True, text=True, env=env,
                          timeout=600)
    assert done.returncode == 0, done.stderr
    out = tmp_path / "out"
    written = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    assert (out / "page.zh-TW.pdf").read_bytes().startswith(b"%PDF-")
    assert {"000_5c3f93aa5334f7f2.docx", "004_93aa3b5d04f4e9a6.zh-HK.pdf"} <= written
    assert len(written) == 1 + 5 * 2 * 2
    assert "REPORT 0 5" in done.stdout
