"""The date DOCX, EPUB and HTML files carry: SOURCE_DATE_EPOCH, else the input file's modification time, else fixed."""

from __future__ import annotations

import io
import os
import shutil
import zipfile
from pathlib import Path

import pytest

from digestconv.batch import convert

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_5c3f93aa5334f7f2.txt"
MTIME = 1_712_345_678  # 2024-04-05T19:34:38Z
EPOCH = 1_700_000_000  # 2023-11-14T22:13:20Z


def _dates(outdir: Path) -> dict[str, object]:
    """The dates read back from each output: DOCX core properties and ZIP entries, EPUB metadata, HTML meta."""
    docx_path = next(outdir.glob("*.docx"))
    epub_path = next(outdir.glob("*.epub"))
    with zipfile.ZipFile(docx_path) as zf:
        core = zf.read("docProps/core.xml").decode()
        docx_zip = {i.date_time for i in zf.infolist()}
    with zipfile.ZipFile(epub_path) as zf:
        opf = next(zf.read(n).decode() for n in zf.namelist() if n.endswith(".opf"))
        epub_zip = {i.date_time for i in zf.infolist()}
    html = next(outdir.glob("*.html")).read_text(encoding="utf-8")
    return {"core": core, "docx_zip": docx_zip, "opf": opf, "epub_zip": epub_zip, "html": html}


@pytest.fixture
def source(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    path = tmp_path / "in" / SEED.name
    path.parent.mkdir()
    shutil.copyfile(SEED, path)
    os.utime(path, (MTIME, MTIME + 0.75))
    return path


def test_outputs_carry_the_input_files_modification_time(source: Path, tmp_path: Path) -> None:
    convert([source], formats="docx,epub,html", outdir=tmp_path / "a", jobs=1)
    dates = _dates(tmp_path / "a")
    assert '<dcterms:created xsi:type="dcterms:W3CDTF">2024-04-05T19:34:38Z</dcterms:created>' in str(dates["core"])
    assert "2024-04-05T19:34:38Z</dcterms:modified>" in str(dates["core"])
    assert dates["docx_zip"] == dates["epub_zip"] == {(2024, 4, 5, 19, 34, 38)}
    assert "2024-04-05T19:34:38Z" in str(dates["opf"])
    assert 'name="dcterms.created" content="2024-04-05T19:34:38Z"' in str(dates["html"])
    # the same unchanged input gives the same bytes
    convert([source], formats="docx,epub", outdir=tmp_path / "b", jobs=1)
    for name in ("docx", "epub"):
        first = next((tmp_path / "a").glob(f"*.{name}")).read_bytes()
        assert next((tmp_path / "b").glob(f"*.{name}")).read_bytes() == first


def test_source_date_epoch_wins_over_the_file_date(source: Path, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    convert([source], formats="docx,epub,html", outdir=tmp_path / "out", jobs=1)
    dates = _dates(tmp_path / "out")
    assert "2023-11-14T22:13:20Z</dcterms:created>" in str(dates["core"])
    assert dates["docx_zip"] == dates["epub_zip"] == {(2023, 11, 14, 22, 13, 20)}
    assert "2024-04-05" not in str(dates["opf"]) + str(dates["html"])


def test_standard_input_has_no_file_date_and_keeps_the_fixed_one(source: Path, tmp_path: Path) -> None:
    convert(["-"], formats="docx,epub,html", outdir=tmp_path / "out", jobs=1,
            stdin=io.BytesIO(source.read_bytes()))
    dates = _dates(tmp_path / "out")
    assert "2000-01-01T00:00:00Z</dcterms:created>" in str(dates["core"])
    assert dates["docx_zip"] == {(2000, 1, 1, 0, 0, 0)}
