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
    with pytest.raises(InputError, match=r"x\.txt: not UTF-8, UTF-16, GB18030 or Big5 text"):
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


TRADITIONAL = "第二屆中國—中亞峰會在阿斯塔納舉行。\n行政長官今日會見記者，談及經濟發展。\n"
CANTONESE = "我哋今日去咗街市買嘢，啲菜好新鮮。\n政府發言人表示，會繼續留意情況。\n"


@pytest.mark.parametrize(("text", "codec", "detected"), [
    (TRADITIONAL, "big5", "big5"),
    (TRADITIONAL, "cp950", "big5"),
    (TRADITIONAL + "價格：€100\n", "cp950", "cp950"),
    (CANTONESE, "big5hkscs", "big5hkscs"),
    (TRADITIONAL, "gbk", "gb18030"),  # traditional characters in a GBK file stay GBK
])
def test_big5_and_hkscs_detected(text: str, codec: str, detected: str) -> None:
    data = text.encode(codec)
    assert detect_encoding(data)[0] == detected
    assert decode_bytes(data) == text


def test_encoding_overrides_detection() -> None:
    data = TRADITIONAL.encode("big5")
    assert decode_bytes(data, "x.txt", "big5") == TRADITIONAL
    assert decode_bytes(data, "x.txt", "gb18030") != TRADITIONAL  # taken as told, even when wrong
    with pytest.raises(InputError, match=r"x\.txt: invalid utf-8 at byte offset 0"):
        decode_bytes(data, "x.txt", "utf-8")


def _cli(*args: str | Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    import os

    return subprocess.run([sys.executable, "-m", "digestconv.cli", *map(str, args)], capture_output=True,
                          check=False, env={**os.environ, **(env or {})}, timeout=120)


def test_cli_reads_big5_and_takes_encoding(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_bytes(TRADITIONAL.encode("big5"))
    detected = _cli("normalize", page, "--to", "txt")
    assert detected.returncode == 0, detected.stderr
    assert "行政長官今日會見記者" in detected.stdout.decode()
    told = _cli("normalize", page, "--to", "txt", "--encoding", "big5")
    assert told.stdout == detected.stdout
    unknown = _cli("normalize", page, "--encoding", "klingon")
    assert unknown.returncode == 2 and b"unknown encoding 'klingon'" in unknown.stderr


def test_inspect_on_a_gbk_console_replaces_what_it_cannot_show(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text("要点 • 第一项，价格 €100 ☺。\n\n正文第二段。\n", "utf-8")
    done = _cli("inspect", page, env={"PYTHONIOENCODING": "gbk"})
    assert done.returncode == 0, done.stderr
    assert b"Traceback" not in done.stderr
    shown = done.stdout.decode("gbk")
    assert "第一项" in shown and "正文第二段" in shown and "?" in shown
