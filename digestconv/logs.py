"""digestconv's logging: one ``digestconv`` logger tree, and WeasyPrint's noise kept out of our own calls only.

The library never sets another library's level or installs a handler of its own
(only a ``NullHandler``, as the logging documentation asks of libraries); the command
line sets up a handler and the level from ``-v``/``-q``.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Iterator

LOGGER_NAME = "digestconv"

logging.getLogger(LOGGER_NAME).addHandler(logging.NullHandler())


def get_logger(name: str) -> logging.Logger:
    """The logger for a digestconv module (``digestconv.writers.pdf``), under the ``digestconv`` tree."""
    return logging.getLogger(name if name.startswith(LOGGER_NAME) else f"{LOGGER_NAME}.{name}")


class _OwnCallsFilter(logging.Filter):
    """Lets through records of other threads; ours, below ``floor``, are passed on to digestconv at DEBUG."""

    def __init__(self, thread: int, floor: int, target: logging.Logger) -> None:
        super().__init__()
        self.thread, self.floor, self.target = thread, floor, target

    def filter(self, record: logging.LogRecord) -> bool:
        """Whether ``record`` reaches WeasyPrint's handlers."""
        if record.thread != self.thread or record.levelno >= self.floor:
            return True
        if self.target.isEnabledFor(logging.DEBUG):
            self.target.debug("%s: %s", record.name, record.getMessage())
        return False


@contextlib.contextmanager
def quiet_library(name: str, floor: int = logging.ERROR) -> Iterator[None]:
    """While the block runs in this thread, ``name``'s records below ``floor`` become digestconv debug records.

    WeasyPrint warns about every CSS property it ignores (the styles' screen-only
    rules); those are not the user's problem.  The host application's own use of the
    library, in other threads or outside this block, is left exactly as it was.
    """
    logger = logging.getLogger(name)
    own = _OwnCallsFilter(threading.get_ident(), floor, get_logger(f"{LOGGER_NAME}.{name}"))
    logger.addFilter(own)
    try:
        yield
    finally:
        logger.removeFilter(own)
