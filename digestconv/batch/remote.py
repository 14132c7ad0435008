"""Inputs and outputs named by fsspec URLs (``s3://…``, ``memory://…``, ``file://…``), and tasks that carry their data.

A cluster whose workers share no file system with the client still converts:
the client reads each input and ships its bytes with the task, the worker sends
the outputs' bytes back, and the client stores them where ``-o`` says — a local
folder, or any file system fsspec knows.  So the workers need digestconv and
nothing else: no mount, no credentials.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import replace
from pathlib import PurePosixPath
from typing import Any

from digestconv.batch.tasks import ConvertTask, FileResult, OutputResult, dated_options, describe_error
from digestconv.errors import InputError

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+://")
_GLOB_CHARS = frozenset("*?[")


def is_url(text: str | os.PathLike[str]) -> bool:
    """True for ``scheme://…`` (two letters at least, so that ``C:\\`` stays a path)."""
    return bool(_URL.match(os.fspath(text)))


def _fs(url: str) -> tuple[Any, str]:
    try:
        import fsspec  # type: ignore[import-untyped]
    except ImportError:
        raise InputError("URLs need fsspec: pip install fsspec", url) from None
    try:
        fs, path = fsspec.core.url_to_fs(url)
        return fs, str(path)
    except (ImportError, ValueError) as exc:  # an unknown protocol, or its package missing
        raise InputError(f"cannot open this URL ({exc})", url) from None


def check_url(url: str) -> None:
    """Raise :class:`InputError` when fsspec cannot open ``url``'s file system."""
    _fs(url)


def find_url_inputs(url: str, extensions: tuple[str, ...]) -> list[tuple[str, str, str]]:
    """``(url, sub-folder, stem)`` of the inputs ``url`` names: a file, a folder walked, or a glob pattern."""
    fs, path = _fs(url)
    if _GLOB_CHARS & set(path):
        matches = [m for m in sorted(fs.glob(path)) if fs.isfile(m) and m.lower().endswith(extensions)]
        return [(fs.unstrip_protocol(m), "", PurePosixPath(m).stem) for m in matches]
    if fs.isdir(path):
        found = []
        for match in sorted(fs.find(path)):
            relative = PurePosixPath(match).relative_to(PurePosixPath(path.rstrip("/") or "/"))
            if any(part.startswith(".") for part in relative.parts) or not match.lower().endswith(extensions):
                continue
            subdir = str(relative.parent)
            found.append((fs.unstrip_protocol(match), "" if subdir == "." else subdir, relative.stem))
        return found
    if fs.isfile(path):
        return [(fs.unstrip_protocol(path), "", PurePosixPath(path).stem)]
    return []


def url_size(url: str) -> int:
    """The size of the file at ``url`` in bytes (0 when it cannot be told)."""
    try:
        fs, path = _fs(url)
        return int(fs.size(path) or 0)
    except (OSError, InputError):
        return 0


def url_exists(url: str) -> bool:
    """True when something is stored at ``url``."""
    fs, path = _fs(url)
    return bool(fs.exists(path))


def read_url(url: str, max_size: int) -> bytes:
    """The bytes at ``url``, at most ``max_size`` of them, with one-line errors."""
    fs, path = _fs(url)
    try:
        with fs.open(path, "rb") as stream:
            data: bytes = stream.read(max_size + 1)
    except FileNotFoundError:
        raise InputError("no such file", url) from None
    except (OSError, ValueError) as exc:
        raise InputError(f"cannot read: {exc}", url) from None
    if len(data) > max_size:
        raise InputError(f"larger than the input limit of {max_size:,} bytes", url)
    return data


def store(target: str, data: bytes) -> None:
    """Write ``data`` to ``target`` (a path or URL) whole or not at all."""
    from digestconv.atomic import atomic_output

    if is_url(target):
        fs, path = _fs(target)
        protocols = (fs.protocol,) if isinstance(fs.protocol, str) else tuple(fs.protocol)
        if "file" in protocols:
            target = path  # a local file: renamed into place like every other output
        else:
            # object stores publish an object only when it is closed: no half file is ever seen
            parent = path.rsplit("/", 1)[0]
            if parent:
                fs.makedirs(parent, exist_ok=True)
            with fs.open(path, "wb") as stream:
                stream.write(data)
            return
    with atomic_output(target) as stream:
        stream.write(data)


def with_input_data(task: ConvertTask) -> ConvertTask:
    """``task`` carrying its input's bytes, read here (the client), for a worker that cannot see the file."""
    if task.data is not None:
        return task
    if is_url(task.source):
        return replace(task, data=read_url(task.source, task.max_size))
    from digestconv.readers._input import read_input_bytes

    # the file's date travels with its bytes, so a worker dates the outputs as a local run does
    return replace(task, data=read_input_bytes(task.source, task.max_size), write_options=dated_options(task))


def store_outputs(result: FileResult) -> FileResult:
    """Store the outputs a worker sent back as bytes; one that cannot be stored fails with the reason."""
    if not any(o.data is not None for o in result.outputs):
        return result
    outputs = []
    for output in result.outputs:
        if output.data is None:
            outputs.append(output)
            continue
        try:
            store(output.path, output.data)
        except Exception as exc:
            outputs.append(OutputResult(output.path, output.format, output.variant, "failed",
                                        describe_error(exc, result.input)))
            continue
        outputs.append(replace(output, data=None))
    return replace(result, outputs=tuple(outputs))


def any_url(paths: Iterable[str]) -> bool:
    """True when one of ``paths`` is a URL."""
    return any(is_url(p) for p in paths)
