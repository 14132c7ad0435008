"""The inputs under review and the app's settings."""

from __future__ import annotations

import secrets
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from digestconv.review.session import PageSession


@dataclass
class ReviewConfig:
    """What the app serves and where exports go."""

    inputs: list[Path]
    outdir: Path
    language: str = "zh-Hans"
    style: str = "handout"
    token: str = field(default_factory=lambda: secrets.token_urlsafe(24))


class Pages:
    """The inputs' review sessions, opened on first use (or ahead of it, by :meth:`warm`)."""

    def __init__(self, inputs: Sequence[Path]) -> None:
        self.inputs = list(inputs)
        self._sessions: dict[int, PageSession] = {}
        self._errors: dict[int, str] = {}
        self._lock = threading.Lock()

    def get(self, index: int) -> PageSession:
        """The session of input ``index``; ``KeyError`` for a number that names no input."""
        if not 0 <= index < len(self.inputs):
            raise KeyError(index)
        with self._lock:
            if index not in self._sessions:
                session = PageSession.open(self.inputs[index])
                _ = session.current  # the rows, drawn ahead of the first request
                self._sessions[index] = session
            return self._sessions[index]

    def error(self, index: int) -> str | None:
        """Why input ``index`` cannot be reviewed, or None."""
        try:
            self.get(index)
        except Exception as exc:  # a bad input shows as one line in the queue, the rest goes on
            self._errors[index] = str(exc) or type(exc).__name__
        return self._errors.get(index)

    def warm(self) -> threading.Thread:
        """Open every session in the background, so the pages open at once."""
        thread = threading.Thread(target=lambda: [self.error(k) for k in range(len(self.inputs))], daemon=True)
        thread.start()
        return thread
