"""The inputs under review and the app's settings."""

from __future__ import annotations

import secrets
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from digestconv.review.i18n import Words
from digestconv.review.session import PageSession
from digestconv.review.view import RowPainter


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

    def __init__(self, inputs: Sequence[Path], language: str = "zh-Hans") -> None:
        self.inputs = list(inputs)
        self.language = language  # the language whose rows :meth:`warm` draws ahead
        self._painters: dict[str, RowPainter] = {}
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

    def painter(self, language: str) -> RowPainter:
        """The row painter of ``language`` (it remembers the rows it drew)."""
        with self._lock:
            if language not in self._painters:
                self._painters[language] = RowPainter(Words(language))
            return self._painters[language]

    def warm(self) -> threading.Thread:
        """Open every session and draw its rows in the background, so the pages open at once."""

        def work() -> None:
            for k in range(len(self.inputs)):
                if self.error(k) is None:
                    self.painter(self.language)(self.get(k).current.rows)

        thread = threading.Thread(target=work, daemon=True)
        thread.start()
        return thread
