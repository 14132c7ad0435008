"""Imposition read back: sheet count and size, and the text of each half or quarter of each sheet.

The source PDFs are typeset by WeasyPrint with one label per page (``PAGE007``), so the
text pdftotext finds in a region of a sheet names the page placed there: the order is
read off the output, not assumed.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest

from digestconv.errors import StyleError
from digestconv.writers.pdf.impose import booklet_order, impose

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler's pdftotext")

A4 = (595.28, 841.89)
A5 = (419.53, 595.28)


def labelled_pdf(pages: int, size: str) -> bytes:
    """``pages`` pages of ``size``, each headed PAGEnnn, linking to the next page and to a web page."""
    from weasyprint import HTML

    body = "".join(
        f'<section style="break-after:page"><h1 id="p{i}">PAGE{i:03d}</h1>'
        f'<p><a href="#p{i % pages + 1}">next</a> <a href="https://example.org/{i}">web</a></p></section>'
        for i in range(1, pages + 1))
    css = f"@page {{ size: {size}; margin: 15mm }} body {{ font-family: DejaVu Sans }}"
    return bytes(HTML(string=f"<html><head><style>{css}</style></head><body>{body}</body></html>").write_pdf())


def region_labels(path: Path, sheet: int, box: tuple[float, float, float, float]) -> list[int]:
    """The page labels pdftotext finds on sheet side ``sheet`` (1-based) in ``box`` (x, y from the top, w, h)."""
    x, y, w, h = (str(round(v)) for v in box)
    out = subprocess.run(["pdftotext", "-f", str(sheet), "-l", str(sheet), "-x", x, "-y", y, "-W", w, "-H", h,
                          str(path), "-"], check=True, capture_output=True).stdout.decode()
    return [int(n) for n in re.findall(r"PAGE(\d{3})", out)]


def sheets_of(data: bytes) -> list[tuple[float, float]]:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        return [(float(p.mediabox[2]), float(p.mediabox[3])) for p in pdf.pages]


def halves(width: float, height: float) -> list[tuple[float, float, float, float]]:
    return [(0, 0, width / 2, height), (width / 2, 0, width / 2, height)]


def quarters(width: float, height: float) -> list[tuple[float, float, float, float]]:
    w, h = width / 2, height / 2
    return [(0, 0, w, h), (w, 0, w, h), (0, h, w, h), (w, h, w, h)]


def test_booklet_order_is_the_signature_order() -> None:
    assert booklet_order(8) == [(7, 0), (1, 6), (5, 2), (3, 4)]
    # 6 pages pad to 8: pages 7 and 8 are blanks
    assert booklet_order(6) == [(None, 0), (1, None), (5, 2), (3, 4)]


@pytest.mark.parametrize("pages", [8, 6])
def test_booklet_sheets_read_back_in_signature_order(tmp_path: Path, pages: int) -> None:
    out = tmp_path / "booklet.pdf"
    out.write_bytes(impose(labelled_pdf(pages, "A5"), "booklet", sheet_mm=(297, 210)))
    sizes = sheets_of(out.read_bytes())
    assert len(sizes) == 4  # 2 sheets, front and back
    for width, height in sizes:
        assert width == pytest.approx(A4[1], abs=1) and height == pytest.approx(A4[0], abs=1)
    expected = [[8, 1], [2, 7], [6, 3], [4, 5]]
    for side, pair in enumerate(expected, start=1):
        found = [region_labels(out, side, box) for box in halves(*sizes[side - 1])]
        assert found == [[n] if n <= pages else [] for n in pair]


def test_booklet_keeps_the_pages_at_their_size(tmp_path: Path) -> None:
    data = impose(labelled_pdf(4, "A5"), "booklet", sheet_mm=(297, 210))
    with pikepdf.open(io.BytesIO(data)) as pdf:
        content = b"".join(c.read_bytes() for c in [pdf.pages[0].obj.Contents])
    assert re.search(rb"q 1\.000000 0\.000000 0\.000000 1\.000000 ", content), content[:200]


def _x_offsets(data: bytes) -> list[list[float]]:
    """Per sheet side, the horizontal offset of each placed page (the ``e`` of its ``cm``)."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        return [[float(e) for e in re.findall(rb" ([-\d.]+) [-\d.]+ cm", p.obj.Contents.read_bytes())]
                for p in pdf.pages]


def test_creep_moves_the_inner_sheet_towards_the_spine() -> None:
    source = labelled_pdf(8, "A5")
    base, moved = _x_offsets(impose(source, "booklet")), _x_offsets(impose(source, "booklet", creep_mm=2))
    assert moved[0] == base[0] and moved[1] == base[1]  # the outer sheet stays
    two_mm = 2 * 72 / 25.4
    for side in (2, 3):  # the inner sheet, front and back
        assert moved[side][0] - base[side][0] == pytest.approx(two_mm, abs=0.01)   # left page moves right
        assert moved[side][1] - base[side][1] == pytest.approx(-two_mm, abs=0.01)  # right page moves left


def test_two_up_sheets_in_reading_order(tmp_path: Path) -> None:
    out = tmp_path / "2up.pdf"
    out.write_bytes(impose(labelled_pdf(5, "A4"), "2up", marks=True))
    sizes = sheets_of(out.read_bytes())
    assert len(sizes) == 3
    assert sizes[0] == (pytest.approx(A4[1], abs=1), pytest.approx(A4[0], abs=1))
    found = [[region_labels(out, s, box) for box in halves(*sizes[s - 1])] for s in (1, 2, 3)]
    assert found == [[[1], [2]], [[3], [4]], [[5], []]]


def test_four_up_sheets_in_reading_order(tmp_path: Path) -> None:
    out = tmp_path / "4up.pdf"
    out.write_bytes(impose(labelled_pdf(6, "A4"), "4up"))
    sizes = sheets_of(out.read_bytes())
    assert len(sizes) == 2
    assert sizes[0] == (pytest.approx(A4[0], abs=1), pytest.approx(A4[1], abs=1))
    found = [[region_labels(out, s, box) for box in quarters(*sizes[s - 1])] for s in (1, 2)]
    assert found == [[[1], [2], [3], [4]], [[5], [6], [], []]]


def test_cut_marks_are_drawn_in_gray_not_rgb() -> None:
    from digestconv.writers.pdf.standards import rgb_paint_count

    source = labelled_pdf(4, "A4")
    with_marks, without = impose(source, "4up", marks=True), impose(source, "4up")
    with pikepdf.open(io.BytesIO(with_marks)) as pdf:
        ops = [str(op) for _, op in pikepdf.parse_content_stream(pdf.pages[0])]
    assert ops.count("S") == 4 and "G" in ops
    with pikepdf.open(io.BytesIO(without)) as pdf:
        assert "S" not in [str(op) for _, op in pikepdf.parse_content_stream(pdf.pages[0])]
    assert rgb_paint_count(with_marks) == rgb_paint_count(without)


def test_outline_and_links_move_to_the_sheet_holding_their_page() -> None:
    data = impose(labelled_pdf(6, "A4"), "2up")
    with pikepdf.open(io.BytesIO(data)) as pdf:
        sheet_of = {p.obj.objgen: i for i, p in enumerate(pdf.pages)}
        with pdf.open_outline() as outline:
            items = list(outline.root)
        assert [item.title for item in items] == [f"PAGE{i:03d}" for i in range(1, 7)]
        assert [sheet_of[item.destination[0].objgen] for item in items] == [0, 0, 1, 1, 2, 2]
        # PAGE002 sits in the right half of sheet 1
        assert float(items[1].destination[2]) > float(pdf.pages[0].mediabox[2]) / 2
        links = list(pdf.pages[0].obj.Annots)
    web = [str(a.A.URI) for a in links if "/A" in a]
    assert web == ["https://example.org/1", "https://example.org/2"]
    internal = [sheet_of[a.Dest[0].objgen] for a in links if "/Dest" in a]
    assert internal == [0, 1]  # page 1 links to page 2 (sheet 1), page 2 to page 3 (sheet 2)


def test_unknown_layout_is_a_style_error() -> None:
    with pytest.raises(StyleError, match="unknown imposition"):
        impose(labelled_pdf(1, "A4"), "8up")
