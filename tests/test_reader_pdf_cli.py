"""The ``pdf`` reader from the command line and through ``digestconv.read``: runs once the plug-in is installed.

The entry point comes from the installed metadata, so these tests skip until the
package is reinstalled with the ``pdf`` entry point.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from digestconv.plugins import reader_names
from tests.conftest import run_cli
from tests.pdf_support import HEADLINE, PARAGRAPHS_ZH, css, make_pdf, page_html

pytestmark = pytest.mark.skipif("pdf" not in reader_names(), reason="the pdf reader plug-in is not installed yet")


@pytest.fixture(scope="module")
def page_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pdf") / "page.pdf"
    path.write_bytes(make_pdf(page_html(2, PARAGRAPHS_ZH), css(2)))
    return path


def test_read_chooses_the_pdf_reader_by_extension(page_pdf: Path):
    import digestconv

    doc = digestconv.read(page_pdf)
    assert doc.title == HEADLINE
    assert [b.text for b in doc.text_blocks()][-1] == PARAGRAPHS_ZH[-1]


def test_normalize_page_pdf_to_json(page_pdf: Path):
    done = run_cli("normalize", page_pdf, "--to", "json")
    assert done.returncode == 0, done.stderr.decode()
    data = json.loads(done.stdout)
    texts = [b["text"] for a in data["blocks"] for b in a.get("blocks", [a]) if "text" in b]
    assert texts[0] == HEADLINE and PARAGRAPHS_ZH[0] in texts
    assert data["meta"]["furniture"]


def test_broken_pdf_is_one_line(tmp_path: Path):
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer\n")
    done = run_cli("normalize", bad, "--to", "json")
    assert done.returncode != 0
    err = done.stderr.decode().strip()
    assert "broken.pdf" in err and "Traceback" not in err and len(err.splitlines()) == 1
