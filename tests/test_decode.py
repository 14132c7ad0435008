"""Decoding input bytes (UTF-8, UTF-16, GB18030; line ends) and refusing what is not text."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from digestconv.errors import InputError
from digestconv.readers._input import decode_bytes, detect_encoding
from digestconv.readers.ocr.pipeline import normalize

TEXT = "第二届中国—中亚峰会在阿斯塔纳举行。\n习近平出席并发表主旨发言。\n"


@pytest.mark.parametrize(("data", "encoding"), [
    (TEXT.encode("utf-8"), "utf-8"),
    (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8"),
    (TEXT.encode("utf-16"), "utf-16-le"),
    (b"\xfe\xff" + TEXT.encode("utf-16-be"), "utf-16-be"),
    (TEXT.encode("gb18030"), "gb18030"),
    (TEXT.encode("gbk"), "gb18030"),
])
def test_encodings_detected(data: bytes, encoding: str) -> None:
    assert detect_encoding(data)[0] == encoding
    assert decode_bytes(data) == TEXT


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\n"])
def test_line_ends(newline: str) -> None:
    data = "第一段。\n\n第二段。\n".replace("\n", newline).encode("utf-8")
    assert [b.text for b in normalize(data).text_blocks()] == ["第一段。", "第二段。"]


@pytest.mark.parametrize("data", [
    bytes(range(256)) * 4,
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200),
    b"PK\x03\x04" + bytes(100),
])
def test_binary_refused(data: bytes) -> None:
    with pytest.raises(InputError, match="binary"):
        decode_bytes(data, "x.txt")


def test_undecodable_refused_with_offset() -> None:
    data = "中文".encode() + b"\xff\xfe\xfd\x80\x81" * 20 + "文字".encode()
    with pytest.raises(InputError, match=r"x\.txt: not UTF-8, UTF-16 or GB18030 text"):
        decode_bytes(data, "x.txt")


def test_latin1_is_not_taken_for_chinese() -> None:
    data = ("Café crème, naïve façade. " * 20).encode("latin-1")
    with pytest.raises(InputError):
        decode_bytes(data, "x.txt")


def test_cli_reports_binary_in_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02" * 100)
    out = subprocess.run([sys.executable, "-m", "digestconv.cli", "normalize", str(bad)],
                         capture_output=True, text=True, check=False)
    assert out.returncode == 1
    assert out.stderr.count("\n") == 1 and "bad.txt" in out.stderr and "binary" in out.stderr
    assert "Traceback" not in out.stderr
