"""The boundary rules' preconditions (``digestconv.readers.ocr.facts``): necessary, and the dispatch decides nothing.

A boundary rule states what must hold of a pair of lines for it to answer at all; the chain
asks a pair only the rules whose preconditions hold.  A precondition that fails where its
rule would have answered changes the outcome, so every rule is asked at every pair of real
texts — the seeds, the fixtures, real extractors' text — and must answer nothing wherever its
preconditions fail.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path

import pytest

from digestconv.readers._input import decode_bytes
from digestconv.readers.ocr import blocks, pipeline
from digestconv.readers.ocr.blocks import Pair, block_facts
from digestconv.readers.ocr.facts import ALWAYS, LINES_SHIFT, Dispatch, Fact, When
from digestconv.readers.ocr.layout import Layout, gaps_at_ends_near, pair_facts
from digestconv.readers.ocr.pipeline import normalize_text
from digestconv.readers.ocr.registry import chain
from digestconv.readers.ocr.rulebook import Rule
from tests.normalize_fixtures import load_cases
from tests.scoring import SEEDS

CASES = Path(__file__).parent / "corpus" / "cases"
EXTRACTORS = ("pdftotext-raw", "pymupdf", "tesseract")  # text with and without blank lines, OCR's misreads
SPLIT_BLOCKS = blocks.split_blocks  # the chain itself, whatever a test patches in


def texts() -> Iterator[tuple[str, str]]:
    """(name, text) of the seeds, the fixture cases and some real extractors' text."""
    for path in sorted(SEEDS.glob("*.txt")):
        yield path.name, path.read_text(encoding="utf-8")
    for case in load_cases():
        yield case.where, case.text
    for path in sorted(CASES.glob("*/*.txt")):
        if path.stem in EXTRACTORS:
            yield f"{path.parent.name}/{path.name}", decode_bytes(path.read_bytes(), path.name)


def _asking_every_rule(found: list[str], where: str) -> Callable[..., list[blocks.RawBlock]]:
    """A ``split_blocks`` that also asks every rule at every pair and notes answers its preconditions rule out."""
    def split(layout: Layout, rules: list[Rule], *, by_facts: bool = True) -> list[blocks.RawBlock]:
        facts = pair_facts(layout)

        def every_rule(pair: Pair) -> None:
            key = facts[pair.k] | block_facts(pair.current)
            if pair.current.facts != block_facts(pair.current):
                found.append(f"the block's facts at line {pair.i.no} of {where} were not kept up to date")
            for r in rules:
                when = r.when if isinstance(r.when, When) else ALWAYS
                if not when.holds(key, len(pair.block)) and r.fn(pair) is not None:
                    found.append(f"{r.name} answers at line {pair.i.no} of {where} where its preconditions fail")

        return SPLIT_BLOCKS(layout, [Rule("every-rule", "boundary", "", every_rule), *rules], by_facts=by_facts)

    return split


def test_no_rule_answers_where_its_preconditions_fail(monkeypatch: pytest.MonkeyPatch) -> None:
    found: list[str] = []
    for where, text in texts():
        monkeypatch.setattr(pipeline._blocks, "split_blocks", _asking_every_rule(found, where))
        normalize_text(text)
    assert not found, "\n".join(found[:20])


def test_asking_every_rule_decides_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    for where, text in texts():
        dispatched = normalize_text(text)
        with monkeypatch.context() as m:
            m.setattr(pipeline._blocks, "split_blocks", partial(SPLIT_BLOCKS, by_facts=False))
            asked_all = normalize_text(text)
        assert asked_all.trace == dispatched.trace, where
        assert asked_all.document == dispatched.document, where


def test_gaps_at_ends_for_all_lines_agrees_with_the_layout(monkeypatch: pytest.MonkeyPatch) -> None:
    layouts: list[Layout] = []
    monkeypatch.setattr(pipeline._blocks, "split_blocks",
                        lambda layout, rules: layouts.append(layout) or SPLIT_BLOCKS(layout, rules))
    for _, text in texts():
        normalize_text(text)
    assert any(any(layout.at_ends) for layout in layouts)  # the texts hold pages with such gaps
    for layout in layouts:
        near = [gaps_at_ends_near(layout.blank_count, layout.blank_at_end_count, k) for k in range(len(layout.lines))]
        assert layout.at_ends == near
        assert [layout.gaps_at_ends(k) for k in range(len(layout.lines))] == near


def test_preconditions_hold_or_fail_by_facts_and_length() -> None:
    when = When(all=Fact.CLOSING, any=Fact.J_DASH | Fact.J_HAN, none=Fact.GAP, min_lines=2, max_lines=3)
    assert when.holds(Fact.CLOSING | Fact.J_HAN, 2)
    assert not when.holds(Fact.J_HAN, 2)  # a fact it needs is missing
    assert not when.holds(Fact.CLOSING, 2)  # none of the facts of which one must hold
    assert not when.holds(Fact.CLOSING | Fact.J_DASH | Fact.GAP, 2)  # a fact that must not hold
    assert not when.holds(Fact.CLOSING | Fact.J_DASH, 1) and not when.holds(Fact.CLOSING | Fact.J_DASH, 4)
    assert ALWAYS.holds(0, 1) and ALWAYS.holds(Fact.CLOSING | Fact.GAP, 1000)


def test_dispatch_keeps_the_chain_order_and_asks_rules_without_preconditions_everywhere() -> None:
    rules = chain("boundary")
    free = Rule("free", "boundary", "", lambda p: None)  # no preconditions: asked at every pair
    dispatch = Dispatch([free, *rules])
    order = [r.name for r in rules]
    for facts in (0, Fact.CLOSING, Fact.GAP | Fact.GAPS_AT_ENDS, Fact.BLANKLESS | Fact.J_DASH):
        for lines in (1, 3, 50):
            asked = [name for _, name, _ in dispatch.asked(facts | (min(lines, dispatch.cap) << LINES_SHIFT))]
            assert asked[0] == "free"
            assert asked[1:] == [n for n in order if n in asked[1:]]  # in the chain's order
    closing = [name for _, name, _ in dispatch.asked(Fact.CLOSING | (1 << LINES_SHIFT))]
    assert "full-line-continues" not in closing and "short-closing" in closing


def test_dispatch_asks_the_rules_whose_preconditions_hold() -> None:
    rules = chain("boundary")
    dispatch = Dispatch(rules)
    rng = random.Random(10)
    for _ in range(2000):
        facts, lines = rng.getrandbits(LINES_SHIFT), rng.choice([1, 2, 3, 4, 5, 8, 9, 40])
        asked = [name for _, name, _ in dispatch.asked(facts | (min(lines, dispatch.cap) << LINES_SHIFT))]
        assert asked == [r.name for r in rules if (r.when or ALWAYS).holds(facts, lines)]
