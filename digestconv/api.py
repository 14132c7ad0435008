"""The library's entry points for reading and writing documents."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from digestconv.atomic import atomic_output
from digestconv.errors import InputError
from digestconv.logs import get_logger
from digestconv.model import Document
from digestconv.plugins import get_reader, get_writer, reader_for_path, writer_for_path
from digestconv.readers._input import DEFAULT_MAX_SIZE, read_input_bytes
from digestconv.writers.base import WriteOptions, Writer

log = get_logger(__name__)


def read(
    source: str | os.PathLike[str] | bytes,
    format: str | None = None,
    *,
    name: str | None = None,
    options: Mapping[str, Any] | None = None,
    max_size: int = DEFAULT_MAX_SIZE,
    review_file: bool = True,
) -> Document:
    """Read a file (or bytes) into a document, choosing the reader by extension unless ``format`` names one.

    A file larger than ``max_size`` bytes, or one that is not a regular file, raises :class:`InputError`.
    A review file beside a text input (``page.review.toml`` for ``page.txt``, written by
    ``digestconv review``) is applied unless ``review_file`` is false (or ``options`` holds
    ``review_file=False``).
    """
    options = dict(options or {})
    review_file = bool(options.pop("review_file", review_file))
    if isinstance(source, bytes):
        data, label = source, name
        if len(data) > max_size:
            raise InputError(f"larger than the input limit of {max_size:,} bytes", name)
        reader = get_reader(format or "ocr")
    else:
        label = name or os.fspath(source)
        data = read_input_bytes(source, max_size)
        reader = get_reader(format) if format else reader_for_path(os.fspath(source))
        if review_file:
            from digestconv.review.reading import read_reviewed

            reviewed = read_reviewed(Path(os.fspath(source)), data, reader.name, options)
            if reviewed is not None:
                return reviewed.document
    log.debug("%s: reading with the %s reader", label or "bytes", reader.name)
    return reader.read(data, source=Path(label).name if label else None, options=options)


def write(
    document: Document,
    path: str | os.PathLike[str],
    format: str | None = None,
    *,
    style: str | Path = "handout",
    toc: bool = False,
    keep_furniture: bool = False,
    vertical: bool = False,
    fonts: Mapping[str, str] | None = None,
    reference_docx: str | os.PathLike[str] | None = None,
    extra: Mapping[str, Any] | None = None,
    **writer_options: Any,
) -> Path:
    """Write ``document`` to ``path`` atomically; the format comes from ``format`` or the extension.

    ``reference_docx`` names a Word file whose styles the DOCX takes (pandoc's ``--reference-doc``).
    Other keywords are the writer's own settings, those its ``options`` attribute names (the
    PDF writer's ``impose=``, ``pdf_standard=``, …; see docs/print.md); a keyword the writer
    does not take is a :class:`TypeError` naming it, so a misspelt option is never ignored.
    ``extra`` passes settings to a writer as they are, unchecked.
    """
    writer = get_writer(format) if format else writer_for_path(os.fspath(path))
    options = _options("write", writer, writer_options, style=style, toc=toc, keep_furniture=keep_furniture,
                       vertical=vertical, fonts=fonts, reference_docx=reference_docx, extra=extra)
    with atomic_output(path) as stream:
        writer.write(document, stream, options)
    return Path(path)


def render(
    document: Document,
    format: str,
    *,
    style: str | Path = "handout",
    toc: bool = False,
    keep_furniture: bool = False,
    vertical: bool = False,
    fonts: Mapping[str, str] | None = None,
    reference_docx: str | os.PathLike[str] | None = None,
    extra: Mapping[str, Any] | None = None,
    **writer_options: Any,
) -> bytes:
    """Render ``document`` in ``format`` to bytes in memory; the keywords are :func:`write`'s."""
    import io

    writer = get_writer(format)
    options = _options("render", writer, writer_options, style=style, toc=toc, keep_furniture=keep_furniture,
                       vertical=vertical, fonts=fonts, reference_docx=reference_docx, extra=extra)
    buffer = io.BytesIO()
    writer.write(document, buffer, options)
    return buffer.getvalue()


def _options(caller: str, writer: Writer, writer_options: Mapping[str, Any], *, style: str | Path, toc: bool,
             keep_furniture: bool, vertical: bool, fonts: Mapping[str, str] | None,
             reference_docx: str | os.PathLike[str] | None, extra: Mapping[str, Any] | None) -> WriteOptions:
    """The write options, every writer-specific keyword checked against what ``writer`` takes."""
    accepted = tuple(getattr(writer, "options", ()))
    for key in writer_options:
        if key not in accepted:
            takes = ", ".join(accepted) if accepted else "none"
            raise TypeError(f"{caller}() got an unexpected keyword argument {key!r} "
                            f"(the {writer.name} writer's own options: {takes})")
    return WriteOptions(style=style, toc=toc, keep_furniture=keep_furniture, vertical=vertical,
                        fonts=dict(fonts or {}), extra={**(extra or {}), **writer_options},
                        reference_docx=os.fspath(reference_docx) if reference_docx is not None else None)
