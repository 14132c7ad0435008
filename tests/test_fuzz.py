"""Fuzzing: arbitrary Unicode through the OCR normalizer and every writer.

Nothing may escape but the clean :class:`InputError`; the XML inside DOCX and
EPUB stays well-formed; and the JSON output loses no letter, digit or Han
character of the input.
"""

from __future__ import annotations

import io
import json
import unicodedata
import zipfile
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from digestconv import Document, InputError
from digestconv.api import read, render
from digestconv.plugins import get_writer
from tests.writers_support import loadable_writers_but_pdf

# Pieces of real OCR text and its troubles, mixed with anything Unicode has.
PIECES = [
    "中国—中亚峰会", "新华社北京6月20日电", "（记者 李品萦）", "，", "。", "“", "”", "‘", "’", "……", "——",
    "**", "[", "](", ")", "# ", "## ", "- ", "■ 权威解读.....1", "<http://example.com/a>", "(下转第二版)",
    "６月１７日", "Ａ１", "inter-", "national", " ", "\u3000", "\n", "\n\n", "\r\n", "\t",
    "\u200b", "\u200e", "\u200f", "\u202a", "\u202e", "\u2066", "\u2069", "\ufeff", "\u00ad", "\x00", "\x07",
    "\x1b", "\x0b", "\x0c", "\x7f", "\x85", "\u2028", "\u2029", "\ufffe", "\uffff", "e\u0301", "ﬁ", "①",
    "\U0001f600", "\U00020000", "مرحبا", "שלום", "한국어", "ｶﾀｶﾅ",
]
ANY_CHAR = st.characters(exclude_categories=())  # surrogates included
ENCODABLE_CHAR = st.characters()
# Lone surrogates cannot be UTF-8; "surrogatepass" writes them the way broken tools do.
ANY_TEXT = st.lists(st.one_of(st.sampled_from(PIECES), st.text(ANY_CHAR, max_size=8)), max_size=40).map("".join)
ENCODABLE_TEXT = st.lists(
    st.one_of(st.sampled_from([p for p in PIECES if p not in ("\x00", "\ufffe", "\uffff")]),
              st.text(ENCODABLE_CHAR, max_size=8)),
    max_size=40,
).map("".join)
SETTINGS = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large]}




def read_or_refuse(text: str) -> Document | None:
    """The normalized document, or None when the reader refuses the input with a clean InputError."""
    try:
        return read(text.encode("utf-8", "surrogatepass"), "ocr", name="fuzz.txt")
    except InputError as exc:
        assert "\n" not in str(exc)
        return None


def check_rendering(document: Document, fmt: str) -> None:
    data = render(document, fmt)
    assert data
    if fmt in ("docx", "epub"):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for name in archive.namelist():
                if name.endswith((".xml", ".xhtml", ".opf", ".ncx", ".rels", ".html")):
                    etree.fromstring(archive.read(name))
    elif fmt == "json":
        assert Document.from_dict(json.loads(data)) == document


def counted(text: str) -> Counter[str]:
    """Letters and digits (Han included) after compatibility decomposition, so full-width
    forms and composed accents count the same as what the normalizer turns them into."""
    return Counter(c for c in unicodedata.normalize("NFKD", text) if unicodedata.category(c)[0] in "LN")


def output_text(data: dict) -> str:
    """Every text the JSON dump carries: its blocks' texts, link targets and contents pages, and its furniture."""
    parts: list[str] = []

    def visit(block: dict) -> None:
        if "text" in block:
            parts.append(block["text"])
        parts.append(block.get("page") or "")
        parts.extend(i.get("href", "") for i in block.get("inlines") or [])
        for child in block.get("blocks", []) + block.get("items", []):
            visit(child)

    for block in data["blocks"]:
        visit(block)
    # running heads and folios leave the flow but stay in the document (spec/model.md, meta.furniture)
    parts.extend(line["text"] for line in data["meta"].get("furniture", []))
    return "\n".join(parts)


@settings(max_examples=300, **SETTINGS)
@given(ANY_TEXT)
def test_the_reader_accepts_or_refuses_cleanly(text: str) -> None:
    document = read_or_refuse(text)
    if document is not None:
        Document.from_dict(document.to_dict())


@settings(max_examples=200, **SETTINGS)
@given(ENCODABLE_TEXT)
def test_the_json_output_loses_no_character(text: str) -> None:
    document = read_or_refuse(text)
    if document is None:
        return
    dumped = json.loads(render(document, "json"))
    have = counted(output_text(dumped))
    lost = {c: n - have[c] for c, n in counted(text).items() if have[c] < n}
    assert not lost, lost


@settings(max_examples=60, **SETTINGS)
@given(ANY_TEXT)
def test_every_writer_renders_what_the_reader_accepts(text: str) -> None:
    document = read_or_refuse(text)
    if document is None:
        return
    from digestconv.transforms.variants import to_variant

    for variant in (document, to_variant(document, "zh-HK")):
        for fmt in loadable_writers_but_pdf():
            check_rendering(variant, fmt)


@pytest.mark.slow
@settings(max_examples=10, **SETTINGS)
@given(ANY_TEXT)
def test_the_pdf_writer_renders_what_the_reader_accepts(text: str) -> None:
    try:
        get_writer("pdf")
    except Exception as exc:
        pytest.skip(f"no PDF writer: {exc}")
    document = read_or_refuse(text)
    if document is None:
        return
    assert render(document, "pdf").startswith(b"%PDF-")
