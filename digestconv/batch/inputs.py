"""Finding a batch's inputs: files, folders walked, glob patterns, standard input."""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from digestconv.batch.remote import find_url_inputs, is_url
from digestconv.batch.tasks import STDIN, FileResult
from digestconv.errors import InputError
from digestconv.readers._input import DEFAULT_MAX_SIZE, read_bounded

_GLOB_CHARS = frozenset("*?[")


@dataclass(frozen=True)
class InputFile:
    """One input found: its path (or ``-``), the sub-folder its outputs go to, and its stem."""

    source: str
    subdir: str
    stem: str
    data: bytes | None = None

    @property
    def label(self) -> str:
        """The name shown in messages."""
        return "stdin" if self.source == STDIN else self.source


def find_inputs(
    args: Sequence[str | os.PathLike[str]],
    *,
    extensions: Iterable[str],
    exclude: str | os.PathLike[str] | None = None,
    stdin: BinaryIO | None = None,
    max_size: int = DEFAULT_MAX_SIZE,
) -> tuple[list[InputFile], list[FileResult]]:
    """The inputs named by ``args`` (files, folders walked, globs, ``-``, fsspec URLs) and the arguments that named nothing.

    Folders yield the files whose extension is in ``extensions``, skipping hidden
    files and anything under ``exclude`` (the output folder); their sub-folder
    structure is kept so that same-named files do not collide.  A file reached
    twice is converted once.
    """
    exts = tuple(e.lower() for e in extensions)
    skip_dir = os.path.realpath(exclude) if exclude is not None else None
    found: list[InputFile] = []
    problems: list[FileResult] = []
    seen: set[str] = set()

    def add(item: InputFile) -> None:
        key = item.source if item.source == STDIN or is_url(item.source) else os.path.realpath(item.source)
        if key not in seen:
            seen.add(key)
            found.append(item)

    for arg in args:
        text = os.fspath(arg)
        if text == STDIN:
            try:
                add(InputFile(STDIN, "", "stdin", _read_stdin(stdin, max_size)))
            except InputError as exc:
                problems.append(FileResult("stdin", error=exc.reason))
        elif is_url(text):
            for item in _url_inputs(text, exts, problems):
                add(item)
        elif os.path.isdir(text):
            for item in _walk(text, exts, skip_dir, problems):
                add(item)
        elif os.path.lexists(text):
            add(InputFile(text, "", _stem(text)))
        elif _GLOB_CHARS & set(text):
            matches = sorted(glob.glob(text, recursive=True))
            if not matches:
                problems.append(FileResult(text, error="no file matches this pattern"))
            for match in matches:
                if os.path.isdir(match):
                    for item in _walk(match, exts, skip_dir, problems):
                        add(item)
                elif os.path.isfile(match) and match.lower().endswith(exts):  # `dir/*` means what can be read
                    add(InputFile(match, "", _stem(match)))
        else:
            problems.append(FileResult(text, error="no such file or folder"))
    return found, problems


def _url_inputs(url: str, exts: tuple[str, ...], problems: list[FileResult]) -> list[InputFile]:
    try:
        named = find_url_inputs(url, exts)
    except InputError as exc:
        problems.append(FileResult(url, error=exc.reason))
        return []
    if not named:
        missing = "no file matches this pattern" if _GLOB_CHARS & set(url) else "no such file or folder"
        problems.append(FileResult(url, error=missing))
    return [InputFile(found, subdir, stem) for found, subdir, stem in named]


def _read_stdin(stdin: BinaryIO | None, max_size: int) -> bytes:
    import sys

    stream = stdin if stdin is not None else sys.stdin.buffer
    return read_bounded(stream, max_size, "stdin")


def _walk(root: str, exts: tuple[str, ...], skip_dir: str | None, problems: list[FileResult]) -> Iterable[InputFile]:
    def unreadable(exc: OSError) -> None:
        problems.append(FileResult(exc.filename or root, error=f"cannot list folder: {exc.strerror or exc}"))

    for dirpath, dirnames, filenames in os.walk(root, onerror=unreadable):
        dirnames[:] = sorted(
            d for d in dirnames
            if not d.startswith(".") and os.path.realpath(os.path.join(dirpath, d)) != skip_dir
        )
        if skip_dir is not None and os.path.realpath(dirpath) == skip_dir:
            continue
        subdir = os.path.relpath(dirpath, root)
        subdir = "" if subdir == os.curdir else subdir
        for name in sorted(filenames):
            if name.startswith(".") or not name.lower().endswith(exts):
                continue
            path = os.path.join(dirpath, name)
            if not os.path.exists(path):
                problems.append(FileResult(path, error="broken symbolic link"))
            elif os.path.isfile(path):  # not a FIFO or device, whose reading could block forever
                yield InputFile(path, subdir, _stem(name))


def _stem(path: str) -> str:
    return Path(path).stem or Path(path).name
