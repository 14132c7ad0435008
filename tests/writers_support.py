"""Shared helpers of the writer tests: the gold documents, reading outputs back, text-order checks."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from functools import cache
from pathlib import Path

from hypothesis import strategies as st

from digestconv.model import Document, Heading, Jump, Masthead, TextBlock, TocEntry
from digestconv.plugins import get_writer, writer_names
from digestconv.styles import MM_PER_PT, Style

GOLD_DIR = Path(__file__).parent / "data" / "writers"
GOLD_STEMS = sorted(p.stem for p in GOLD_DIR.glob("*.json"))
EPUBCHECK_JAR = Path("/usr/share/java/epubcheck.jar")

_WHITESPACE = re.compile(r"\s+")

# any code point, lone surrogates and XML-forbidden characters included
NASTY = ["\x00", "\x0b", "\x1f", "\x7f", "\x85", "\ud800", "\udfff", "\ufffe", "\U0001ffff", "\n", "\r", "<", "&",
          "]]>", "\u2028", "“", "。"]
ANY_TEXT = st.lists(
    st.one_of(st.characters(exclude_categories=()), st.sampled_from(NASTY), st.integers(0xD800, 0xDFFF).map(chr)),
    max_size=40,
).map("".join)


def load_gold(stem: str) -> Document:
    """A gold document (the normalizer's target for one seed), as the writers get it."""
    with (GOLD_DIR / f"{stem}.json").open(encoding="utf-8") as fh:
        return Document.from_dict(json.load(fh))


def squash(text: str) -> str:
    """``text`` without any whitespace, so line breaks and justification spaces do not matter."""
    return _WHITESPACE.sub("", text)


def expected_texts(document: Document, keep_furniture: bool = False) -> list[str]:
    """Every text block's text in reading order, as a writer must print it (page furniture left out)."""
    out = []
    for block in document.text_blocks():
        if isinstance(block, (Jump, Masthead)) and not keep_furniture:
            continue
        text = squash(block.text)
        if text:
            out.append(text)
    return out


def heading_texts(document: Document) -> set[str]:
    """The squashed texts of the document's headings."""
    return {squash(b.text) for b in document.text_blocks() if isinstance(b, Heading)}


def toc_page_numbers(document: Document) -> list[str]:
    """The page numbers of a digest's contents lines."""
    return [b.page for b in document.text_blocks() if isinstance(b, TocEntry) and b.page]


def assert_in_order_once(expected: list[str], actual_text: str, *, min_unique_len: int = 6) -> None:
    """Each expected text occurs in ``actual_text`` in order; none is lost and none doubled.

    Whitespace is ignored.  "Once" is checked for texts of at least ``min_unique_len``
    characters (shorter ones may legitimately occur inside others): such a text occurs
    as often as it does inside the expected texts themselves.
    """
    actual = squash(actual_text)
    position = 0
    for i, text in enumerate(expected):
        found = actual.find(text, position)
        assert found >= 0, f"block {i} missing or out of order: {text[:40]!r}"
        position = found + len(text)
    for text in set(expected):
        if len(text) >= min_unique_len:
            want = sum(e.count(text) for e in expected)
            got = actual.count(text)
            assert got == want, f"text occurs {got} times, expected {want}: {text[:40]!r}"


def text_block_box(style: Style, tolerance_pt: float = 3.0, side_pt: float = 20.0) -> tuple[float, float, float, float]:
    """The text block of ``style``'s pages in points (x, y, width, height), a little enlarged.

    The sides get ``side_pt`` more, for punctuation that hangs in the margin (LibreOffice).
    """
    page = style.page
    return (
        page.margin_left_mm / MM_PER_PT - side_pt,
        page.margin_top_mm / MM_PER_PT - tolerance_pt,
        page.text_width_mm / MM_PER_PT + 2 * side_pt,
        page.text_height_mm / MM_PER_PT + 2 * tolerance_pt,
    )


def pdftotext(path: Path, *, box: tuple[float, float, float, float] | None = None,
              first: int | None = None, last: int | None = None) -> str:
    """The text of a PDF through poppler's pdftotext, optionally only inside ``box`` (points)."""
    args = ["pdftotext", "-enc", "UTF-8"]
    if box is not None:
        x, y, w, h = box
        args += ["-x", str(int(x)), "-y", str(int(y)), "-W", str(int(w + 0.999)), "-H", str(int(h + 0.999))]
    if first is not None:
        args += ["-f", str(first)]
    if last is not None:
        args += ["-l", str(last)]
    result = subprocess.run([*args, str(path), "-"], capture_output=True, text=True, check=True)
    return result.stdout


def pdf_pages(path: Path) -> int:
    """The page count of a PDF (pdfinfo)."""
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def pdf_info(path: Path) -> dict[str, str]:
    """pdfinfo's fields."""
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in info.splitlines()) if v}


def pdf_fonts(path: Path) -> list[dict[str, str]]:
    """pdffonts' rows: name, emb, sub."""
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    rows = []
    for line in out.splitlines()[2:]:
        tokens = line.split()
        if len(tokens) >= 7:
            rows.append({"name": tokens[0], "emb": tokens[-5], "sub": tokens[-4]})
    return rows


@cache
def epubcheck_command() -> list[str] | None:
    """How to run epubcheck here (the Debian jar through java), or ``None`` if it is missing."""
    if EPUBCHECK_JAR.exists() and shutil.which("java"):
        # the client compiler and serial GC halve epubcheck's start-up on a small machine
        return ["java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", str(EPUBCHECK_JAR)]
    return None


def epubcheck(path: Path) -> tuple[int, int, int, str]:
    """(fatals, errors, warnings, output) of epubcheck on ``path``."""
    command = epubcheck_command()
    assert command is not None
    result = subprocess.run([*command, str(path)], capture_output=True, text=True, timeout=300)
    output = result.stdout + result.stderr
    match = re.search(r"Messages: (\d+) fatals? / (\d+) errors? / (\d+) warnings?", output)
    if match is None:
        return (0, 0, 0, output) if "No errors or warnings detected" in output else (1, 1, 1, output)
    return int(match.group(1)), int(match.group(2)), int(match.group(3)), output


def all_text(document: Document) -> str:
    """The concatenated text of every text block (for tests on made-up documents)."""
    return "".join(b.text for b in document.text_blocks() if isinstance(b, TextBlock))


@cache
def loadable_writers() -> tuple[str, ...]:
    """Every installed writer that loads, PDF included."""
    names = []
    for name in writer_names():
        try:
            get_writer(name)
        except Exception:
            continue
        names.append(name)
    return tuple(names)


def loadable_writers_but_pdf() -> tuple[str, ...]:
    """Every installed writer that loads, but PDF (slow: its own tests and the benchmark cover it)."""
    return tuple(name for name in loadable_writers() if name != "pdf")
