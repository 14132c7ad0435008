"""Atomic output: a file appears whole under its name, or not at all."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

_HELD = (signal.SIGINT, signal.SIGTERM)


@contextlib.contextmanager
def signals_held() -> Iterator[None]:
    """Deliver a SIGINT or SIGTERM that arrives inside the block only once the block has finished.

    A file renamed into place and the note that it was written must not be split
    by an interrupt, or the batch report would count a complete output as lost.
    The signal's own handler runs on leaving the block (Python runs handlers only
    in the main thread; elsewhere the block is left as it is).
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    arrived: list[int] = []

    def note(signum: int, frame: Any) -> None:
        arrived.append(signum)

    previous = {signum: signal.signal(signum, note) for signum in _HELD}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, signal.SIG_DFL if handler is None else handler)  # None: set outside Python
        if arrived:
            signal.raise_signal(arrived[0])


@contextlib.contextmanager
def _about(target: Path) -> Iterator[None]:
    """Report a failure of the file system under the output's name, not its temporary file's."""
    try:
        yield
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror or str(exc), str(target)) from None


@contextlib.contextmanager
def atomic_output(
    path: str | os.PathLike[str], on_commit: Callable[[], None] | None = None
) -> Iterator[BinaryIO]:
    """Open a temporary file beside ``path``; rename it into place only on success.

    On any exception (KeyboardInterrupt included) the temporary file is removed and
    an existing ``path`` is left untouched.  ``on_commit`` runs right after the
    rename with Ctrl-C and SIGTERM held back, so that whoever records the output
    as written never misses one that is there.
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
            with signals_held():
                os.replace(tmp, target)
                if on_commit is not None:
                    on_commit()
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


# mkstemp's random part: eight characters of this set
_PART_NAME = re.compile(r"\.(?P<name>.+)\.[a-z0-9_]{8}\.part")
# a temporary file younger than this may belong to a run still going in the same folder
STALE_AFTER_S = 60.0


def remove_stale_parts(targets: Iterable[str | os.PathLike[str]], started: float) -> list[Path]:
    """Remove the temporary files a killed earlier run left for ``targets``; the removed paths.

    Only files named as :func:`atomic_output` names them, for one of ``targets``, and
    last modified :data:`STALE_AFTER_S` before ``started`` (a ``time.time()``) are touched.
    """
    wanted: dict[Path, set[str]] = {}
    for target in targets:
        path = Path(target)
        wanted.setdefault(path.parent, set()).add(path.name)
    removed: list[Path] = []
    for folder, names in wanted.items():
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue  # no folder yet, nothing left behind
        for entry in entries:
            match = _PART_NAME.fullmatch(entry.name)
            if not match or match["name"] not in names:
                continue
            with contextlib.suppress(OSError):
                if entry.is_file(follow_symlinks=False) and entry.stat().st_mtime < started - STALE_AFTER_S:
                    os.unlink(entry.path)
                    removed.append(Path(entry.path))
    return removed
