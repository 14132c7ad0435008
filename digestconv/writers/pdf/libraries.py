"""WeasyPrint's native libraries found from the dynamic loader's cache, not by running compilers.

WeasyPrint opens GObject, Pango, HarfBuzz, fontconfig and PangoFT2 by trying
several names for each, most of which do not exist on a given system.  cffi asks
``ctypes.util.find_library`` about each name, which on Linux runs ``ldconfig -p``,
then ``gcc`` and ``ld`` before it gives up on one: some fifty programs and a third
of a second at the start of every process that writes a PDF.

While ``weasyprint.text.ffi`` (the module that opens them) runs, :func:`install`
has those names answered from one reading of ``ldconfig -p``; a name missing there
is missing (WeasyPrint's later candidates, the libraries' file names, are opened by
the dynamic loader itself).  Should a library still fail to open, the module runs
again with the standard lookup, so whatever loads without this loads with it.  The
lookup and standard output are swapped for the whole process while the module runs,
so a process with other threads running (which could look up or print meanwhile)
gets the standard lookup.
"""

from __future__ import annotations

import contextlib
import ctypes.util
import functools
import importlib.abc
import importlib.machinery
import io
import re
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from types import ModuleType
from typing import Any

FFI_MODULE = "weasyprint.text.ffi"
LDCONFIG = "/sbin/ldconfig"


def install() -> None:
    """Have the next import of WeasyPrint's library module use the quick lookup (Linux; idempotent)."""
    if not sys.platform.startswith("linux") or FFI_MODULE in sys.modules:
        return
    if not any(isinstance(finder, _FfiFinder) for finder in sys.meta_path):
        sys.meta_path.insert(0, _FfiFinder())


@functools.cache
def _loader_cache() -> bytes:
    """What ``ldconfig -p`` lists (empty when it cannot be run)."""
    try:
        done = subprocess.run([LDCONFIG, "-p"], capture_output=True, env={"LC_ALL": "C", "LANG": "C"},
                              stdin=subprocess.DEVNULL, timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return b""
    return done.stdout


def cached_soname(name: str) -> str | None:
    """The file name (``libNAME.so.N``) the loader's cache has for library ``name``, as find_library gives it."""
    found = re.search(rb"\s(lib" + re.escape(name.encode()) + rb"\.[^\s]+)\s+\(", _loader_cache())
    return found.group(1).decode() if found else None


@contextlib.contextmanager
def _lookup(find: Callable[[str], str | None]) -> Iterator[None]:
    stock = ctypes.util.find_library
    ctypes.util.find_library = find  # type: ignore[assignment]  # a function, to mypy, not a variable
    try:
        yield
    finally:
        ctypes.util.find_library = stock


class _QuickLookupLoader(importlib.abc.Loader):
    """Runs the module with the quick lookup, and once more with the standard one if a library failed to open."""

    def __init__(self, loader: Any) -> None:
        self._loader = loader

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType | None:
        """The module object, as the wrapped loader makes it."""
        made: ModuleType | None = self._loader.create_module(spec)
        return made

    def exec_module(self, module: ModuleType) -> None:
        """Run the module's code: first with library names from the loader's cache (one thread only)."""
        if threading.active_count() > 1:
            self._loader.exec_module(module)
            return
        try:
            # WeasyPrint prints its installation help before it raises: not on the first try
            with _lookup(cached_soname), contextlib.redirect_stdout(io.StringIO()):
                self._loader.exec_module(module)
        except OSError:
            self._loader.exec_module(module)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._loader, name)  # get_source, get_filename... for tracebacks and tools


class _FfiFinder(importlib.abc.MetaPathFinder):
    """Finds ``weasyprint.text.ffi`` as the other finders do, and hands it to :class:`_QuickLookupLoader`."""

    def find_spec(self, fullname: str, path: Sequence[str] | None,
                  target: ModuleType | None = None) -> importlib.machinery.ModuleSpec | None:
        """The module's usual spec, with the loader wrapped; None for every other module."""
        if fullname != FFI_MODULE:
            return None
        spec = importlib.machinery.PathFinder.find_spec(fullname, path, target)
        if spec is not None and spec.loader is not None:
            spec.loader = _QuickLookupLoader(spec.loader)
        return spec
