"""A review server running in a thread for the tests, on a free port of 127.0.0.1."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from digestconv.review.pages import Pages, ReviewConfig
from digestconv.review.server import serving


@dataclass
class Running:
    """A running review app."""

    base: str
    config: ReviewConfig
    port: int

    def url(self, path: str, **params: str) -> str:
        """The address of ``path`` with the token (and ``params``)."""
        query = "&".join(f"{k}={v}" for k, v in {"token": self.config.token, **params}.items())
        return f"{self.base}{path}?{query}"

    def get(self, path: str, *, token: bool = True, headers: dict[str, str] | None = None) -> tuple[int, bytes]:
        """Status and body of a GET."""
        address = self.url(path) if token else self.base + path
        return _fetch(urllib.request.Request(address, headers=headers or {}))

    def post(self, path: str, payload: dict[str, Any]) -> tuple[int, Any]:
        """Status and JSON answer of a POST."""
        request = urllib.request.Request(self.url(path), data=json.dumps(payload).encode(), method="POST",
                                         headers={"Content-Type": "application/json"})
        status, body = _fetch(request)
        return status, json.loads(body)


def _fetch(request: urllib.request.Request) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(request, timeout=120) as answer:
            return answer.status, answer.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


@contextmanager
def running_review(inputs: list[Path], outdir: Path, *, language: str = "zh-Hans", warm: bool = True) -> Iterator[Running]:
    """Serve ``inputs`` for the duration of the block."""
    config = ReviewConfig(inputs, outdir, language)
    pages = Pages(inputs, language)
    if warm:
        pages.warm().join()
    with serving(config, pages) as base:
        yield Running(base, config, int(base.rsplit(":", 1)[1]))
