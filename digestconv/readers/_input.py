"""Reading input files and decoding their bytes to text (spec §5, "decode").

UTF-8 (with or without BOM) and UTF-16/32 with a BOM are taken as they say;
anything else that is not UTF-8 is tried as GB18030 (the superset of GBK and
GB2312 that Chinese OCR tools emit) and accepted only when the result reads
like Chinese text.  Binary data is refused, never decoded into garbage.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from typing import BinaryIO

from digestconv.errors import InputError, MissingInputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# C0 controls other than tab, line feed, vertical tab, form feed and carriage return.
_BINARY_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
# What a GB18030 decode of real Chinese text is made of: ASCII, CJK punctuation,
# CJK ideographs, full-width forms, and the general punctuation Chinese uses.
_PLAUSIBLE = re.compile(r"[\t\n\r\x20-\x7e\u00b7\u2014-\u2026\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
_SAMPLE = 1 << 16


def _looks_binary(data: bytes) -> bool:
    sample = data[:_SAMPLE]
    if b"\x00" in sample:
        return True
    return len(_BINARY_BYTES.findall(sample)) > max(2, len(sample) // 200)


def _plausible_chinese(text: str) -> bool:
    sample = text[:_SAMPLE]
    if not sample:
        return True
    good = len(_PLAUSIBLE.findall(sample))
    return good / len(sample) >= 0.97


def detect_encoding(data: bytes, source: str | None = None) -> tuple[str, int]:
    """The encoding of ``data`` and the length of its byte-order mark.

    Raises :class:`InputError` for binary data or bytes no supported encoding reads.
    """
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name, len(bom)
    if _looks_binary(data):
        raise InputError("binary data, not text (NUL or control bytes found)", source)
    try:
        data.decode("utf-8")
        return "utf-8", 0
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        text = None
    if text is not None and _plausible_chinese(text):
        return "gb18030", 0
    raise InputError(
        f"not UTF-8, UTF-16 or GB18030 text (undecodable byte 0x{data[utf8_error.start]:02x} at offset {utf8_error.start})",
        source,
    )


def decode_bytes(data: bytes, source: str | None = None) -> str:
    """Decode input bytes to text, refusing binary or undecodable input with one clear line."""
    encoding, skip = detect_encoding(data, source)
    try:
        return data[skip:].decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(f"invalid {encoding} at byte offset {exc.start + skip}", source) from None


def normalize_newlines(text: str) -> str:
    """CRLF and lone CR become LF; Unicode line and paragraph separators too."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\u2028" in text or "\u2029" in text or "\x85" in text:
        text = text.replace("\u2028", "\n").replace("\u2029", "\n").replace("\x85", "\n")
    return text


DEFAULT_MAX_SIZE = 256 * 1024 * 1024  # bytes; a digest is a few hundred kilobytes


def _too_large(max_size: int, source: str) -> InputError:
    return InputError(f"larger than the input limit of {max_size:,} bytes (raise it with --max-size)", source)


def read_input_bytes(path: str | os.PathLike[str], max_size: int = DEFAULT_MAX_SIZE) -> bytes:
    """The bytes of a regular input file of at most ``max_size`` bytes, with one-line errors otherwise.

    Devices, FIFOs and sockets are refused: their reading may never end or never start.
    The file is opened without blocking and checked after opening, so a file swapped
    for a FIFO between a check and the open cannot hang the reader either.
    """
    name = os.fspath(path)
    try:
        fd = os.open(name, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise MissingInputError("no such file", name) from None
    except IsADirectoryError:
        raise InputError("is a directory, not a file", name) from None
    except PermissionError:
        raise InputError("permission denied", name) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", name) from None
    mode = os.fstat(fd)
    problem = None
    if stat.S_ISDIR(mode.st_mode):
        problem = InputError("is a directory, not a file", name)
    elif not stat.S_ISREG(mode.st_mode):
        problem = InputError("not a regular file (a device, FIFO or socket); refused", name)
    elif mode.st_size > max_size:
        problem = _too_large(max_size, name)
    if problem is not None:
        os.close(fd)
        raise problem
    with os.fdopen(fd, "rb") as stream:
        return read_bounded(stream, max_size, name)


def read_bounded(stream: BinaryIO, max_size: int = DEFAULT_MAX_SIZE, source: str = "stdin") -> bytes:
    """All of ``stream`` if it holds at most ``max_size`` bytes (a file may grow after its size was checked)."""
    try:
        data = stream.read(max_size + 1)
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", source) from None
    if len(data) > max_size:
        raise _too_large(max_size, source)
    return data


def parse_size(text: str) -> int:
    """A byte count from ``256M``, ``1K``, ``2G`` or a plain number (:class:`ValueError` otherwise)."""
    units = {"": 1, "K": 1024, "M": 1024**2, "G": 1024**3}
    match = re.fullmatch(r"\s*(\d+)\s*([KMG]?)(?:i?B)?\s*", text.upper())
    if not match:
        raise ValueError(f"not a size: {text!r} (write e.g. 256M, 1G, 500K)")
    return int(match[1]) * units[match[2]]
