"""Embedded fonts: subset in one HarfBuzz pass, each face's file read once, fewer cycle collections while writing."""

from __future__ import annotations

import gc
import io
from typing import Any

import pikepdf
import pytest
from fontTools.ttLib import TTFont
from weasyprint.pdf import fonts  # type: ignore[import-untyped]

from digestconv import collector
from digestconv.writers.base import WriteOptions
from digestconv.writers.pdf import render_pdf, subset, weasy
from tests.writers_support import load_gold

STEM = "004_93aa3b5d04f4e9a6"


def _font_programs(data: bytes) -> dict[str, bytes]:
    """Each embedded font's program by its PDF name."""
    programs = {}
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/FontDescriptor":
                stream = obj.get("/FontFile3") or obj.get("/FontFile2")
                programs[str(obj.FontName)] = stream.read_bytes()
    return programs


def _tables(program: bytes) -> dict[str, bytes]:
    font = TTFont(io.BytesIO(program))
    return {tag: font.reader[tag] for tag in font.reader.tables}


def _weasyprint_subsetting(monkeypatch: pytest.MonkeyPatch) -> None:
    """WeasyPrint's own two-pass subsetting and font reading for the rest of the test."""
    subset.install()
    monkeypatch.setattr(fonts.Font, "_harfbuzz_subset", subset._installed[0])
    monkeypatch.setattr(fonts, "get_hb_object_data", subset._data_installed[0])


@pytest.mark.parametrize("style", ["handout", "gbt9704"])
def test_one_pass_programs_are_weasyprints_without_the_vertical_metrics(
        style: str, monkeypatch: pytest.MonkeyPatch) -> None:
    document = load_gold(STEM)
    ours = _font_programs(render_pdf(document, WriteOptions(style=style)).data)
    with monkeypatch.context() as patch:
        _weasyprint_subsetting(patch)
        theirs = _font_programs(render_pdf(document, WriteOptions(style=style)).data)
    assert ours.keys() == theirs.keys() and len(ours) >= 3
    vertical = {tag.decode() for tag in subset.VERTICAL_TABLES}
    for name, program in ours.items():
        mine, own = _tables(program), _tables(theirs[name])
        assert not vertical & mine.keys(), name
        assert vertical & own.keys(), name  # the CJK faces have them: the test sees them go
        # 'head' holds the checksum of the whole file, which lost tables
        assert {t: own[t] for t in own if t not in vertical | {"head"}} == {t: mine[t] for t in mine if t != "head"}
        assert len(program) < len(theirs[name])


def test_each_face_file_is_read_once_per_process(monkeypatch: pytest.MonkeyPatch) -> None:
    document = load_gold(STEM)
    first = render_pdf(document, WriteOptions()).data
    assert subset.face_files_kept()
    reads: list[Any] = []
    own = subset._data_installed[0]

    def counted(hb_object: Any, ot_color: str | None = None, glyph: int | None = None) -> Any:
        reads.append(hb_object)
        return own(hb_object, ot_color, glyph)

    monkeypatch.setattr(subset, "_data_installed", [counted])
    again = render_pdf(document, WriteOptions()).data
    assert reads == [] and again == first
    # the fonts are still subset: each program is a small part of the face file kept
    programs = _font_programs(again)
    assert programs and all(len(p) < min(len(f) for _, f in subset._FACE_FILES.values()) / 4 for p in programs.values())


def test_a_face_file_is_read_again_once_it_left_the_kept_ones(monkeypatch: pytest.MonkeyPatch) -> None:
    document = load_gold(STEM)
    render_pdf(document, WriteOptions())
    monkeypatch.setattr(subset, "FACE_FILES_KEPT", 1)
    monkeypatch.setattr(subset, "_FACE_FILES", type(subset._FACE_FILES)())
    data = render_pdf(document, WriteOptions()).data
    assert len(subset._FACE_FILES) == 1 and len(_font_programs(data)) >= 3


def test_fewer_collections_while_writing_and_the_thresholds_put_back(monkeypatch: pytest.MonkeyPatch) -> None:
    before = gc.get_threshold()
    seen: list[tuple[int, ...]] = []
    written = weasy._written

    def watched(rendered: Any, options: dict[str, Any]) -> bytes:
        seen.append(gc.get_threshold())
        return written(rendered, options)

    monkeypatch.setattr(weasy, "_written", watched)
    render_pdf(load_gold(STEM), WriteOptions())
    assert seen and seen[0][0] >= weasy.LAYOUT_GC_THRESHOLD and seen[0][1:] == before[1:]
    assert gc.get_threshold() == before


def test_the_thresholds_are_put_back_when_the_render_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    before = gc.get_threshold()

    def failing(rendered: Any, options: dict[str, Any]) -> bytes:
        raise RuntimeError("disk full")

    monkeypatch.setattr(weasy, "_written", failing)
    with pytest.raises(RuntimeError):
        render_pdf(load_gold(STEM), WriteOptions())
    assert gc.get_threshold() == before and collector.active_stages() == 0
