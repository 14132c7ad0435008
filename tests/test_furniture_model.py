"""``meta.furniture`` (docs/spec/model.md): its JSON form, its errors, the Markdown round trip, the writers."""

from __future__ import annotations

import re

import pytest

from digestconv.api import render
from digestconv.errors import ModelError
from digestconv.model import Document, Furniture, Heading, Meta, Paragraph
from digestconv.plugins import get_reader

FURNITURE = (Furniture("经济日报 2026年6月12日 第3版", 3), Furniture("— 3 —", 3), Furniture("要闻"))
DOCUMENT = Document(
    blocks=(Heading(text="携手构建更加紧密的中国—中亚命运共同体"),
            Paragraph(text="推动共建“一带一路”高质量发展，为地区合作注入新动能。")),
    meta=Meta(title="携手构建更加紧密的中国—中亚命运共同体", furniture=FURNITURE),
)


def test_furniture_json_form_omits_an_unknown_page() -> None:
    assert DOCUMENT.to_dict()["meta"]["furniture"] == [
        {"page": 3, "text": "经济日报 2026年6月12日 第3版"},
        {"page": 3, "text": "— 3 —"},
        {"text": "要闻"},
    ]


def test_furniture_loads_back_equal() -> None:
    loaded = Document.from_dict(DOCUMENT.to_dict())
    assert loaded == DOCUMENT
    assert loaded.meta.furniture[0] == Furniture("经济日报 2026年6月12日 第3版", 3)
    assert "furniture" not in loaded.meta.extra


def test_no_furniture_no_key() -> None:
    assert "furniture" not in Document(meta=Meta()).to_dict()["meta"]


@pytest.mark.parametrize(("furniture", "message"), [
    ("第3版", "meta.furniture: expected a list"),
    (["第3版"], "meta.furniture[0]: expected an object"),
    ([{"page": 3}], "meta.furniture[0]: missing 'text'"),
    ([{"text": 3}], "meta.furniture[0].text: expected a string, got int"),
    ([{"text": "第3版", "page": "3"}], "meta.furniture[0].page: expected a page number from 1, got '3'"),
    ([{"text": "第3版", "page": 0}], "meta.furniture[0].page: expected a page number from 1, got 0"),
    ([{"text": "第3版", "page": True}], "meta.furniture[0].page: expected a page number from 1, got True"),
    ([{"text": "第3版", "where": "top"}], "meta.furniture[0]: unknown key 'where'"),
])
def test_bad_furniture_is_a_one_line_model_error(furniture: object, message: str) -> None:
    with pytest.raises(ModelError) as caught:
        Document.from_dict({"meta": {"lang": "zh-Hans", "furniture": furniture}, "blocks": []})
    assert str(caught.value) == message
    assert "\n" not in str(caught.value)


def test_json_to_markdown_to_json_keeps_the_furniture() -> None:
    markdown = render(DOCUMENT, "md")
    back = get_reader("markdown").read(markdown, source="page.md")
    assert back.meta.furniture == FURNITURE
    assert back.to_dict()["meta"]["furniture"] == DOCUMENT.to_dict()["meta"]["furniture"]


def _body_text(fmt: str, data: bytes) -> str:
    text = data.decode("utf-8")
    if fmt == "md":
        return re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)
    if fmt == "html":
        match = re.search(r"<body.*?</body>", text, flags=re.S)
        assert match is not None
        return match.group()
    return text


@pytest.mark.parametrize("fmt", ["txt", "html", "md"])
def test_writers_never_print_the_source_furniture_in_the_body(fmt: str) -> None:
    body = _body_text(fmt, render(DOCUMENT, fmt))
    assert "推动共建" in body  # the body is there …
    for item in FURNITURE:
        assert item.text not in body  # … and the source's running heads and folios are not
