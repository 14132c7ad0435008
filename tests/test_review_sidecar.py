"""The review file: edits by input line, applied by the library, normalize, convert and inspect; stale ones reported."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

import digestconv
from digestconv.model import Heading, Paragraph, Subtitle
from digestconv.review import sidecar
from digestconv.review.edits import Edit, apply_edits
from digestconv.review.reading import normalize_input
from digestconv.review.session import PageSession

PROJECT = Path(__file__).parents[1]
SEED = PROJECT / "seeds" / "003_0cb625f6deeae67c.txt"


@pytest.fixture
def page(tmp_path: Path) -> Path:
    target = tmp_path / "page.txt"
    shutil.copy(SEED, target)
    return target


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "digestconv.cli", *args], capture_output=True, text=True,
                          cwd=PROJECT, env={"PYTHONPATH": str(PROJECT), "PATH": "/usr/bin:/bin"})


def _blocks(document: digestconv.Document) -> list[tuple[str, str]]:
    return [(b.TYPE, b.text) for b in document.text_blocks()]


def test_join_split_type_and_furniture_edit_the_blocks_by_input_line() -> None:
    result, lines = normalize_input(SEED.read_bytes(), SEED.name, {})
    before = {e.first_line: e for e in result.trace}
    assert before[4].last_line == 8 and before[10].last_line == 34 and before[471].type == "subtitle"
    edits = [Edit("join", 10, lines[9].strip()), Edit("split", 20, lines[19].strip()),
             Edit("type", 471, lines[470].strip(), "heading", 2), Edit("furniture", 466, lines[465].strip())]
    out, problems = apply_edits(result, lines, edits)
    assert problems == []
    after = {e.first_line: e for e in out.trace}
    joined, rest = after[4], after[21]
    assert (joined.last_line, rest.last_line) == (20, 34)
    assert joined.text == before[4].text + before[10].text[: len(joined.text) - len(before[4].text)]
    assert joined.text + rest.text == before[4].text + before[10].text  # nothing lost, nothing doubled
    assert joined.text.endswith("得到淬") and rest.text.startswith("炼与升华")  # the cut falls after line 20's text
    assert after[471].type == "heading" and after[471].type_rule == "user"
    assert 466 not in after and after[467].last_line == 468  # the source note lost its first line
    assert before[466].text.endswith(after[467].text) and after[467].text == "叶书宏）"
    assert any(f.text == lines[465].strip() for f in out.document.meta.furniture)
    retyped = [b for b in out.document.text_blocks() if b.text == before[471].text]
    assert len(retyped) == 1 and isinstance(retyped[0], Heading) and retyped[0].level == 2


def test_an_edit_that_does_not_fit_is_skipped_and_named() -> None:
    result, lines = normalize_input(SEED.read_bytes(), SEED.name, {})
    out, problems = apply_edits(result, lines, [Edit("join", 6, lines[5]), Edit("split", 8, lines[7])])
    assert problems == ["join before line 6: no block starts there", "split after line 8: the block already ends there"]
    assert _blocks(out.document) == _blocks(result.document)


def test_the_review_file_round_trips_and_the_input_is_never_touched(page: Path) -> None:
    original = page.read_bytes()
    session = PageSession.open(page)
    session.edit("join", 10)
    session.edit("type", 470, "subtitle")
    session.set_reviewed(True)
    assert page.read_bytes() == original
    saved = sidecar.load(sidecar.sidecar_path(page))
    assert saved.input_sha256 == sidecar.content_hash(original) and saved.reviewed
    assert [(e.op, e.line, e.type) for e in saved.edits] == [("join", 10, None), ("type", 470, "subtitle")]
    text = sidecar.sidecar_path(page).read_text(encoding="utf-8")
    assert "# join before line 10" in text and "# line 470 is subtitle" in text
    reopened = PageSession.open(page)
    assert _blocks(reopened.current.result.document) == _blocks(session.current.result.document)
    assert reopened.review.reviewed


def test_undo_and_redo_walk_the_edits(page: Path) -> None:
    session = PageSession.open(page)
    plain = _blocks(session.current.result.document)
    session.edit("join", 10)
    joined = _blocks(session.current.result.document)
    assert len(joined) == len(plain) - 1
    assert session.undo() and _blocks(session.current.result.document) == plain
    assert session.redo() and _blocks(session.current.result.document) == joined
    assert not session.redo()
    assert sidecar.load(sidecar.sidecar_path(page)).edits[0].op == "join"


def test_read_normalize_and_convert_give_what_the_page_showed(page: Path, tmp_path: Path) -> None:
    session = PageSession.open(page)
    session.edit("join", 10)
    session.edit("split", 20)
    session.edit("type", 470, "subtitle")
    shown = session.current.result.document.to_dict()
    assert digestconv.read(page).to_dict() == shown
    done = _cli("normalize", str(page))
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == shown
    out = tmp_path / "out"
    done = _cli("convert", str(page), "--to", "json", "-o", str(out), "-j", "1")
    assert done.returncode == 0, done.stderr
    assert json.loads((out / "page.json").read_text(encoding="utf-8")) == shown
    # The library's and the CLI's way out: the normalizer's own result.
    plain = digestconv.read(page, review_file=False).to_dict()
    assert plain != shown
    assert json.loads(_cli("normalize", str(page), "--no-review-file").stdout) == plain


def test_inspect_shows_the_users_decisions(page: Path) -> None:
    session = PageSession.open(page)
    session.edit("type", 470, "subtitle")
    session.edit("split", 20)
    done = _cli("inspect", str(page))
    assert done.returncode == 0, done.stderr
    rows = {line.split()[0]: line.split() for line in done.stdout.splitlines()[1:]}
    assert rows["470"][1:3] == ["subtitle", "user"]
    assert rows["10-20"][4] == "user" and rows["21-34"][3] == "user"
    ignored = _cli("inspect", str(page), "--no-review-file")
    assert "user" not in ignored.stdout


def test_a_stale_review_file_is_reported_and_not_applied(page: Path) -> None:
    session = PageSession.open(page)
    session.edit("join", 10)
    lines = page.read_text(encoding="utf-8").split("\n")
    lines[9] = "改写过的一行。"
    page.write_text("\n".join(lines), encoding="utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        document = digestconv.read(page)
    assert document.to_dict() == digestconv.read(page, review_file=False).to_dict()
    messages = [str(w.message) for w in caught if issubclass(w.category, sidecar.ReviewFileWarning)]
    assert len(messages) == 1 and "page.review.toml" in messages[0] and "line 10" in messages[0]
    done = _cli("normalize", str(page))
    assert done.returncode == 0
    assert done.stderr.startswith("digestconv: warning: ") and "page.review.toml" in done.stderr
    assert "Traceback" not in done.stderr and done.stderr.count("\n") == 1


def test_a_review_file_still_applies_when_only_other_lines_changed(page: Path) -> None:
    session = PageSession.open(page)
    session.edit("type", 470, "subtitle")
    page.write_bytes(page.read_bytes() + b"\n")  # re-extracted with one more blank line at the end
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        document = digestconv.read(page)
    assert any(isinstance(b, Subtitle) and "时代的呼唤" in b.text for b in document.text_blocks())


def test_a_malformed_review_file_is_one_line_naming_it(page: Path) -> None:
    sidecar.sidecar_path(page).write_text('format = "digestconv-review/1"\n[[edit]]\nop = "explode"\n', encoding="utf-8")
    done = _cli("normalize", str(page))
    assert done.returncode == 1
    assert done.stderr.startswith("digestconv: error: ") and "page.review.toml" in done.stderr
    assert "Traceback" not in done.stderr


def test_paragraph_types_survive_a_type_round_trip(page: Path) -> None:
    session = PageSession.open(page)
    session.edit("type", 4, "caption")
    session.edit("type", 4, "paragraph")
    blocks = list(session.current.result.document.text_blocks())
    assert isinstance(blocks[1], Paragraph) and blocks[1].text.startswith("精神之树")


def test_export_writes_each_format_and_variant_as_convert_names_them(page: Path, tmp_path: Path) -> None:
    import docx
    from ebooklib import epub

    from digestconv.review.export import export

    session = PageSession.open(page)
    session.edit("join", 10)
    out = tmp_path / "out"
    written = export(session.current.result.document, page.stem, out, ["docx", "epub"], ["zh-Hans", "zh-TW"], "gbt9704")
    assert sorted(p.name for p in written) == ["page.docx", "page.epub", "page.zh-TW.docx", "page.zh-TW.epub"]
    paragraphs = [p.text for p in docx.Document(str(out / "page.zh-TW.docx")).paragraphs]
    joined = [p for p in paragraphs if p.startswith("精神之樹")]
    assert len(joined) == 1 and "回望歷史" in joined[0]
    book = epub.read_epub(str(out / "page.epub"))
    assert book.get_metadata("DC", "language")[0][0].startswith("zh")


def test_a_review_file_that_cannot_be_written_changes_nothing(page: Path) -> None:
    session = PageSession.open(page)
    before = _blocks(session.current.result.document)
    sidecar.sidecar_path(page).mkdir()  # a folder where the file should go: writing it fails, even for root
    with pytest.raises(OSError):
        session.edit("join", 10)
    assert _blocks(session.current.result.document) == before and session.review.edits == []
