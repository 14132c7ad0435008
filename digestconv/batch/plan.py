"""Planning a batch: which inputs, which outputs, under which names.

Everything that can be decided before converting is decided here, in the main
process: inputs found (:mod:`digestconv.batch.inputs`), formats, variants,
style and options checked, output names chosen and collisions detected.  A
mistake in the request itself raises a :class:`DigestconvError` (the CLI exits
2); a problem with one input becomes a failed :class:`FileResult` and the rest
go on.
"""

from __future__ import annotations

import logging
import os
import posixpath
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, BinaryIO

from digestconv.batch.inputs import InputFile, find_inputs
from digestconv.batch.remote import check_url, is_url, url_exists, url_size
from digestconv.batch.tasks import STDIN, ConvertTask, FileResult, PlannedOutput, describe_error
from digestconv.errors import DigestconvError, InputError, PluginError, StyleError
from digestconv.languages import language
from digestconv.logs import get_logger
from digestconv.model import Document
from digestconv.readers._input import DEFAULT_MAX_SIZE
from digestconv.transforms.metadata import check_metadata
from digestconv.writers._repro import fixed_timestamp
from digestconv.writers.base import WriteOptions

log = get_logger(__name__)

ALL_FORMATS = ("docx", "epub", "pdf", "html", "md", "json")
"""The built-in formats ``--to all`` means, with every plug-in writer; ``txt`` is written only when asked for by name."""


@dataclass
class Plan:
    """The tasks to run, and the inputs that already failed while being looked for."""

    tasks: list[ConvertTask] = field(default_factory=list)
    problems: list[FileResult] = field(default_factory=list)


def parse_formats(specs: str | Iterable[str]) -> list[str]:
    """Writer names from ``"docx,pdf"``, a list of such strings, or ``"all"``; unknown names raise."""
    from digestconv.plugins import plugin_writer_names, writer_names

    if isinstance(specs, str):
        specs = [specs]
    known = writer_names()
    everything = [*ALL_FORMATS, *(n for n in plugin_writer_names() if n not in ALL_FORMATS and n != "txt")]
    out: list[str] = []
    for spec in specs:
        for name in (part.strip().lower() for part in spec.split(",")):
            if not name:
                continue
            names = everything if name == "all" else [name]
            for fmt in names:
                if fmt not in known:
                    raise PluginError(f"unknown format {fmt!r} (known: {', '.join(known)}, or all)")
                if fmt not in out:
                    out.append(fmt)
    if not out:
        raise PluginError(f"no format given (known: {', '.join(known)}, or all)")
    return out


def parse_variant_list(specs: str | Iterable[str]) -> list[str]:
    """Variant codes from ``"zh-TW,zh-HK"``, a list of such strings, or ``"all"``; unknown codes raise."""
    from digestconv.transforms.variants import parse_variants

    if isinstance(specs, str):
        specs = [specs]
    out: list[str] = []
    for spec in specs:
        out.extend(v for v in parse_variants(spec) if v not in out)
    return out


def output_path(outdir: str | os.PathLike[str], item: InputFile, variant: str, extension: str) -> str:
    """Where ``item`` in ``variant`` goes: ``OUTDIR/SUB/STEM.EXT``, or ``STEM.zh-TW.EXT`` for a variant."""
    tag = language(variant).file_suffix
    join = posixpath.join if is_url(outdir) else os.path.join  # a URL's separator is / everywhere
    return join(os.fspath(outdir), item.subdir, f"{item.stem}{tag}{extension}")


def make_plan(
    inputs: Sequence[str | os.PathLike[str]],
    *,
    formats: Sequence[str],
    variants: Sequence[str],
    outdir: str | os.PathLike[str],
    reader: str | None = None,
    read_options: Mapping[str, Any] | None = None,
    fixes: str | os.PathLike[str] | None = None,
    quotes: str = "convert",
    variant_options: Mapping[str, Any] | None = None,
    write_options: WriteOptions | None = None,
    skip_existing: bool = False,
    stdin: BinaryIO | None = None,
    max_size: int = DEFAULT_MAX_SIZE,
    output_file: str | os.PathLike[str] | None = None,
    strict_fonts: bool = False,
    metadata: Mapping[str, str] | None = None,
) -> Plan:
    """Check the request and turn it into tasks; :class:`DigestconvError` when there is nothing sensible to do.

    ``output_file``: one input to that one file (calibre's ``ebook-convert in out``), one format and
    variant; ``outdir`` is then ignored.  ``metadata`` (``-M KEY=VALUE``) replaces the documents' title,
    date, ….  A style's PDF font that is not installed is a warning (an error with ``strict_fonts``).
    """
    from digestconv.plugins import reader_name_for_path

    if output_file is not None:
        _check_single_output(output_file, formats, variants)
        outdir = os.path.dirname(os.path.abspath(output_file))
    _check_request(outdir, quotes)
    extensions = _reader_extensions(reader)
    options = write_options or WriteOptions()
    template = ConvertTask(  # what every task shares, each setting checked once
        source="", label="", outputs=(), read_options=dict(read_options or {}), fixes=_check_fixes(fixes),
        metadata=check_metadata(metadata or {}), quotes=quotes, write_options=options, max_size=max_size,
        variant_options=_check_variant_options(variant_options or {}),
    )
    _check_settings(read_options or {}, options, formats, variants, strict_fonts)
    extension_of = {fmt: _extension(fmt) for fmt in formats}

    found, problems = _find(inputs, extensions, outdir, stdin, max_size, output_file)
    tasks = []
    for item in found:
        item_reader = reader or ("ocr" if item.source == STDIN else reader_name_for_path(item.source, extensions))
        if item_reader is None:
            known = ", ".join(sorted(extensions)) or "none"
            problems.append(FileResult(item.label, error=f"no reader for this extension (use --from; known: {known})"))
            continue
        outputs = tuple(
            PlannedOutput(os.fspath(output_file or output_path(outdir, item, variant, ext)), fmt, variant, blocked=error)
            for variant in variants for fmt, (ext, error) in extension_of.items()
        )
        tasks.append(replace(template, source=item.source, label=item.label, outputs=outputs, data=item.data,
                             reader=item_reader, size=_size(item)))
    tasks = _block_collisions(tasks)
    if skip_existing:
        tasks = [_skip_existing(task) for task in tasks]
    return Plan(tasks=tasks, problems=problems)


def _reader_extensions(reader: str | None) -> dict[str, str]:
    """Extension → reader: every reader's, or only the one ``--from`` names."""
    from digestconv.plugins import get_reader, reader_extensions

    if reader is None:
        return reader_extensions()
    return {ext.lower(): reader for ext in get_reader(reader).extensions}


def _find(
    inputs: Sequence[str | os.PathLike[str]], extensions: Mapping[str, str], outdir: str | os.PathLike[str],
    stdin: BinaryIO | None, max_size: int, output_file: str | os.PathLike[str] | None,
) -> tuple[list[InputFile], list[FileResult]]:
    """The inputs, or an error when none was found (or more than one for a single output file)."""
    exclude = outdir if output_file is None else None  # a single file's folder may hold its input
    found, problems = find_inputs(inputs, extensions=extensions, exclude=exclude, stdin=stdin, max_size=max_size)
    if not found and not problems:
        raise InputError("no inputs found (give files, folders, glob patterns or - for standard input)")
    if not found and all(p.error in ("no such file or folder", "no file matches this pattern") for p in problems):
        raise InputError(f"no inputs found: {problems[0].failure_lines()[0]}")
    if output_file is not None and len(found) + len(problems) > 1:
        raise InputError(f"-o names one file but {len(found) + len(problems)} inputs were given; "
                         "give one input, or a folder to -o", os.fspath(output_file))
    return found, problems


def _check_request(outdir: str | os.PathLike[str], quotes: str) -> None:
    """The checks that do not depend on the inputs: the output folder, the quotes mode, ``SOURCE_DATE_EPOCH``."""
    _check_outdir(outdir)
    fixed_timestamp(Document(blocks=()))  # a bad SOURCE_DATE_EPOCH is the request's fault, found once
    if quotes not in ("convert", "keep"):
        raise DigestconvError(f"unknown quotes mode {quotes!r} (known: convert, keep)")


def _check_single_output(output_file: str | os.PathLike[str], formats: Sequence[str], variants: Sequence[str]) -> None:
    """One output file holds one format in one variant."""
    name = os.fspath(output_file)
    if len(formats) != 1:
        raise DigestconvError(f"{name}: one output file takes one format, not {', '.join(formats)}; "
                              "give a folder to -o for several")
    if len(variants) != 1:
        raise DigestconvError(f"{name}: one output file takes one variant, not {', '.join(variants)}; "
                              "give a folder to -o for several")
    if os.path.isdir(name):
        raise InputError("is a folder; the output file cannot be written", name)


def _check_outdir(outdir: str | os.PathLike[str]) -> None:
    """Refuse an output folder that is a file or lies under one (``-o afile/sub``), before any work."""
    if is_url(outdir):
        check_url(os.fspath(outdir))  # an unknown protocol, or its package missing: one usage error
        return
    path = os.path.abspath(outdir)
    while not os.path.lexists(path):
        parent = os.path.dirname(path)
        if parent == path:
            return
        path = parent
    if not os.path.isdir(path):
        where = "is an existing file" if path == os.path.abspath(outdir) else f"lies under the file {path}"
        raise InputError(f"output folder {where}", os.fspath(outdir))


def _size(item: InputFile) -> int:
    if item.data is not None:
        return len(item.data)
    if is_url(item.source):
        return url_size(item.source)
    try:
        return os.path.getsize(item.source)
    except OSError:
        return 0


def _extension(fmt: str) -> tuple[str, str | None]:
    from digestconv.plugins import get_writer

    try:
        return get_writer(fmt).extensions[0], None
    except PluginError as exc:
        # A writer that cannot load fails its own outputs, not the batch.
        return f".{fmt}", describe_error(exc)


def _check_fixes(fixes: str | os.PathLike[str] | None) -> str | None:
    if fixes is None:
        return None
    try:
        from digestconv.transforms.fixes import load_fixes
    except ImportError:
        raise PluginError("--fixes: corrections files are not supported by this installation") from None
    path = Path(fixes)
    load_fixes(path)  # a broken corrections file is the request's mistake: fail before converting
    return os.fspath(path)


def _check_disable(disable: Iterable[str]) -> None:
    # An unknown rule name would fail every text input alike: refuse the request once instead.
    if not disable:
        return
    from digestconv.readers.ocr.registry import check_disable

    check_disable(disable)


def _check_style(options: WriteOptions) -> None:
    # A style or font role that does not exist would fail every output the same way: say it once, up front.
    from digestconv.styles import ROLES, load_style

    load_style(options.style)
    unknown = sorted(set(options.fonts) - set(ROLES))
    if unknown:
        raise StyleError(f"--font {unknown[0]}=…: unknown font role (roles: {', '.join(ROLES)})")


def _check_settings(read_options: Mapping[str, Any], options: WriteOptions, formats: Sequence[str],
                    variants: Sequence[str], strict_fonts: bool) -> None:
    """The rule names, the style and font roles, and the PDF's fonts: each a mistake of the whole request."""
    _check_disable(read_options.get("disable", ()))
    _check_style(options)
    if options.reference_docx is not None and "docx" in formats:
        from digestconv.writers.docx.reference import reference_styles

        reference_styles(options.reference_docx)
    if "pdf" in formats:
        _check_fonts(options, variants, strict_fonts)


def _check_fonts(options: WriteOptions, variants: Sequence[str], strict: bool) -> None:
    from digestconv.styles import load_style
    from digestconv.writers._fonts import check_fonts, mark_said, pdf_fonts

    style = load_style(options.style)
    problems = check_fonts(style, variants, options.fonts)
    fatal = [p.message if p.fatal else f"--strict-fonts: {p.message}" for p in problems if p.fatal or strict]
    for problem in problems:
        if not (problem.fatal or strict):
            # a face of the asked kind standing in (FandolFang for FangSong) is worth knowing, not a warning
            log.log(logging.INFO if problem.same_kind else logging.WARNING, "%s", problem.message)
            mark_said(problem)
    if fatal:
        more = f" (and {len(fatal) - 1} more font problems)" if len(fatal) > 1 else ""
        raise StyleError(fatal[0] + more)
    # the fonts chosen, and what a write says of them, remembered here once: forked
    # workers inherit it and stay quiet, where each would say it again
    for lang in dict.fromkeys(variants):
        pdf_fonts(style, lang, options.fonts)


def _block_collisions(tasks: list[ConvertTask]) -> list[ConvertTask]:
    claims: dict[str, list[int]] = {}
    for t, task in enumerate(tasks):
        for planned in task.outputs:
            claims.setdefault(_path_key(planned.path), []).append(t)
    inputs_by_key = {os.path.realpath(task.source): task.label for task in tasks
                     if task.source != STDIN and not is_url(task.source)}

    def check(t: int, planned: PlannedOutput) -> PlannedOutput:
        if planned.blocked is not None:
            return planned
        key = _path_key(planned.path)
        others = [o for o in claims[key] if o != t]
        if others:
            return replace(planned, blocked=_collision(planned.path, tasks[others[0]]))
        if not is_url(planned.path) and os.path.realpath(planned.path) in inputs_by_key:
            return replace(planned, blocked="output would overwrite an input; choose another output folder")
        return planned

    return [replace(task, outputs=tuple(check(t, p) for p in task.outputs)) for t, task in enumerate(tasks)]


def _collision(path: str, other: ConvertTask) -> str:
    theirs = next(p.path for p in other.outputs if _path_key(p.path) == _path_key(path))
    how = "" if theirs == path else f" ({os.path.basename(theirs)}: names that differ only in letter case are one file on many file systems)"
    return f"output name collides with the output of {other.label}{how}; rename one of them"


def _skip_existing(task: ConvertTask) -> ConvertTask:
    outputs = tuple(
        replace(p, skip="already exists") if p.blocked is None and _exists(p.path) else p
        for p in task.outputs
    )
    return replace(task, outputs=outputs)


def _exists(path: str) -> bool:
    return url_exists(path) if is_url(path) else os.path.exists(path)


def _path_key(path: str) -> str:
    # Names that differ only in letter case (or Unicode composition) are one file on
    # macOS, Windows and most removable disks: a batch that writes both loses one.
    return unicodedata.normalize("NFC", os.path.normcase(os.path.abspath(path))).casefold()


def _check_variant_options(options: Mapping[str, Any]) -> dict[str, Any]:
    # Checked here, once, so that a bad domain or phrase table is one error
    # before any work rather than a failure in every file.
    from digestconv.transforms.variants import DOMAINS, HANT_FORMS, VARIANT_MODES
    from digestconv.transforms.variants.tables import load_user_table

    settings = {key: value for key, value in options.items() if value is not None}
    unknown = set(settings) - {"domain", "hant_forms", "phrases", "mode"}
    if unknown:
        raise DigestconvError(f"unknown variant options: {', '.join(sorted(unknown))}")
    if settings.get("domain", "news") not in DOMAINS:
        raise DigestconvError(f"unknown domain {settings['domain']!r} (known: {', '.join(DOMAINS)})")
    if settings.get("hant_forms", "common") not in HANT_FORMS:
        raise DigestconvError(f"unknown zh-Hant forms {settings['hant_forms']!r} (known: {', '.join(HANT_FORMS)})")
    if settings.get("mode", "phrases") not in VARIANT_MODES:
        raise DigestconvError(f"unknown variant mode {settings['mode']!r} (known: {', '.join(VARIANT_MODES)})")
    if "phrases" in settings and settings.get("mode") == "characters":
        raise DigestconvError("--phrases needs --variant-mode phrases (characters mode uses OpenCC's tables alone)")
    if "phrases" in settings:
        settings["phrases"] = os.path.abspath(settings["phrases"])  # workers may run elsewhere
        load_user_table(settings["phrases"])
    return settings
