"""Bad PDFs in a batch: each is one line naming the file and the problem, no traceback, the rest goes on.

Runs through the command line, so it needs the ``pdf`` reader plug-in installed (the entry point).
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pikepdf
import pytest

from digestconv.plugins import reader_names
from tests.conftest import run_cli
from tests.pdf_support import PARAGRAPHS_ZH, css, make_pdf, page_html

pytestmark = pytest.mark.skipif("pdf" not in reader_names(), reason="the pdf reader plug-in is not installed yet")


def _saved(pdf: pikepdf.Pdf, **options: object) -> bytes:
    out = io.BytesIO()
    pdf.save(out, **options)
    return out.getvalue()


def _bad_inputs(good: bytes) -> dict[str, tuple[bytes, str]]:
    """File name → (content, what its error must say)."""
    with pikepdf.open(io.BytesIO(good)) as pdf:
        locked = _saved(pdf, encryption=pikepdf.Encryption(user="secret", owner="owner-secret"))
    huge = pikepdf.new()
    huge.add_blank_page()
    huge.pages[0].MediaBox = pikepdf.Array([0, 0, 30000, 30000])
    return {
        "locked.pdf": (locked, "encrypted PDF"),
        "truncated.pdf": (good[: len(good) // 3], "PDF"),
        "fake.pdf": (b"plain words, no PDF here\n", "not a PDF"),
        "huge.pdf": (_saved(huge), "beyond what a PDF page can be"),
    }


def test_bad_pdfs_in_a_batch_are_one_line_each_and_the_good_one_is_written(tmp_path: Path):
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    good = make_pdf(page_html(2, PARAGRAPHS_ZH[:3], section=None), css(2))
    (src / "good.pdf").write_bytes(good)
    bad = _bad_inputs(good)
    for name, (data, _) in bad.items():
        (src / name).write_bytes(data)
    done = run_cli("convert", src, "--to", "json", "-o", out)
    err = done.stderr.decode("utf-8")
    assert done.returncode != 0 and "Traceback" not in err
    for name, (_, says) in bad.items():
        lines = [ln for ln in err.splitlines() if name in ln]  # the progress line, and the summary's
        assert lines and all(says in ln for ln in lines), lines
    assert sorted(p.name for p in out.iterdir()) == ["good.json"]  # no output, not even a part file, for a bad one
    texts = [b.get("text") for a in json.loads((out / "good.json").read_text(encoding="utf-8"))["blocks"]
             for b in a.get("blocks", [a])]
    assert PARAGRAPHS_ZH[0] in texts
