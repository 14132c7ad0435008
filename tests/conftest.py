"""Shared fixtures: the gold documents of ``../shared/gold``, and a helper that runs the CLI.

A test that takes a ``gold_path`` argument runs once per gold file; without the
shared corpus beside the project it is skipped, not failed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest

from digestconv.model import Document

PROJECT = Path(__file__).parents[1]
SHARED = PROJECT.parent / "shared"
GOLD_DIR = SHARED / "gold"
# The tests read the CLI's English messages: on a machine set to Chinese the CLI would speak
# Chinese (gettext reads LANGUAGE first; C means untranslated).  tests/test_cli_i18n.py sets its own.
os.environ["LANGUAGE"] = "C"
# digestconv keeps its dictionaries in the user's cache folder (~/.cache/digestconv): the tests,
# and the commands they start, keep theirs in a folder of their own that outlives a session
# (building them takes seconds) and never touch the home of whoever runs them.
os.environ["DIGESTCONV_CACHE_DIR"] = os.path.join(tempfile.gettempdir(), f"digestconv-test-cache-{os.getuid() if hasattr(os, 'getuid') else 0}")
# The console script of the interpreter running the tests (the project's venv).
CLI = Path(sys.executable).with_name("digestconv")


def gold_paths() -> list[Path]:
    """The gold JSON files, sorted; empty when the shared corpus is absent."""
    return sorted(GOLD_DIR.glob("*.json")) if GOLD_DIR.is_dir() else []


def load_json(path: Path) -> Any:
    """A JSON file's data."""
    return json.loads(path.read_text(encoding="utf-8"))


def run_cli(*args: str | Path, stdin: bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    """Run the ``digestconv`` command in a subprocess; output is captured as bytes, never checked.

    The venv's console script is used when installed, else ``python -m digestconv.cli``.
    """
    command = [str(CLI)] if CLI.exists() else [sys.executable, "-m", "digestconv.cli"]
    return subprocess.run(
        [*command, *map(str, args)], input=stdin, capture_output=True, cwd=cwd, timeout=120, check=False
    )


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Parametrize ``gold_path`` over the gold files (one skipped case when there are none)."""
    if "gold_path" not in metafunc.fixturenames:
        return
    paths = gold_paths()
    if paths:
        metafunc.parametrize("gold_path", paths, ids=[p.stem.split("_")[0] for p in paths])
    else:
        skip = pytest.mark.skip(reason=f"no gold documents in {GOLD_DIR}")
        metafunc.parametrize("gold_path", [pytest.param(None, marks=skip)], ids=["no-gold"])


@pytest.fixture(scope="session")
def gold_documents() -> dict[str, Document]:
    """Every gold document by file stem, loaded through ``Document.from_dict``."""
    paths = gold_paths()
    if not paths:
        pytest.skip(f"no gold documents in {GOLD_DIR}")
    return {p.stem: Document.from_dict(load_json(p)) for p in paths}
