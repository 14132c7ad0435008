"""``digestconv normalize`` and ``digestconv inspect``: one input through the reader, shown or written."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from digestconv.cli._defaults import defaults_option
from digestconv.cli._encoding import encoding_option
from digestconv.cli._errors import reports_errors
from digestconv.cli._i18n import _
from digestconv.cli._logging import verbosity_options
from digestconv.cli._output import WriterChoiceOption, format_for_output, is_stdout, send_to_stdout
from digestconv.cli._pairs import parse_pairs
from digestconv.cli._size import max_size_option

if TYPE_CHECKING:
    from digestconv.model import Document


def _read_cli_input(input_path: str, from_format: str | None, options: dict[str, Any], max_size: int) -> Document:
    from digestconv.api import read
    from digestconv.readers._input import read_bounded

    if input_path == "-":
        data = read_bounded(sys.stdin.buffer, max_size, "stdin")
        return read(data, from_format or "ocr", name="stdin", options=options, max_size=max_size)
    return read(input_path, from_format, options=options, max_size=max_size)


def _refuse_overwriting_input(input_path: str, output: str) -> None:
    """Exit with a usage error when ``output`` is ``input_path`` under any name (a link, a hard link)."""
    try:
        source, target = os.stat(input_path), os.stat(output)
    except OSError:
        return  # no output yet (or no input, which the reader reports)
    if (source.st_dev, source.st_ino) == (target.st_dev, target.st_ino):
        click.echo(_("digestconv: error: {output}: is the input {input}; refusing to overwrite it").format(
            output=output, input=input_path), err=True)
        sys.exit(2)


if TYPE_CHECKING:
    from digestconv.readers.ocr.result import TraceEntry


@click.command()
@click.argument("input_path", metavar="INPUT", type=click.Path(allow_dash=True))
@click.option("--from", "from_format", metavar="READER", help="Reader to use instead of the one the extension picks.")
@click.option("--to", "to_format", cls=WriterChoiceOption, metavar="WRITER",
              help="Writer: {writers} (default: the output's extension; json on standard output).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True),
              help="Output file; its extension picks the writer (default or -: standard output).")
@click.option("--disable", multiple=True, metavar="RULE", help="Switch a normalization rule off (repeatable).")
@click.option("--fixes", type=click.Path(exists=True, dir_okay=False), help="TOML file of user corrections.")
@click.option("--no-review-file", "no_review_file", is_flag=True, help="Ignore INPUT's .review.toml (digestconv review).")
@click.option("-M", "--metadata", multiple=True, metavar="KEY=VALUE", callback=parse_pairs,
              help="Set the document's title, publication, date (YYYY-MM-DD), author or source (repeatable).")
@click.option("--reference-docx", "--reference-doc", "reference_docx", type=click.Path(dir_okay=False),
              metavar="FILE", help="A Word file whose styles a DOCX output takes.")
@max_size_option
@encoding_option
@verbosity_options
@defaults_option
@reports_errors
def normalize(input_path: str, from_format: str | None, to_format: str | None, output: str | None,
              disable: tuple[str, ...], fixes: str | None, no_review_file: bool, metadata: dict[str, str],
              reference_docx: str | None, max_size: int, encoding: str | None) -> None:
    """Read INPUT, normalize it, and write the document model."""
    from digestconv.api import render, write
    from digestconv.plugins import get_writer

    options: dict[str, Any] = {"review_file": False} if no_review_file else {}
    if disable:
        options["disable"] = frozenset(disable)
    if encoding:
        options["encoding"] = encoding
    from digestconv.transforms.metadata import check_metadata, with_metadata

    metadata = check_metadata(metadata)  # a wrong key is refused before the input is read
    format_name = format_for_output(to_format, output, "json")
    get_writer(format_name)  # an unknown writer is refused before the input is read
    if reference_docx and format_name == "docx":
        from digestconv.writers.docx.reference import reference_styles

        reference_styles(reference_docx)
    if not is_stdout(output) and input_path != "-":
        assert output is not None
        _refuse_overwriting_input(input_path, output)
    document = _read_cli_input(input_path, from_format, options, max_size)
    if fixes:
        from digestconv.transforms.fixes import apply_fixes, load_fixes

        document = apply_fixes(document, load_fixes(Path(fixes)))
    document = with_metadata(document, metadata)
    if is_stdout(output):
        send_to_stdout(render(document, format_name, reference_docx=reference_docx), format_name)
    else:
        assert output is not None
        write(document, output, format_name, reference_docx=reference_docx)


@click.command()
@click.argument("input_path", metavar="INPUT", type=click.Path(allow_dash=True))
@click.option("--disable", multiple=True, metavar="RULE", help="Switch a normalization rule off (repeatable).")
@click.option("--width", "text_width", default=48, show_default=True, help="Characters of block text to show.")
@click.option("--uncertain", is_flag=True, help="List only the decisions that weighed evidence against other evidence.")
@click.option("--no-review-file", "no_review_file", is_flag=True, help="Ignore INPUT's .review.toml (digestconv review).")
@click.option("--debug-pdf", "debug_pdf", type=click.Path(dir_okay=False), metavar="OUT.pdf",
              help="For a PDF input: write it with the detected columns, blocks and types drawn over its pages.")
@max_size_option
@encoding_option
@verbosity_options
@reports_errors
def inspect(input_path: str, disable: tuple[str, ...], text_width: int, uncertain: bool, no_review_file: bool,
            debug_pdf: str | None, max_size: int, encoding: str | None) -> None:
    """Show each block of INPUT with its type, input lines (or page and box), and the rules that decided it."""
    from digestconv.readers._input import decode_bytes, read_bounded, read_input_bytes
    from digestconv.readers.ocr.pipeline import normalize_text

    if input_path == "-":
        data = read_bounded(sys.stdin.buffer, max_size, "stdin")
    else:
        data = read_input_bytes(input_path, max_size)
    if input_path.lower().endswith(".pdf") or data[:5] == b"%PDF-":
        reviewed = None if input_path == "-" or no_review_file else Path(input_path)
        _inspect_pdf(data, Path(input_path).name, disable, text_width, debug_pdf, reviewed)
        return
    if debug_pdf:
        raise click.UsageError("--debug-pdf needs a PDF input")
    result = normalize_text(decode_bytes(data, input_path, encoding), source=Path(input_path).name, disable=disable)
    if input_path != "-" and not no_review_file:  # the reviewer's edits show as rules named "user"
        from digestconv.review.reading import read_reviewed

        result = read_reviewed(Path(input_path), data, "ocr", {"disable": disable}) or result
    if uncertain:
        _show_uncertain(result.trace, text_width)
        return
    click.echo(f"{'lines':>11}  {'type':12} {'typed by':20} {'opened by':22} {'closed by':22} text")
    for entry in result.trace:
        span = f"{entry.first_line}-{entry.last_line}" if entry.last_line != entry.first_line else str(entry.first_line)
        text = entry.text if len(entry.text) <= text_width else entry.text[: text_width - 1] + "…"
        click.echo(f"{span:>11}  {entry.type:12} {entry.type_rule:20} {entry.start_rule:22} {entry.end_rule:22} {text}")
    _show_furniture(result.furniture)


def _show_furniture(found: list[Any]) -> None:
    """The lines the page stage took out of the flow (§10): line, page, the rule that marked it and why."""
    for line in found:
        page = f"page {line.page}" if line.page is not None else "no page"
        click.echo(f"{line.no:>11}  {'furniture':12} {line.rule:20} {page:22} {'':22} {line.text}  ({line.reason})")


def _inspect_pdf(data: bytes, name: str, disable: tuple[str, ...], text_width: int, debug_pdf: str | None,
                 reviewed: Path | None) -> None:
    """Each block of a PDF with its page, its box and why; furniture last; optionally the overlay PDF.

    With ``reviewed``, the input's review file (if any) is applied: the reviewer's decisions show as ``user``.
    """
    from digestconv.atomic import atomic_output
    from digestconv.readers.pdf.debug import debug_pdf as draw
    from digestconv.readers.pdf.pipeline import inspect_pdf
    from digestconv.readers.pdf.trace import furniture_trace, pdf_trace

    result, reading = inspect_pdf(data, source=name, disable=disable)
    if reviewed is not None:
        from digestconv.review.reading import read_reviewed

        result = read_reviewed(reviewed, data, "pdf", {"disable": disable}) or result
    entries = pdf_trace(reading, result) + furniture_trace(reading)
    click.echo(f"{'page':>4}  {'box (x0,top,x1,bottom pt)':27} {'type':12} {'typed by':20} {'opened by':12} text")
    for e in entries:
        box = ",".join(f"{v:.0f}" for v in e.box)
        text = e.text if len(e.text) <= text_width else e.text[: text_width - 1] + "…"
        click.echo(f"{e.page:>4}  {box:27} {e.type:12} {e.type_rule:20} {e.start:12} {text}")
    if debug_pdf:
        with atomic_output(debug_pdf) as stream:
            stream.write(draw(data, reading, entries))


def _show_uncertain(trace: list[TraceEntry], text_width: int) -> None:
    """One line per weighed decision: the block's lines, its type, what was decided, by which rule, on what evidence."""
    for entry in trace:
        span = f"{entry.first_line}-{entry.last_line}" if entry.last_line != entry.first_line else str(entry.first_line)
        text = entry.text if len(entry.text) <= text_width else entry.text[: text_width - 1] + "…"
        for decision in entry.weighed(opening=False):
            click.echo(f"{span:>11}  {entry.type:12} {decision:60} {text}")
