"""Review edits on every kind of input: a PDF's lines, a Markdown or JSON document's blocks.

The edits name the lines the reader numbers (the PDF reader's lines in reading order;
one line per block of a document already cut into blocks); the review file beside
the input is applied by ``read``, ``normalize`` and ``convert`` with the page's result.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

import digestconv
from digestconv.model import Article, Caption, Heading, Paragraph
from digestconv.review import sidecar
from digestconv.review.session import PageSession
from digestconv.review.view import build_rows

PROJECT = Path(__file__).parents[1]
CASES = PROJECT / "tests" / "corpus" / "cases"
MARKDOWN = """---
title: 校对示例
---

# 第一篇的标题

第一段正文，写到一半

被拆开的后半句。

页眉 2025年6月

- 第一项
- 第二项

::: article
## 第二篇

第二篇的正文。
:::
"""


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "digestconv.cli", *args], capture_output=True, text=True,
                          cwd=PROJECT, env={"PYTHONPATH": str(PROJECT), "PATH": "/usr/bin:/bin"})


@pytest.fixture
def pdf(tmp_path: Path) -> Path:
    target = tmp_path / "page.pdf"
    shutil.copy(CASES / "wp-zh-01" / "page.pdf", target)
    return target


def test_a_pdfs_lines_are_what_the_edits_name_page_by_page(pdf: Path) -> None:
    session = PageSession.open(pdf)
    trace = session.reviewed.base.trace
    assert len(session.lines) == trace[-1].last_line and session.reviewed.base.page_turns  # three pages
    for entry in trace:  # each block's text is made of its lines
        raw = "".join(session.lines[entry.first_line - 1: entry.last_line]).replace(" ", "")
        assert entry.text.replace(" ", "")[:4] in raw
    turn = session.reviewed.base.page_turns[0]
    cells = session.cells
    assert cells[0].page == 1 and cells[turn - 1].page == 2 and cells[turn - 1].page_turn
    assert sidecar.sidecar_path(pdf).name == "page.pdf.review.toml"


def test_a_pdf_edited_on_the_page_reads_the_same_through_read_normalize_and_convert(pdf: Path, tmp_path: Path) -> None:
    session = PageSession.open(pdf)
    long = next(e for e in session.reviewed.base.trace if e.type == "paragraph" and e.last_line - e.first_line >= 3)
    after = next(e for e in session.reviewed.base.trace if e.first_line > long.last_line and e.type == "paragraph")
    session.edit("split", long.first_line + 1)
    session.edit("join", after.first_line)
    session.edit("type", long.first_line, "caption")
    shown = session.current.result.document
    texts = [b.text for b in shown.text_blocks()]
    head = next(b for b in shown.text_blocks() if isinstance(b, Caption))
    assert head.text in long.text and head.text != long.text  # split after its second line, then retyped
    assert any(t.endswith(after.text) and t != after.text for t in texts)  # the next paragraph joined
    assert digestconv.read(pdf) == shown
    assert digestconv.read(pdf, review_file=False) != shown
    assert session.current.rows == build_rows(session.current.result, session.lines, session.review.edits,
                                              session.cells)  # the rows redrawn in part are the full redraw
    run = _cli("normalize", str(pdf), "-o", str(tmp_path / "out.json"))
    assert run.returncode == 0, run.stderr
    assert digestconv.Document.from_dict(json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))) == shown


def test_inspect_of_a_reviewed_pdf_shows_the_reviewers_decision(pdf: Path) -> None:
    session = PageSession.open(pdf)
    target = next(e for e in session.reviewed.base.trace if e.type == "paragraph")
    session.edit("type", target.first_line, "caption")
    rows = [line for line in _cli("inspect", str(pdf)).stdout.splitlines() if " caption " in line]
    assert any(" user " in line for line in rows)
    plain = _cli("inspect", str(pdf), "--no-review-file").stdout
    assert " user " not in plain


def test_a_review_file_for_another_pdf_is_reported_stale(pdf: Path) -> None:
    session = PageSession.open(pdf)
    session.edit("type", 1, "paragraph")
    shutil.copy(CASES / "wp-zh-02" / "page.pdf", pdf)  # re-extracted from another page: line 1 reads otherwise
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        document = digestconv.read(pdf)
    assert document == digestconv.read(pdf, review_file=False)
    assert any("does not match page.pdf any more" in str(w.message) for w in caught)


def test_a_markdown_documents_blocks_are_its_lines_and_its_articles_stay(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text(MARKDOWN, encoding="utf-8")
    session = PageSession.open(page)
    assert session.lines[:3] == ["第一篇的标题", "第一段正文，写到一半", "被拆开的后半句。"]
    session.edit("join", 3)
    session.edit("furniture", 4)
    session.edit("type", 1, "heading", 2)
    shown = session.current.result.document
    assert page.read_text(encoding="utf-8") == MARKDOWN  # the input is never touched
    assert digestconv.read(page) == shown
    first, second = shown.blocks[0], shown.blocks[-1]
    assert isinstance(first, Heading) and first.level == 2
    assert isinstance(shown.blocks[1], Paragraph) and shown.blocks[1].text == "第一段正文，写到一半被拆开的后半句。"
    assert isinstance(second, Article) and second == digestconv.read(page, review_file=False).blocks[-1]
    assert [f.text for f in shown.meta.furniture] == ["页眉 2025年6月"] and shown.meta.title == "校对示例"
    with pytest.raises(ValueError, match="already ends there"):
        session.edit("split", 1)  # a block of a document is one line: nothing to split inside it


def test_a_json_dump_is_reviewed_by_its_blocks_and_convert_applies_the_file(tmp_path: Path) -> None:
    seed = PROJECT / "seeds" / "003_0cb625f6deeae67c.txt"
    page = tmp_path / "page.json"
    page.write_text(json.dumps(digestconv.read(seed).to_dict(), ensure_ascii=False), encoding="utf-8")
    session = PageSession.open(page)
    blocks = list(digestconv.read(page).text_blocks())
    assert session.lines[0] == blocks[0].text and len(session.lines) >= len(blocks)
    session.edit("type", 2, "caption")
    session.edit("join", 3)
    shown = session.current.result.document
    assert digestconv.read(page) == shown and len(list(shown.text_blocks())) == len(blocks) - 1
    run = _cli("convert", str(page), "-o", str(tmp_path / "out"), "--to", "md")
    assert run.returncode == 0, run.stderr
    written = (tmp_path / "out" / "page.md").read_text(encoding="utf-8")
    assert "{.caption}" in written and blocks[1].text[:10] in written


def test_the_page_of_a_pdf_names_its_pages_and_hands_the_pdf_over_as_a_download(pdf: Path, tmp_path: Path) -> None:
    pytest.importorskip("starlette")
    import urllib.request

    from tests.review_support import running_review

    with running_review([pdf], tmp_path / "out") as app:
        status, body = app.get("/page/0")
        html = body.decode("utf-8")
        assert status == 200 and 'data-page="第1页"' in html and 'data-page="第2页"' in html
        with urllib.request.urlopen(app.url("/input/0"), timeout=60) as answer:
            assert answer.headers["content-type"] == "application/pdf"
            assert answer.headers["content-disposition"] == "attachment" and answer.read() == pdf.read_bytes()
        request = urllib.request.Request(app.url("/api/page/0/edit"), method="POST",
                                         data=json.dumps({"op": "type", "line": 1, "type": "paragraph"}).encode(),
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=60) as answer:
            timing = answer.headers["server-timing"]
            assert json.loads(answer.read())["edits"] == 1
    assert timing.startswith("action;dur=") and ", cpu;dur=" in timing
    assert sidecar.load(sidecar.sidecar_path(pdf)).edits[0].line == 1
