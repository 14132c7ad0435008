"""The ``digestconv`` command line: one group, one module per command group.

Each command module imports only click at its top; the library loads when a
command runs, so ``digestconv --version`` stays fast.
"""

from __future__ import annotations

import click

from digestconv import __version__
from digestconv.cli.convert import convert
from digestconv.cli.info import formats, rules
from digestconv.cli.normalize import inspect, normalize
from digestconv.cli.review import review

__all__ = ["main"]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="digestconv")
def main() -> None:
    """Repair OCR'd Chinese newspaper text and render it to DOCX, EPUB, PDF and more."""


for _command in (formats, normalize, inspect, rules, convert, review):
    main.add_command(_command)
