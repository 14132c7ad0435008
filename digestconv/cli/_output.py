"""Where a command's output goes: a file whose extension names the writer, or standard output (``-``)."""

from __future__ import annotations

import sys

import click

from digestconv.cli._errors import usage_exit
from digestconv.cli._i18n import _

STDOUT = "-"


def is_stdout(output: str | None) -> bool:
    """Whether ``output`` means standard output: not given, or ``-`` (pandoc's and calibre's habit)."""
    return output is None or output == STDOUT


def looks_binary(data: bytes) -> bool:
    """Whether ``data`` would garble a terminal: not UTF-8 text, or holding NUL bytes."""
    if b"\x00" in data:
        return True
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


def send_to_stdout(data: bytes, format_name: str) -> None:
    """Write ``data`` to standard output, refusing binary output (DOCX, EPUB, PDF) to a terminal."""
    stream = sys.stdout.buffer
    if stream.isatty() and looks_binary(data):
        usage_exit(_("refusing to write {format} (binary) to a terminal; use -o FILE or redirect the output")
                   .format(format=format_name))
    stream.write(data)
    sys.stdout.flush()


def format_for_output(to_format: str | None, output: str | None, default: str) -> str:
    """The writer to use: ``--to`` if given, else the output file's extension, else ``default`` for stdout."""
    from digestconv.plugins import writer_name_for_path, writer_names

    if to_format:
        return to_format
    if is_stdout(output):
        return default
    assert output is not None
    name = writer_name_for_path(output)
    if name is None:
        usage_exit(_("{file}: no writer for this extension; name one with --to (writers: {writers})")
                   .format(file=output, writers=", ".join(writer_names())))
    return name


class WriterChoiceOption(click.Option):
    """An option whose help ends with the writers installed, looked up only when help is shown."""

    def get_help_record(self, ctx: click.Context) -> tuple[str, str] | None:
        """The help line, with the installed writers' names filled in."""
        from digestconv.plugins import writer_names

        record = super().get_help_record(ctx)
        if record is None:
            return None
        names = ", ".join(writer_names())
        return record[0], record[1].replace("{writers}", names)

