"""A review server running in a thread for the tests, on a free port of 127.0.0.1."""

from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import uvicorn

from digestconv.review.app import create_app
from digestconv.review.pages import Pages, ReviewConfig
from digestconv.review.server import bind


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
    pages = Pages(inputs)
    if warm:
        pages.warm().join()
    sock = bind(0)
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(config, pages), log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    try:
        yield Running(f"http://127.0.0.1:{port}", config, port)
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()
