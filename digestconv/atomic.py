"""Atomic output: a file appears whole under its name, or not at all."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO


@contextlib.contextmanager
def _about(target: Path) -> Iterator[None]:
    """Report a failure of the file system under the output's name, not its temporary file's."""
    try:
        yield
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror or str(exc), str(target)) from None


@contextlib.contextmanager
def atomic_output(path: str | os.PathLike[str]) -> Iterator[BinaryIO]:
    """Open a temporary file beside ``path``; rename it into place only on success.

    On any exception (KeyboardInterrupt included) the temporary file is removed and
    an existing ``path`` is left untouched.
    """
    target = Path(path)
    with _about(target):
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as stream:
            yield stream
            with _about(target):
                stream.flush()
                os.fsync(stream.fileno())
        with _about(target):
            os.chmod(tmp, 0o644)
            os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
