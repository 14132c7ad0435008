"""Reading input files and decoding their bytes to text (spec §5, "decode").

UTF-8 (with or without BOM) and UTF-16/32 with a BOM are taken as they say;
anything else that is not UTF-8 is tried as GB18030 (the superset of GBK and
GB2312 that Chinese OCR tools emit) and as Big5 (with Microsoft's CP950 and
Hong Kong's HKSCS additions, what Traditional-Chinese offices keep), and taken
in the encoding whose reading is made of the most common Chinese characters,
if that reading looks like Chinese text at all.  Both double-byte encodings
decode most of each other's bytes, so "decodes without error" alone cannot tell
them apart; a wrong reading is a scatter of rare characters.  Binary data is
refused, never decoded into garbage.  ``encoding=`` overrides the detection.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from functools import cache
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


# Tried in this order when the bytes are not UTF-8; the first of equal scores wins.
_LEGACY_ENCODINGS = ("gb18030", "big5", "cp950", "big5hkscs")
_HAN = re.compile(r"[\u3400-\u9fff\U00020000-\U0003134f]")
_COMMON_SHARE = 0.6  # of the Han characters; real text scores above 0.9, a wrong reading below 0.5


@cache
def common_han() -> frozenset[str]:
    """The common characters of both scripts: GB2312's first level (3,755) and Big5's 常用字 (5,401).

    Both are read out of the codecs themselves, so no table is kept here.
    """
    found: set[str] = set()
    for lead in range(0xB0, 0xD8):  # GB2312 level 1: rows 16-55
        for trail in range(0xA1, 0xFF):
            found.update(bytes((lead, trail)).decode("gb2312", errors="ignore"))
    for code in range(0xA440, 0xC67F):  # Big5 frequently used characters
        found.update(code.to_bytes(2, "big").decode("big5", errors="ignore"))
    return frozenset(c for c in found if _HAN.match(c))


def _common_share(text: str) -> float:
    sample = text[:_SAMPLE]
    han = _HAN.findall(sample)
    if not han:
        return 0.0
    common = common_han()
    return sum(c in common for c in han) / len(han)


def _legacy_reading(data: bytes) -> str | None:
    """The legacy encoding whose reading of ``data`` is the most plausible Chinese text, or None."""
    best: tuple[float, str] | None = None
    for encoding in _LEGACY_ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if not _plausible_chinese(text):
            continue
        share = _common_share(text)
        if share >= _COMMON_SHARE and (best is None or share > best[0]):
            best = (share, encoding)
    return best[1] if best else None


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
    encoding = _legacy_reading(data)
    if encoding is not None:
        return encoding, 0
    raise InputError(
        f"not UTF-8, UTF-16, GB18030 or Big5 text (undecodable byte 0x{data[utf8_error.start]:02x} "
        f"at offset {utf8_error.start}; name the encoding with --encoding)",
        source,
    )


def check_encoding(name: str) -> str:
    """The codec's canonical name for ``name`` (``big5-hkscs`` → ``big5hkscs``); :class:`InputError` if unknown."""
    try:
        return codecs.lookup(name).name
    except LookupError:
        raise InputError(f"unknown encoding {name!r} (e.g. utf-8, gb18030, big5, big5hkscs)") from None


def decode_bytes(data: bytes, source: str | None = None, encoding: str | None = None) -> str:
    """Decode input bytes to text, refusing binary or undecodable input with one clear line.

    ``encoding`` (the user's ``--encoding``) is used as given, a byte-order mark aside.
    """
    if encoding is None:
        encoding, skip = detect_encoding(data, source)
    else:
        encoding = check_encoding(encoding)
        skip = len(codecs.BOM_UTF8) if encoding == "utf-8" and data.startswith(codecs.BOM_UTF8) else 0
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
