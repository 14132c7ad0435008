"""The WeasyPrint internals the PDF writer replaces: replaced only where they are the ones it was written for."""

from __future__ import annotations

import logging
from typing import Any

import pypdfium2 as pdfium
import pytest
import weasyprint  # type: ignore[import-untyped]
from weasyprint.layout import inline  # type: ignore[import-untyped]
from weasyprint.pdf import fonts  # type: ignore[import-untyped]
from weasyprint.text.line_break import Layout  # type: ignore[import-untyped]

from digestconv.model import Document, Heading, Meta, Paragraph
from digestconv.writers.base import WriteOptions
from digestconv.writers.pdf import compress, justify, render_pdf, subset


def _weasyprint_own(monkeypatch: pytest.MonkeyPatch) -> tuple[Any, Any]:
    """Put WeasyPrint's own functions back and forget any earlier install (restored after the test)."""
    own_justify = justify._installed[0] if justify._installed else inline.justify_line
    own_set_text = compress._installed[0] if compress._installed else Layout.set_text
    monkeypatch.setattr(inline, "justify_line", own_justify)
    monkeypatch.setattr(Layout, "set_text", own_set_text)
    own_subset = subset._installed[0] if subset._installed else fonts.Font._harfbuzz_subset
    own_data = subset._data_installed[0] if subset._data_installed else fonts.get_hb_object_data
    monkeypatch.setattr(fonts.Font, "_harfbuzz_subset", own_subset)
    monkeypatch.setattr(fonts, "get_hb_object_data", own_data)
    for module in (justify, compress, subset):
        monkeypatch.setattr(module, "_installed", [])
        monkeypatch.setattr(module, "_checked", [])
    monkeypatch.setattr(subset, "_data_installed", [])
    monkeypatch.setattr(subset, "_data_checked", [])
    return own_justify, own_set_text


def test_another_weasyprint_release_keeps_its_own_functions_and_the_pdf_is_written(
        monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    own_justify, own_set_text = _weasyprint_own(monkeypatch)
    monkeypatch.setattr(weasyprint, "__version__", "71.0")
    document = Document(meta=Meta(title="标题", lang="zh-Hans"), blocks=(
        Heading(level=1, text="标题"), Paragraph(text="他说“好”，我们走了。" * 20)))
    with caplog.at_level(logging.WARNING, logger="digestconv"):
        data = render_pdf(document, WriteOptions()).data
        render_pdf(document, WriteOptions())
    assert inline.justify_line is own_justify and Layout.set_text is own_set_text
    assert not justify.installed() and not compress.installed()
    assert not subset.installed() and not subset.face_files_kept()
    # one line for each function, once per process
    messages = [r.getMessage() for r in caplog.records if r.name == "digestconv"]
    assert len(messages) == 4 and all("\n" not in m and "WeasyPrint 71.0" in m for m in messages), messages
    assert any("justify_line(context, line, extra_width)" in m for m in messages)
    assert any("Font._harfbuzz_subset(self, to_unicode, hinting)" in m for m in messages)
    pdf = pdfium.PdfDocument(data)
    assert "我们走了" in pdf[0].get_textpage().get_text_range()


def test_a_function_with_other_parameters_is_not_replaced(
        monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    _weasyprint_own(monkeypatch)

    def changed_justify_line(context: Any, line: Any, extra_width: float, spacing: float) -> None:
        """A later WeasyPrint's ``justify_line`` with one more parameter."""

    monkeypatch.setattr(inline, "justify_line", changed_justify_line)
    with caplog.at_level(logging.WARNING, logger="digestconv"):
        justify.install()
        compress.install()
    subset.install()
    assert inline.justify_line is changed_justify_line and not justify.installed()
    # the release and the other function match: that one is replaced
    assert compress.installed() and Layout.set_text is compress._set_text
    messages = [r.getMessage() for r in caplog.records if r.name == "digestconv"]
    assert len(messages) == 1 and "spacing" in messages[0]


def test_the_installed_weasyprint_is_replaced() -> None:
    justify.install()
    compress.install()
    subset.install()
    assert justify.installed() and inline.justify_line is justify.justify_line
    assert compress.installed() and Layout.set_text is compress._set_text
    assert subset.installed() and fonts.Font._harfbuzz_subset is subset._harfbuzz_subset
    assert subset.face_files_kept() and fonts.get_hb_object_data is subset.face_file
