"""After the reviewer's edits the blocks regroup as the normalizer groups its own, and a page's action
redraws only the rows it touched, giving the rows a full redraw gives."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import digestconv
from digestconv.model import Article, Source
from digestconv.readers.ocr.pipeline import normalize_text
from digestconv.review.edits import Edit, apply_edits, result_of, start_state
from digestconv.review.reading import input_lines
from digestconv.review.session import PageSession
from digestconv.review.view import build_rows

PROJECT = Path(__file__).parents[1]
SEED = PROJECT / "seeds" / "003_0cb625f6deeae67c.txt"


@pytest.fixture
def page(tmp_path: Path) -> Path:
    target = tmp_path / "page.txt"
    shutil.copy(SEED, target)
    return target


@pytest.mark.parametrize("seed", sorted((PROJECT / "seeds").glob("*.txt")), ids=lambda p: p.name[:3])
def test_regrouping_the_normalizers_own_blocks_gives_its_own_document(seed: Path) -> None:
    result = normalize_text(seed.read_text(encoding="utf-8"))
    assert result_of(start_state(result), result).document == result.document


def test_a_block_retyped_as_source_closes_its_article_as_normalize_would(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    result, lines = normalize_text(text), input_lines(text)
    first_article = result.document.blocks[0]
    assert isinstance(first_article, Article)
    kept, _ = apply_edits(result, lines, [Edit("type", 10, lines[9].strip(), "source")], regroup=False)
    regrouped, _ = apply_edits(result, lines, [Edit("type", 10, lines[9].strip(), "source")])
    assert len(kept.document.blocks) == len(result.document.blocks)  # kept as they were: no new article
    assert len(regrouped.document.blocks) == len(result.document.blocks) + 1
    closed = regrouped.document.blocks[0]
    assert isinstance(closed, Article) and isinstance(closed.blocks[-1], Source)
    assert closed.blocks[-1].text.startswith(lines[9].strip()[:6])


def test_the_page_after_join_split_and_type_is_what_normalize_gives_with_the_review_file(page: Path) -> None:
    session = PageSession.open(page)
    session.edit("type", 10, "source")
    session.edit("split", 20)
    session.edit("join", 470)
    shown = session.current.result.document
    kept, _ = apply_edits(normalize_text(page.read_text(encoding="utf-8")), session.lines, session.review.edits,
                          regroup=False)
    assert shown.blocks != kept.document.blocks  # the articles moved with the edits
    assert digestconv.read(page) == shown
    fresh = PageSession.open(page)  # the review file replayed from the start
    assert fresh.current.result.document == shown and fresh.current.rows == session.current.rows


def _full_rows(session: PageSession) -> list[object]:
    return list(build_rows(session.current.result, session.lines, session.review.edits, session.cells))


def test_each_action_redraws_only_its_rows_and_gives_the_full_redraw(page: Path) -> None:
    session = PageSession.open(page)
    before = session.current.rows
    session.edit("join", 10)
    after = session.current.rows
    assert after == _full_rows(session)
    # the joined row and one row either side are drawn again; the rest are the very same rows
    assert sum(1 for row in after if any(row is old for old in before)) >= len(after) - 3
    for op, line, kind in (("split", 20, None), ("furniture", 466, None), ("type", 471, "heading"),
                           ("split", 4, None), ("join", 142, None), ("furniture", 1, None)):
        session.edit(op, line, kind)
        assert session.current.rows == _full_rows(session), (op, line)
    while session.undo():
        assert session.current.rows == _full_rows(session)
    assert session.redo() and session.redo()
    assert session.current.rows == _full_rows(session)
    assert session.uncertain() == sum(len(e.weighed(opening=False)) for e in session.current.result.trace)
