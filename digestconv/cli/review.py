"""``digestconv review``: the review page for INPUT files or folders, in the browser."""

from __future__ import annotations

import warnings
from typing import Any

import click

from digestconv.cli._errors import reports_errors


def _show_review_warnings() -> None:
    """A review file's warning is one ``digestconv: warning:`` line on stderr, like the other messages."""
    previous = warnings.showwarning

    def show(message: Any, category: type[Warning], filename: str, lineno: int, file: Any = None,
             line: str | None = None) -> None:
        if category.__name__ == "ReviewFileWarning":
            click.echo(f"digestconv: warning: {message}", err=True)
        else:
            previous(message, category, filename, lineno, file, line)

    warnings.showwarning = show


_show_review_warnings()


@click.command()
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option("--port", type=click.IntRange(0, 65535), default=0, show_default=True,
              help="Port on 127.0.0.1 (0: a free one).")
@click.option("--no-browser", is_flag=True, help="Only print the address; do not open a browser.")
@click.option("-o", "--output-dir", "outdir", default="out", show_default=True, type=click.Path(file_okay=False),
              help="Folder the page's exports go to.")
@click.option("--style", default="handout", show_default=True, type=click.Choice(["handout", "gbt9704"]),
              help="The style the preview and the exports start with.")
@click.option("--lang", "language", type=click.Choice(["zh-Hans", "zh-Hant", "en"]),
              help="Interface language (default: from the locale; Simplified Chinese).")
@reports_errors
def review(inputs: tuple[str, ...], port: int, no_browser: bool, outdir: str, style: str,
           language: str | None) -> None:
    """Review INPUT text files (or folders of them) in the browser: the input beside the repair, fixed with a click.

    The first line printed is the page's address, with its access token; the server
    answers on 127.0.0.1 only.  Edits are saved beside each input as STEM.review.toml,
    which normalize, convert and the library then apply.  Ctrl+C stops it.
    """
    from pathlib import Path

    from digestconv.review.i18n import language_from_locale
    from digestconv.review.pages import ReviewConfig
    from digestconv.review.server import collect_inputs, serve

    try:
        import jinja2  # noqa: F401
        import starlette  # noqa: F401
        import uvicorn  # noqa: F401
    except ImportError as exc:
        raise click.ClickException(f"review needs {exc.name}: pip install 'digestconv[review]'") from None

    config = ReviewConfig(collect_inputs(inputs), Path(outdir).resolve(), language or language_from_locale(), style)
    try:
        serve(config, port, announce=lambda url: click.echo(url), open_browser=not no_browser)
    except OSError as exc:
        raise click.ClickException(f"cannot listen on 127.0.0.1:{port}: {exc.strerror or exc}") from None
    except KeyboardInterrupt:
        pass
