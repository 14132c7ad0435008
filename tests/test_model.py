"""The document model: its JSON form, loading errors, and traversal helpers."""

from __future__ import annotations

import copy
import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from digestconv.api import render
from digestconv.errors import ModelError
from digestconv.model import (
    SCHEMA,
    Article,
    BulletList,
    Document,
    Emph,
    Heading,
    Link,
    ListItem,
    Meta,
    Paragraph,
    Separator,
    Source,
    Strong,
    Text,
    TextBlock,
    TocEntry,
    map_text_blocks,
)
from digestconv.readers.json import JsonReader
from tests.conftest import load_json, run_cli
from tests.strategies import documents

# ---------------------------------------------------------------- gold documents


def test_gold_loads_and_dumps_back_exactly(gold_path: Path) -> None:
    data = load_json(gold_path)
    document = Document.from_dict(data)
    assert document.to_dict() == data
    assert Document.from_dict(document.to_dict()) == document


def test_gold_survives_the_json_writer_and_reader(gold_path: Path) -> None:
    document = Document.from_dict(load_json(gold_path))
    dumped = render(document, "json")
    assert json.loads(dumped) == load_json(gold_path)
    assert JsonReader().read(dumped, source=gold_path.name) == document


def test_gold_corpus_uses_the_whole_model(gold_documents: dict[str, Document]) -> None:
    # the round-trip tests above only mean something if the corpus is varied
    types = {block.TYPE for doc in gold_documents.values() for block in doc.walk()}
    assert {"article", "heading", "paragraph", "list", "list_item", "toc_entry", "caption", "source"} <= types
    assert any(b.inlines for doc in gold_documents.values() for b in doc.text_blocks())


# ---------------------------------------------------------------- the JSON form


def test_every_block_and_inline_type_dumps_as_the_spec_says() -> None:
    document = Document(
        meta=Meta(title="标题", date="2025-06-18"),
        blocks=(
            Article(blocks=(
                Heading(text="一", level=2),
                Paragraph(text="ab cd", inlines=(Strong("a"), Text("b "), Emph("c"), Link("d", href="http://x"))),
                TocEntry(text="权威解读", page="1"),
                TocEntry(text="无页码"),
                BulletList(items=(ListItem(text="甲"),), ordered=True),
                Separator(),
            )),
        ),
    )
    assert document.to_dict() == {
        "schema": SCHEMA,
        "meta": {"title": "标题", "lang": "zh-Hans", "date": "2025-06-18"},
        "blocks": [{"type": "article", "blocks": [
            {"type": "heading", "level": 2, "text": "一"},
            {"type": "paragraph", "text": "ab cd", "inlines": [
                {"t": "strong", "v": "a"}, {"t": "text", "v": "b "}, {"t": "emph", "v": "c"},
                {"t": "link", "v": "d", "href": "http://x"},
            ]},
            {"type": "toc_entry", "page": "1", "text": "权威解读"},
            {"type": "toc_entry", "text": "无页码"},
            {"type": "list", "ordered": True, "items": [{"type": "list_item", "text": "甲"}]},
            {"type": "separator"},
        ]}],
    }


def test_inlines_absent_and_empty_are_different_documents() -> None:
    absent = Document.from_dict({"blocks": [{"type": "paragraph", "text": ""}]})
    empty = Document.from_dict({"blocks": [{"type": "paragraph", "text": "", "inlines": []}]})
    assert absent != empty
    assert "inlines" not in absent.to_dict()["blocks"][0]
    assert empty.to_dict()["blocks"][0]["inlines"] == []


def test_unknown_meta_keys_survive_a_round_trip() -> None:
    meta = {
        "lang": "zh-HK", "title": "題", "edition": 3, "pages": [1, 2.5, None, True],
        "printer": {"name": "印刷厂", "nested": {"deep": ["x"]}}, "": "", "note\n": "多行\n文字",
    }
    data = {"schema": SCHEMA, "meta": meta, "blocks": []}
    document = Document.from_dict(copy.deepcopy(data))
    assert document.meta.extra["printer"] == {"name": "印刷厂", "nested": {"deep": ["x"]}}
    assert document.to_dict() == data
    assert json.loads(render(document, "json")) == data


def test_missing_lang_defaults_to_simplified_chinese() -> None:
    document = Document.from_dict({"meta": {}, "blocks": []})
    assert document.meta.lang == "zh-Hans"
    assert document.to_dict()["meta"] == {"lang": "zh-Hans"}


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_any_document_survives_json_text(document: Document) -> None:
    dumped = render(document, "json")
    assert JsonReader().read(dumped) == document
    assert Document.from_dict(document.to_dict()) == document


# ---------------------------------------------------------------- malformed dumps

PARA = {"type": "paragraph", "text": "x"}

MALFORMED: list[tuple[str, Any, str]] = [
    ("not an object", [], "document: expected a JSON object"),
    ("wrong schema", {"schema": "digestconv/2"}, "schema: unsupported schema 'digestconv/2' (expected 'digestconv/1')"),
    ("unknown top-level key", {"blocks": [], "pages": 1}, "document: unknown key 'pages'"),
    ("meta not an object", {"meta": ["zh-Hans"]}, "meta: expected an object"),
    ("meta value not a string", {"meta": {"title": 3}}, "meta.title: expected a string, got int"),
    ("blocks not a list", {"blocks": {}}, "blocks: expected a list"),
    ("unknown block type", {"blocks": [PARA, PARA, PARA, {"type": "foo"}]}, "blocks[3].type: unknown block type 'foo'"),
    ("block without type", {"blocks": [{"text": "x"}]}, "blocks[0]: missing 'type'"),
    ("block not an object", {"blocks": [PARA, "x"]}, "blocks[1]: expected an object"),
    ("missing text", {"blocks": [{"type": "paragraph"}]}, "blocks[0]: missing 'text'"),
    ("text not a string", {"blocks": [{"type": "caption", "text": 5}]}, "blocks[0].text: expected a string, got int"),
    ("level too high", {"blocks": [{"type": "heading", "level": 7, "text": "x"}]},
     "blocks[0].level: expected an integer from 1 to 6, got 7"),
    ("level a boolean", {"blocks": [{"type": "heading", "level": True, "text": "x"}]},
     "blocks[0].level: expected an integer from 1 to 6, got True"),
    ("level a string", {"blocks": [{"type": "heading", "level": "2", "text": "x"}]},
     "blocks[0].level: expected an integer from 1 to 6, got '2'"),
    ("nested bad level", {"blocks": [{"type": "article", "blocks": [PARA, {"type": "heading", "level": 0, "text": "x"}]}]},
     "blocks[0].blocks[1].level: expected an integer from 1 to 6, got 0"),
    ("inlines not matching text",
     {"blocks": [{"type": "paragraph", "text": "ab", "inlines": [{"t": "text", "v": "a"}]}]},
     "blocks[0].inlines: the inlines' text does not equal the block's text"),
    ("inlines not a list", {"blocks": [{"type": "paragraph", "text": "a", "inlines": "a"}]},
     "blocks[0].inlines: expected a list"),
    ("unknown inline type", {"blocks": [{"type": "paragraph", "text": "a", "inlines": [{"t": "bold", "v": "a"}]}]},
     "blocks[0].inlines[0].t: unknown inline type 'bold'"),
    ("link without href", {"blocks": [{"type": "paragraph", "text": "a", "inlines": [{"t": "link", "v": "a"}]}]},
     "blocks[0].inlines[0]: missing 'href'"),
    ("list item of wrong type", {"blocks": [{"type": "list", "items": [PARA]}]},
     "blocks[0].items[0].type: a list holds list_item blocks, not 'paragraph'"),
    ("ordered not a boolean", {"blocks": [{"type": "list", "ordered": "yes", "items": []}]},
     "blocks[0].ordered: expected true or false"),
    ("unknown block key", {"blocks": [{"type": "separator", "text": "x"}]},
     "blocks[0]: unknown key 'text' for block type 'separator'"),
    ("page not a string", {"blocks": [{"type": "toc_entry", "text": "x", "page": 1}]},
     "blocks[0].page: expected a string, got int"),
]


@pytest.mark.parametrize(("dump", "message"), [m[1:] for m in MALFORMED], ids=[m[0] for m in MALFORMED])
def test_malformed_dump_raises_one_model_error_naming_the_place(dump: Any, message: str) -> None:
    with pytest.raises(ModelError) as caught:
        Document.from_dict(dump)
    assert str(caught.value) == message
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize(
    ("dump", "message"),
    [m[1:] for m in MALFORMED if m[0] in ("unknown block type", "missing text", "inlines not matching text")],
)
def test_cli_reports_a_malformed_dump_in_one_line(tmp_path: Path, dump: Any, message: str) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(dump), encoding="utf-8")
    result = run_cli("normalize", bad, "--to", "json", cwd=tmp_path)
    stderr = result.stderr.decode("utf-8")
    assert result.returncode == 1
    assert result.stdout == b""
    assert stderr.count("\n") == 1 and stderr.endswith("\n")
    assert "Traceback" not in stderr
    assert stderr == f"digestconv: error: bad.json: {message}\n"


def test_cli_reports_broken_json_syntax_in_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "broken.json"
    bad.write_text('{"blocks": [', encoding="utf-8")
    result = run_cli("normalize", bad, "--to", "json", "-o", tmp_path / "out.json")
    assert result.returncode == 1
    assert result.stderr.decode().startswith("digestconv: error: ")
    assert result.stderr.decode().count("\n") == 1
    assert not (tmp_path / "out.json").exists()


# ---------------------------------------------------------------- traversal and immutability


def _nested() -> Document:
    return Document(blocks=(
        Heading(text="H"),
        Article(blocks=(
            Paragraph(text="p1"),
            BulletList(items=(ListItem(text="i1"), ListItem(text="i2"))),
            Article(blocks=(Source(text="s"),)),
        )),
        Separator(),
    ))


def test_walk_is_depth_first_in_reading_order() -> None:
    kinds = [b.TYPE for b in _nested().walk()]
    assert kinds == ["heading", "article", "paragraph", "list", "list_item", "list_item", "article", "source",
                     "separator"]
    assert [b.text for b in _nested().text_blocks()] == ["H", "p1", "i1", "i2", "s"]


def test_map_text_blocks_rebuilds_containers_and_keeps_the_rest() -> None:
    document = _nested()
    mapped = map_text_blocks(document.blocks, lambda b: b.with_text(b.text.upper()))
    assert [b.text for b in Document(blocks=mapped).text_blocks()] == ["H", "P1", "I1", "I2", "S"]
    assert isinstance(mapped[2], Separator)
    assert [b.text for b in document.text_blocks()] == ["H", "p1", "i1", "i2", "s"]  # the original is untouched


def test_with_text_drops_or_replaces_inlines() -> None:
    block = Paragraph(text="ab", inlines=(Strong("a"), Text("b")))
    assert block.with_text("xy") == Paragraph(text="xy")
    assert block.with_text("x", (Emph("x"),)).inlines == (Emph("x"),)


def test_title_prefers_meta_then_first_heading() -> None:
    assert Document(blocks=(Paragraph(text="p"), Heading(text="首题")), meta=Meta(title="刊名")).title == "刊名"
    assert Document(blocks=(Paragraph(text="p"), Article(blocks=(Heading(text="首题"),)))).title == "首题"
    assert Document(blocks=(Paragraph(text="p"),)).title is None


def test_nodes_are_frozen() -> None:
    block: TextBlock = Paragraph(text="x")
    with pytest.raises(dataclasses.FrozenInstanceError):
        block.text = "y"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        Document().blocks = ()  # type: ignore[misc]
