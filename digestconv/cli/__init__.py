"""The ``digestconv`` command line: one group, one module per command group.

Each command module imports only click at its top; the library loads when a
command runs, so ``digestconv --version`` stays fast.
"""

from __future__ import annotations

import atexit
import io
import os
import sys
import threading
from typing import Any

import click

from digestconv import __version__
from digestconv.cli._i18n import translate_help, use_for_click
from digestconv.cli.config import config
from digestconv.cli.convert import convert
from digestconv.cli.info import formats, rules
from digestconv.cli.normalize import inspect, normalize
from digestconv.cli.review import review

__all__ = ["main", "run"]


def safe_console() -> None:
    """Let standard output and error replace what the console's encoding cannot show (a GBK console, 🙂).

    A report printed to a terminal must never end in a UnicodeEncodeError traceback;
    files are written as bytes and are not affected.
    """
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper) and stream.errors == "strict":
            stream.reconfigure(errors="replace")


class DigestconvGroup(click.Group):
    """The command group; it makes the console safe before anything, ``--help`` included, is printed."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        """Run the command line."""
        safe_console()
        use_for_click()
        return super().main(*args, **kwargs)


@click.group(cls=DigestconvGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="digestconv")
@click.option("--plugin-override", "plugin_overrides", multiple=True, metavar="NAME",
              help="Use the plug-in registered under NAME instead of digestconv's own (repeatable).")
def main(plugin_overrides: tuple[str, ...]) -> None:
    """Repair OCR'd Chinese newspaper text and render it to DOCX, EPUB, PDF and more."""
    from digestconv.cli._logging import setup_logging

    setup_logging()
    if plugin_overrides:
        from digestconv.plugins import OVERRIDES_ENV

        # In the environment, so that worker processes choose the same plug-ins.
        os.environ[OVERRIDES_ENV] = ",".join(plugin_overrides)


def run() -> None:
    """The ``digestconv`` command: :func:`main`, then an exit that does not tear the interpreter down.

    Once the command has finished, its outputs are closed and written, its worker
    pools shut down and the ``atexit`` handlers run (logging flushed, temporary
    folders removed), freeing every object one by one only delays the prompt: a
    tenth of a second after a PDF, a fifth after a batch with the variants.  So
    the process ends with ``os._exit`` after flushing the console streams.  A
    thread still running that is not a daemon is waited for as usual instead.
    """
    try:
        main()
    except SystemExit as exc:
        status = exit_status(exc.code)
    else:  # pragma: no cover - click's standalone mode always exits
        status = 0
    if _threads_to_wait_for():
        sys.exit(status)
    atexit._run_exitfuncs()  # what the interpreter's own exit runs first; os._exit skips it
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a reader that went away, a stream already closed
            status = status or 1
    os._exit(status)


def exit_status(code: object) -> int:
    """The process status ``sys.exit(code)`` gives: None is 0, an int itself, anything else printed and 1."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    print(code, file=sys.stderr)
    return 1


def _threads_to_wait_for() -> bool:
    main_thread = threading.main_thread()
    return any(t.is_alive() and not t.daemon for t in threading.enumerate() if t is not main_thread)


for _command in (formats, normalize, inspect, rules, convert, review, config):
    main.add_command(_command)
translate_help(main)
