"""Running the review app: uvicorn on a socket bound to 127.0.0.1 only."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from digestconv.errors import InputError
from digestconv.review.pages import Pages, ReviewConfig

HOST = "127.0.0.1"
# The inputs whose lines the edits can name (digestconv.review.sources).
INPUT_SUFFIXES = (".txt", ".text", ".pdf", ".md", ".markdown", ".json")


def collect_inputs(paths: Iterable[str]) -> list[Path]:
    """The inputs named, folders walked (sorted); a file of another kind raises :class:`InputError`."""
    out: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            out.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in INPUT_SUFFIXES))
        elif path.is_file():
            if path.suffix.lower() not in INPUT_SUFFIXES:
                raise InputError("review works on .txt, .pdf, .md and .json inputs: their lines (or blocks) "
                                 "are what the edits name", name)
            out.append(path)
        else:
            raise InputError("no such file or folder", name)
    if not out:
        raise InputError("no inputs (.txt, .pdf, .md, .json) found", ", ".join(str(p) for p in paths) or None)
    return [p.resolve() for p in dict.fromkeys(out)]


def bind(port: int) -> socket.socket:
    """A listening socket on 127.0.0.1 (``port`` 0: a free one)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((HOST, port))
    sock.listen(64)
    return sock


def address(sock: socket.socket, config: ReviewConfig) -> str:
    """The queue's address, with the token."""
    port = sock.getsockname()[1]
    return f"http://{HOST}:{port}/?token={config.token}&lang={config.language}"


def serve(config: ReviewConfig, port: int = 0, *, announce: Callable[[str], None] = print,
          open_browser: bool = True) -> None:
    """Serve the review app until interrupted; ``announce`` gets the address first."""
    import uvicorn

    from digestconv.review.app import create_app

    sock = bind(port)
    pages = Pages(config.inputs, config.language)
    pages.warm()
    app = create_app(config, pages)
    url = address(sock, config)
    announce(url)
    if open_browser:
        import webbrowser

        webbrowser.open(url)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off"))
    server.run(sockets=[sock])


@contextmanager
def serving(config: ReviewConfig, pages: Pages | None = None, port: int = 0) -> Iterator[str]:
    """Serve the app in a thread for the duration of the block (tests, scripts); yields the base address."""
    import uvicorn

    from digestconv.review.app import create_app

    sock = bind(port)
    server = uvicorn.Server(uvicorn.Config(create_app(config, pages), log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline and thread.is_alive():
        time.sleep(0.02)
    try:
        yield f"http://{HOST}:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()
