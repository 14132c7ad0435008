"""The ``digestconv convert`` command: batch conversion from the command line.

Only click is imported here; the batch machinery loads when the command runs,
so ``digestconv --version`` stays fast.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import tempfile
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from digestconv.cli._defaults import defaults_option
from digestconv.cli._encoding import encoding_option
from digestconv.cli._i18n import _
from digestconv.cli._output import STDOUT, send_to_stdout
from digestconv.cli._pairs import parse_pairs
from digestconv.cli._print import print_extra, print_options
from digestconv.cli._size import max_size_option

if TYPE_CHECKING:
    from digestconv.batch import BatchReport, ExecutorSpec, Plan

EXIT_USAGE = 2


@click.command()
@click.argument("inputs", nargs=-1, metavar="INPUT...")
@click.option("--to", "formats", multiple=True, default=("all",), show_default=True, metavar="LIST",
              help="Formats, comma-separated: docx, epub, pdf, html, md, json, txt, or all (all but txt).")
@click.option("-o", "--output", "--output-dir", "outdir", required=True, type=click.Path(allow_dash=True),
              help="Folder for the outputs (created if missing); or one FILE whose extension picks the format "
                   "(one input, like calibre's ebook-convert IN OUT); or - for standard output (with --to).")
@click.option("--variant", "variants", multiple=True, default=("zh-Hans",), show_default=True, metavar="LIST",
              help="zh-Hans (the original), zh-Hant, zh-TW, zh-HK, comma-separated, or all.")
@click.option("--style", default="handout", show_default=True, metavar="NAME|PATH", help="House style.")
@click.option("-M", "--metadata", multiple=True, metavar="KEY=VALUE", callback=parse_pairs,
              help="Set the documents' title, publication, date (YYYY-MM-DD), author or source (repeatable).")
@click.option("--reference-docx", "--reference-doc", "reference_docx", type=click.Path(dir_okay=False),
              metavar="FILE", help="A Word file whose styles the DOCX takes (your office's template).")
@click.option("--toc", is_flag=True, help="Add a table of contents.")
@click.option("--keep-furniture", is_flag=True, help="Keep mastheads and jump lines.")
@click.option("--font", "fonts", multiple=True, metavar="ROLE=FAMILY", callback=parse_pairs,
              help="Override the style's font for a role (repeatable).")
@click.option("--strict-fonts", is_flag=True,
              help="Fail when a style's font is not installed, instead of warning and using the next one.")
@click.option("--vertical", is_flag=True, help="Vertical writing where the format supports it.")
@click.option("--variant-mode", type=click.Choice(["phrases", "characters"]), default="phrases", show_default=True,
              help="Traditional variants: words and regional vocabulary (软件 → 軟體, OpenCC s2twp and our tables), "
                   "or characters only (OpenCC s2t, s2tw, s2hk: 软件 → 軟件).")
@click.option("--quotes", type=click.Choice(["convert", "keep"]), default="convert", show_default=True,
              help="Traditional variants: turn “” into 「」, or keep them.")
@click.option("--domain", type=click.Choice(["news", "it"]), default="news", show_default=True,
              help="Traditional variants: news and government vocabulary, or computing (文件 → 檔案).")
@click.option("--hant-forms", type=click.Choice(["common", "historical"]), default="common", show_default=True,
              help="zh-Hant: the forms of common print (為 峰 群), or OpenCC's historical ones (爲 峯 羣).")
@click.option("--phrases", type=click.Path(exists=True, dir_okay=False), metavar="FILE",
              help="Your phrase table (TOML, or OpenCC's 简体<TAB>繁體 text); your pairs win.")
@click.option("--disable", multiple=True, metavar="RULE", help="Switch a normalization rule off (repeatable).")
@click.option("--fixes", type=click.Path(exists=True, dir_okay=False), help="TOML file of user corrections.")
@click.option("--from", "reader", metavar="READER", help="Reader to use instead of the one the extension picks.")
@click.option("--no-review-file", "no_review_file", is_flag=True, help="Ignore the inputs' .review.toml files.")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=None, metavar="N",
              help="Worker processes (0 or default: one per core; 1: no pool).")
@click.option("--executor", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Run on local processes or on a Dask cluster.")
@click.option("--scheduler", metavar="ADDR", help="Dask scheduler address (tcp://HOST:8786).")
@click.option("--skip-existing", is_flag=True, help="Leave outputs that already exist alone.")
@click.option("--report", "report_path", type=click.Path(dir_okay=False, allow_dash=True), metavar="FILE.json",
              help="Also write the summary as JSON (- for standard output).")
@max_size_option
@encoding_option
@print_options
@click.option("-q", "--quiet", is_flag=True, help="Show only failures.")
@click.option("-v", "--verbose", count=True, help="Show every output written (-vv: debugging detail too).")
@defaults_option
def convert(inputs: tuple[str, ...], formats: tuple[str, ...], outdir: str, variants: tuple[str, ...], style: str,
            metadata: dict[str, str], reference_docx: str | None, toc: bool, keep_furniture: bool, fonts: dict[str, str], strict_fonts: bool, vertical: bool, variant_mode: str, quotes: str, domain: str,
            hant_forms: str, phrases: str | None, disable: tuple[str, ...], fixes: str | None, reader: str | None,
            no_review_file: bool, jobs: int | None, executor: str,
            scheduler: str | None, skip_existing: bool, max_size: int, report_path: str | None, quiet: bool, verbose: int,
            encoding: str | None, **print_args: Any) -> None:
    """Convert INPUT files, folders (walked), glob patterns or - (standard input) to every format and variant.

    Outputs go to OUTDIR/STEM.EXT, variants to OUTDIR/STEM.zh-TW.EXT; a folder's
    sub-folders are mirrored.  `-o out.pdf` writes one input to that one file,
    `-o - --to md` to standard output.  Exit status: 0 all written, 1 some failed,
    2 usage error, 130 interrupted (143 stopped by SIGTERM).
    """
    from digestconv.cli._logging import setup_logging

    setup_logging(verbose, quiet)
    if report_path == STDOUT and outdir == STDOUT:
        _usage_error(_("--report - and -o - cannot both use standard output"))
    if not inputs:
        _usage_error(_("no inputs given (files, folders, glob patterns, or - for standard input)"))
    # Signal handlers can only be set in the main thread (click may run elsewhere in an embedding app).
    in_main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _terminate) if in_main_thread else None
    try:
        code = _run(inputs, report_path, quiet, verbose, dict(
            formats=formats, outdir=outdir, variants=variants, style=style, metadata=metadata, toc=toc, reference_docx=reference_docx, keep_furniture=keep_furniture,
            fonts=fonts, strict_fonts=strict_fonts, vertical=vertical, variant_mode=variant_mode, quotes=quotes, domain=domain, hant_forms=hant_forms, phrases=phrases,
            disable=disable, fixes=fixes, reader=reader, jobs=jobs, no_review_file=no_review_file, encoding=encoding,
            executor=executor, scheduler=scheduler, skip_existing=skip_existing, max_size=max_size,
            print_extra=print_extra(print_args),
        ))
    except KeyboardInterrupt:  # before or after the conversions, where there is nothing to clean up
        click.echo(_("digestconv: interrupted"), err=True)
        code = 128 + _stopped_by
    finally:
        if in_main_thread:
            signal.signal(signal.SIGTERM, previous)
    sys.exit(code)


_stopped_by = signal.SIGINT


def _terminate(signum: int, frame: Any) -> None:
    # SIGTERM (a batch system stopping the job) takes the Ctrl-C path, so nothing partial is left.
    global _stopped_by
    _stopped_by = signal.Signals(signum)
    raise KeyboardInterrupt


def _run(inputs: tuple[str, ...], report_path: str | None, quiet: bool, verbose: int, opts: dict[str, Any]) -> int:
    if opts["outdir"] != STDOUT:
        return _run_batch(inputs, report_path, quiet, verbose, opts, None)
    # Standard output: the one file is written in a private folder, then copied out once it is whole.
    with tempfile.TemporaryDirectory(prefix="digestconv-") as staging:
        return _run_batch(inputs, report_path, quiet, verbose, opts, staging)


def _plan(inputs: tuple[str, ...], opts: dict[str, Any], staging: str | None) -> tuple[Plan, ExecutorSpec]:
    from digestconv.batch import executor_spec, make_plan, parse_formats, parse_variant_list
    from digestconv.errors import DigestconvError
    from digestconv.writers.base import WriteOptions

    try:
        format_list = parse_formats(opts["formats"])
        variant_list = parse_variant_list(opts["variants"])
        output_file, format_list = _single_output(opts["outdir"], opts["formats"], format_list, staging)
        spec = executor_spec(opts["executor"], opts["jobs"], opts["scheduler"], format_list, variant_list)
        spec.check()
        plan = make_plan(
            inputs, formats=format_list, variants=variant_list, outdir=opts["outdir"], reader=opts["reader"],
            read_options=_read_options(opts), fixes=opts["fixes"],
            quotes=opts["quotes"], skip_existing=opts["skip_existing"], max_size=opts["max_size"],
            variant_options={"domain": opts["domain"], "hant_forms": opts["hant_forms"], "phrases": opts["phrases"],
                             "mode": opts["variant_mode"]},
            write_options=WriteOptions(style=opts["style"], toc=opts["toc"], keep_furniture=opts["keep_furniture"],
                                       vertical=opts["vertical"], fonts=opts["fonts"], extra=opts["print_extra"],
                                       reference_docx=_absolute(opts["reference_docx"])),
            output_file=output_file, strict_fonts=opts["strict_fonts"], metadata=opts["metadata"],
        )
    except DigestconvError as exc:
        _usage_error(str(exc))
    return plan, spec


def _absolute(path: str | None) -> str | None:
    return os.path.abspath(path) if path else None  # workers may run in another folder


def _read_options(opts: dict[str, Any]) -> dict[str, Any]:
    options: dict[str, Any] = {"disable": frozenset(opts["disable"])} if opts["disable"] else {}
    if opts["no_review_file"]:
        options["review_file"] = False
    if opts["encoding"]:
        options["encoding"] = opts["encoding"]
    return options


def _single_output(outdir: str, specs: tuple[str, ...], formats: list[str],
                   staging: str | None) -> tuple[str | None, list[str]]:
    """The one output file ``-o`` names, if it names a file (or -), and the format to write there."""
    from digestconv.plugins import get_writer, writer_name_for_path

    given = tuple(specs) != ("all",)
    if staging is not None:  # -o -: the format must be named
        if not given:
            _usage_error(_("-o - (standard output) needs one format: add --to FORMAT"))
        return os.path.join(staging, "stdout" + get_writer(formats[0]).extensions[0]), formats
    if os.path.isdir(outdir):
        return None, formats
    by_extension = writer_name_for_path(outdir)
    if by_extension is None:
        return None, formats
    return outdir, formats if given else [by_extension]


def _run_batch(inputs: tuple[str, ...], report_path: str | None, quiet: bool, verbose: int, opts: dict[str, Any],
               staging: str | None) -> int:
    from digestconv.batch import BatchInterrupted, execute
    from digestconv.cli.progress import make_progress
    from digestconv.errors import DigestconvError

    plan, spec = _plan(inputs, opts, staging)
    progress = make_progress(len(plan.tasks) + len(plan.problems), quiet=quiet, verbose=verbose > 0)
    try:
        with progress:
            report = execute(plan, spec, progress.update)
    except BatchInterrupted as interrupted:
        report = interrupted.report
        code = 128 + _stopped_by
        _write_report(report, report_path, code)
        how = _("interrupted") if _stopped_by == signal.SIGINT else _("stopped by {signal}").format(
            signal=signal.Signals(_stopped_by).name)
        click.echo(_("digestconv: {how}: {summary}; no partial files left").format(how=how, summary=report.summary()),
                   err=True)
        return code
    except DigestconvError as exc:  # the executor could not be set up (e.g. no Dask scheduler there)
        _usage_error(str(exc))
    if not quiet:
        click.echo(f"digestconv: {report.summary()}", err=True)
        for line in report.failures:
            click.echo(f"  {line}", err=True)
    _write_report(report, report_path, report.exit_code)
    if staging is not None and report.exit_code == 0:
        planned = plan.tasks[0].outputs[0]
        send_to_stdout(Path(planned.path).read_bytes(), planned.format)
    return report.exit_code


def _usage_error(message: str) -> NoReturn:
    click.echo(_("digestconv: error: {message}").format(message=message), err=True)
    sys.exit(EXIT_USAGE)


def _write_report(report: BatchReport, path: str | None, exit_code: int) -> None:
    if not path:
        return
    from digestconv.atomic import atomic_output

    data: dict[str, Any] = {**report.to_dict(), "exit_code": exit_code}
    if path == STDOUT:
        sys.stdout.buffer.write((json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
        sys.stdout.flush()
        return
    try:
        with atomic_output(path) as stream:
            stream.write((json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    except OSError as exc:
        click.echo(_("digestconv: error: cannot write the report {file}: {reason}").format(
            file=path, reason=exc.strerror or exc), err=True)
        sys.exit(1)
