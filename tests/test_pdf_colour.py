"""PDF text is set in pure K (CMYK 0/0/0/100), not RGB black, read from the pages' content streams."""

from __future__ import annotations

import io

import pikepdf
import pytest

from digestconv.writers.base import WriteOptions
from digestconv.writers.pdf import render_pdf
from tests.writers_support import load_gold

pytestmark = pytest.mark.slow
TEXT_SHOWING = {"Tj", "TJ", "'", '"'}


def _number(value: object) -> float:
    return float(value)  # type: ignore[arg-type]


def text_fill_colours(pdf: bytes) -> set[tuple[str, tuple[float, ...]]]:
    """The fill colours (space, components) that text is shown in, over every page."""
    seen: set[tuple[str, tuple[float, ...]]] = set()
    with pikepdf.open(io.BytesIO(pdf)) as document:
        for page in document.pages:
            space, fill = "/DeviceGray", ("/DeviceGray", (0.0,))
            stack = []
            for operands, operator in pikepdf.parse_content_stream(page):
                op = str(operator)
                if op == "q":
                    stack.append((space, fill))
                elif op == "Q" and stack:
                    space, fill = stack.pop()
                elif op == "cs":
                    space = str(operands[0])
                elif op in ("sc", "scn"):
                    fill = (space, tuple(_number(v) for v in operands if not isinstance(v, pikepdf.Name)))
                elif op == "rg":
                    fill = ("/DeviceRGB", tuple(_number(v) for v in operands))
                elif op == "g":
                    fill = ("/DeviceGray", (_number(operands[0]),))
                elif op == "k":
                    fill = ("/DeviceCMYK", tuple(_number(v) for v in operands))
                elif op in TEXT_SHOWING:
                    seen.add(fill)
    return seen


@pytest.mark.parametrize("style", ["handout", "gbt9704"])
def test_text_is_pure_black_ink(style: str) -> None:
    pdf = render_pdf(load_gold("000_5c3f93aa5334f7f2"), WriteOptions(style=style, toc=True)).data
    assert text_fill_colours(pdf) == {("/DeviceCMYK", (0.0, 0.0, 0.0, 1.0))}
