"""digestconv logs under its own name and leaves the host application's logging of other libraries alone."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from digestconv.logs import quiet_library
from digestconv.model import Document, Paragraph
from tests.test_plugins import TEXT, cli, install


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def test_rendering_a_pdf_leaves_weasyprints_logger_as_the_host_set_it() -> None:
    from digestconv.api import render

    weasy = logging.getLogger("weasyprint")
    before = (weasy.level, list(weasy.filters))
    weasy.setLevel(logging.INFO)
    try:
        data = render(Document(blocks=(Paragraph(text="正文。"),)), "pdf")
        assert data.startswith(b"%PDF-")
        assert weasy.level == logging.INFO
        assert weasy.filters == before[1]
    finally:
        weasy.setLevel(before[0])


def test_weasyprint_noise_is_filtered_only_inside_our_calls_in_our_thread() -> None:
    collect = _Collect()
    weasy = logging.getLogger("weasyprint")
    weasy.addHandler(collect)
    weasy.setLevel(logging.DEBUG)
    try:
        with quiet_library("weasyprint"):
            weasy.warning("ignored inside our call")
            weasy.error("an error still passes")
            other = threading.Thread(target=weasy.warning, args=("another thread's warning",))
            other.start()
            other.join()
        weasy.warning("the host's own use, after our call")
    finally:
        weasy.removeHandler(collect)
        weasy.setLevel(logging.NOTSET)
    messages = [r.getMessage() for r in collect.records]
    assert messages == ["an error still passes", "another thread's warning", "the host's own use, after our call"]


def test_digestconv_has_its_own_logger_tree() -> None:
    from digestconv.api import read

    collect = _Collect()
    logger = logging.getLogger("digestconv")
    logger.addHandler(collect)
    previous = logger.level
    logger.setLevel(logging.DEBUG)
    try:
        read(TEXT, "ocr", name="page.txt")
    finally:
        logger.removeHandler(collect)
        logger.setLevel(previous)
    assert any(r.name == "digestconv.api" and "ocr reader" in r.getMessage() for r in collect.records)


def test_quiet_and_verbose_set_the_level(tmp_path: Path) -> None:
    site = install(tmp_path / "site", {"txt": "digestconv_csv:CsvWriter"})
    page = tmp_path / "page.txt"
    page.write_bytes(TEXT)
    normal = cli(site, "normalize", page, "--to", "md")
    assert "digestconv: warning: writer 'txt' is registered twice" in normal.stderr
    assert "reading with" not in normal.stderr
    quiet = cli(site, "normalize", page, "--to", "md", "-q")
    assert quiet.returncode == 0 and quiet.stderr == ""
    debug = cli(site, "normalize", page, "--to", "md", "-vv")
    assert f"digestconv: debug: {page}: reading with the ocr reader" in debug.stderr
