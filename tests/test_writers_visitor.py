"""The block visitor the writers share, and the inline runs a text block gives them."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from digestconv.errors import ModelError
from digestconv.model import Block, Caption, Heading, Paragraph, Separator, Strong, Text, TextBlock
from digestconv.writers.base import BlockVisitor


class Names(BlockVisitor[str]):
    def visit_heading(self, block: Heading) -> str:
        return f"heading {block.level}"

    def visit_text_block(self, block: TextBlock) -> str:
        return f"text {block.TYPE}"


@dataclass(frozen=True, slots=True)
class Figure(Block):
    TYPE = "figure"


def test_each_type_goes_to_its_method_and_text_blocks_fall_back() -> None:
    names = Names()
    assert names.visit(Heading(text="標題", level=2)) == "heading 2"
    assert names.visit(Caption(text="圖")) == "text caption"
    assert names.visit(Paragraph(text="正文")) == "text paragraph"


def test_a_block_without_a_method_is_a_model_error() -> None:
    with pytest.raises(ModelError, match="Names cannot write a Separator block"):
        Names().visit(Separator())
    with pytest.raises(ModelError, match="Figure"):
        Names().visit(Figure())


def test_runs_are_the_inlines_or_one_plain_run_of_the_text() -> None:
    assert Paragraph(text="正文").runs() == (Text("正文"),)
    marked = Paragraph(text="重點", inlines=(Strong("重點"),))
    assert marked.runs() == (Strong("重點"),)
    assert Paragraph(text="", inlines=()).runs() == ()
