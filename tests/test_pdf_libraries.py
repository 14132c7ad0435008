"""WeasyPrint's native libraries are found from the loader's cache: one program run, the same libraries opened."""

from __future__ import annotations

import ctypes.util
import json
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from digestconv.writers.pdf import libraries

ROOT = Path(__file__).resolve().parent.parent
LINUX = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the quick lookup is for Linux")

# Imports WeasyPrint (after digestconv's PDF writer when argv[1] is "digestconv") and prints
# how many programs it ran, which of its libraries it opened and the files they came from.
OPEN_LIBRARIES = """
import json, subprocess, sys
started = []
stock = subprocess.Popen.__init__
def counted(self, *args, **kwargs):
    started.append(args[0] if args else kwargs.get("args"))
    stock(self, *args, **kwargs)
subprocess.Popen.__init__ = counted
if sys.argv[1] == "digestconv":
    import digestconv.writers.pdf
import weasyprint
from weasyprint.text import ffi
names = ("gobject", "pango", "harfbuzz", "harfbuzz_subset", "harfbuzz_vector", "fontconfig", "pangoft2")
with open("/proc/self/maps", encoding="utf-8") as maps:
    files = sorted({line.split()[-1] for line in maps if any(k in line for k in ("pango", "harfbuzz", "fontconfig", "gobject"))})
print(json.dumps({"programs": len(started), "opened": {n: getattr(ffi, n, None) is not None for n in names},
                  "files": files, "loader": type(ffi.__loader__).__name__}))
"""


def _open_libraries(first: str) -> dict:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    run = subprocess.run([sys.executable, "-c", OPEN_LIBRARIES, first], capture_output=True, text=True,
                         env=env, timeout=120, check=True)
    return json.loads(run.stdout.strip().splitlines()[-1])


@LINUX
def test_weasyprint_runs_one_program_to_find_its_libraries_and_opens_the_same_ones() -> None:
    stock = _open_libraries("weasyprint")
    quick = _open_libraries("digestconv")
    assert stock["programs"] > 10  # ldconfig, gcc and ld for every name tried
    assert quick["programs"] <= 1  # ldconfig -p, once
    assert quick["loader"] == "_QuickLookupLoader"
    assert quick["opened"] == stock["opened"] and quick["opened"]["pango"]
    assert quick["files"] == stock["files"]


@LINUX
@pytest.mark.parametrize("name", ["pango-1.0", "harfbuzz", "fontconfig", "libgobject-2.0-0", "no-such-library-x"])
def test_the_cache_answers_as_find_library_does(name: str) -> None:
    assert libraries.cached_soname(name) == ctypes.util.find_library(name)


class FailsFirst:
    """A module loader whose module cannot open a library the first time it runs."""

    def __init__(self) -> None:
        self.lookups: list[object] = []

    def create_module(self, spec: object) -> None:
        return None

    def exec_module(self, module: ModuleType) -> None:
        self.lookups.append(ctypes.util.find_library)
        if len(self.lookups) == 1:
            print("WeasyPrint could not import some external libraries")
            raise OSError("cannot load library 'libpango-1.0-0'")

    def get_filename(self, name: str) -> str:
        return f"/somewhere/{name}.py"


def test_a_library_the_cache_misses_is_looked_for_again_the_standard_way(capsys: pytest.CaptureFixture[str],
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    # a single-threaded process, as at a user's first import (earlier tests may leave threads behind)
    monkeypatch.setattr(libraries.threading, "active_count", lambda: 1)
    stock = ctypes.util.find_library
    inner = FailsFirst()
    loader = libraries._QuickLookupLoader(inner)
    loader.exec_module(ModuleType("weasyprint.text.ffi"))
    assert inner.lookups == [libraries.cached_soname, stock]
    assert ctypes.util.find_library is stock  # put back
    assert capsys.readouterr().out == ""  # the first try's installation help is not shown
    assert loader.get_filename("ffi") == "/somewhere/ffi.py"  # the rest of the loader is the module's own


def test_with_other_threads_running_the_standard_lookup_is_used() -> None:
    import threading

    stock = ctypes.util.find_library
    inner = FailsFirst()
    inner.lookups.append("not the first run")  # runs without failing
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        libraries._QuickLookupLoader(inner).exec_module(ModuleType("weasyprint.text.ffi"))
    finally:
        release.set()
        other.join()
    assert inner.lookups[1:] == [stock]
