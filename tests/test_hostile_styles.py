"""Hostile styles: a style reads nothing outside its own folder, the built-in styles and the installed fonts."""

from __future__ import annotations

import http.server
import threading
from pathlib import Path
from typing import ClassVar

import pytest

from digestconv import Document
from digestconv.api import render
from digestconv.errors import StyleError
from digestconv.model import Meta, Paragraph
from digestconv.styles import load_style

DOC = Document(blocks=(Paragraph(text="正文。"),), meta=Meta(title="标题"))


def _style(tmp_path: Path, css: str = "", extra: str = "") -> Path:
    (tmp_path / "my.css").write_text(css, encoding="utf-8")
    path = tmp_path / "my.toml"
    path.write_text(f'extends = "handout"\ncss = "my.css"\n{extra}', encoding="utf-8")
    return path


def test_a_file_url_outside_the_style_is_refused(tmp_path: Path) -> None:
    target = Path("/usr/share/pixmaps/debian-logo.png")
    url = target.as_uri() if target.exists() else Path(__file__).as_uri()
    style = _style(tmp_path, f'html{{background:url("{url}")}}')
    with pytest.raises(StyleError, match="refused") as caught:
        render(DOC, "pdf", style=style)
    assert url in str(caught.value) and "my.toml" in str(caught.value)


def test_an_image_in_the_style_folder_is_served(tmp_path: Path) -> None:
    import pikepdf

    png = Path(__file__).parent / "data" / "dot.png"
    (tmp_path / "dot.png").write_bytes(png.read_bytes())
    style = _style(tmp_path, 'html{background:url("dot.png")}')
    data = render(DOC, "pdf", style=style)
    import io

    pdf = pikepdf.open(io.BytesIO(data))
    images = [o for o in pdf.objects if isinstance(o, pikepdf.Stream) and o.get("/Subtype") == "/Image"]
    assert [(int(i.Width), int(i.Height)) for i in images] == [(4, 4)]


class _Counter(http.server.BaseHTTPRequestHandler):
    hits: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        self.hits.append(self.path)
        self.send_response(404)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


def test_an_http_url_is_never_requested(tmp_path: Path) -> None:
    server = http.server.HTTPServer(("127.0.0.1", 0), _Counter)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/x.png"
        style = _style(tmp_path, f'html{{background:url("{url}")}}')
        with pytest.raises(StyleError, match="refused"):
            render(DOC, "pdf", style=style)
    finally:
        server.shutdown()
    assert _Counter.hits == []


@pytest.mark.parametrize("key", ["css", "docx_template", "extends"])
def test_a_named_file_outside_the_style_folder_is_refused(tmp_path: Path, key: str) -> None:
    inner = tmp_path / "style"
    inner.mkdir()
    path = inner / "my.toml"
    path.write_text(f'{key} = "/etc/passwd"\n', encoding="utf-8")
    with pytest.raises(StyleError, match="outside"):
        load_style(path)


def test_a_symlink_out_of_the_style_folder_is_refused(tmp_path: Path) -> None:
    inner = tmp_path / "style"
    inner.mkdir()
    (inner / "my.css").symlink_to("/etc/passwd")
    path = inner / "my.toml"
    path.write_text('css = "my.css"\n', encoding="utf-8")
    with pytest.raises(StyleError, match="outside"):
        load_style(path)


def test_a_non_utf8_style_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_bytes('description = "标题"\n'.encode("gb18030"))
    with pytest.raises(StyleError, match=r"bad\.toml") as caught:
        load_style(path)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize(("section", "key", "value"), [
    ("text", "body_size_pt", "1e308"), ("text", "body_size_pt", "0.0001"), ("page", "width_mm", "100000"),
    ("text", "line_height", "1e308"), ("page", "margin_top_mm", "1e308"), ("text", "title_size_pt", "nan"),
])
def test_extreme_numbers_name_the_key_and_range(tmp_path: Path, section: str, key: str, value: str) -> None:
    path = tmp_path / "x.toml"
    path.write_text(f"[{section}]\n{key} = {value}\n", encoding="utf-8")
    with pytest.raises(StyleError, match=rf"{section}\.{key}.*between"):
        load_style(path)


def test_markup_in_a_style_text_stays_well_formed(tmp_path: Path) -> None:
    from lxml import etree

    path = tmp_path / "x.toml"
    path.write_text('[page]\npage_number = "<b>&amp; {n} & <"\nheader_title = true\n', encoding="utf-8")
    doc = Document(blocks=(Paragraph(text="正文。"),), meta=Meta(title="A <b> & C"))
    html = render(doc, "html", style=path)
    etree.fromstring(html, etree.XMLParser())
