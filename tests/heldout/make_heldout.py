"""Held-out pages made by other tools and other hands than ``tests/corpus`` (issue 10).

Not a pytest file.  Three kinds of case, each with ``gold.json`` (the model that was typeset or
written) and the text users would bring:

- ``cr-*``   Chromium headless print-to-PDF of HTML newspaper pages (CSS grid and multi-column,
             headline across the columns, deck, byline, section heads, a captioned photo box, a
             boxed sidebar, running head and folio in ``@page`` margin boxes); extracted with
             ``pdftotext -raw`` and pypdfium2;
- ``fo-*``   LibreOffice conversions of a flat ODT written here (a layout table whose cells are the
             columns, a headline row across them, a text frame holding a sidebar, header and
             footer with a page-number field); the same two extractors;
- ``hw-*``   text "by other hands": a gold story set hard-wrapped at another width by a CJK-aware
             wrapper (closing marks may overhang), some double-spaced, with form feeds and a
             running head per page, letter-spaced headlines and random half-width punctuation
             (``input.txt``; the gold keeps the document's own marks).

``HELD_OUT`` names the half that no rule was tuned on.  Run:
``python tests/heldout/make_heldout.py`` (needs chromium, soffice, pdftotext, pypdfium2).
"""

from __future__ import annotations

import html
import json
import random
import re
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
CASES = HERE / "cases"
sys.path.insert(0, str(HERE.parent / "corpus"))
from make_corpus import (  # noqa: E402
    Story,
    gold_doc,
    license_model,
    load_stories,
    page_count,
    pypdfium2_text,
    story_blocks,
)

HELD_OUT = ("cr-zh-02", "cr-en-01", "fo-zh-02", "hw-zh-03", "hw-zh-04")
SEED = 20261202
PAPERS = ["南岭日报", "海河晚报", "天山周刊", "长河商报"]
CLOSERS = "。，、；：？！”’）》」』…—"


# --------------------------------------------------------------------------- helpers

def h(s: str) -> str:
    """HTML-escaped text."""
    return html.escape(s, quote=False)


def extract(pdf: Path, out: Path) -> None:
    """``pdftotext -raw`` and pypdfium2 (pages joined by form feeds) of ``pdf``."""
    r = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True)
    (out / "pdftotext-raw.txt").write_bytes(r.stdout)
    (out / "pypdfium2.txt").write_bytes(pypdfium2_text(pdf).encode("utf-8"))


def write_case(cid: str, gold: dict, info: dict) -> Path:
    """Write a case's gold and description; its folder."""
    d = CASES / cid
    d.mkdir(parents=True, exist_ok=True)
    (d / "gold.json").write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    (d / "case.json").write_text(json.dumps(info, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return d


def pick(stories: list[Story], rng: random.Random, n: int, max_paras: int) -> list[Story]:
    """``n`` stories with headlines, each cut to ``max_paras`` body blocks."""
    chosen = rng.sample([s for s in stories if s.headline], n)
    for s in chosen:
        s.body = s.body[:max_paras]
    return chosen


# --------------------------------------------------------------------------- Chromium

def story_html(blocks: list[dict], boxed: bool) -> str:
    """One article as HTML (``boxed``: the sidebar)."""
    out = []
    for b in blocks:
        t, text = b["type"], h(b["text"])
        if t == "heading":
            out.append(f"<h{b['level']}>{text}</h{b['level']}>")
        elif t == "caption":
            out.append(f"<figure><div class=photo></div><figcaption>{text}</figcaption></figure>")
        else:
            out.append(f"<p class={t}>{text}</p>")
    cls = "sidebar" if boxed else "story"
    return f"<article class={cls}>" + "".join(out) + "</article>"


def chromium_page(g: dict, articles: list[list[dict]], sidebar: list[dict] | None) -> str:
    """HTML: the first article's head spans the page, its body and the rest run in columns."""
    first = articles[0]
    n_head = next(i for i, b in enumerate(first) if b["type"] == "paragraph")
    head = "".join(f"<h1>{h(b['text'])}</h1>" if b["type"] == "heading" else f"<p class={b['type']}>{h(b['text'])}</p>"
                   for b in first[:n_head])
    body = story_html(first[n_head:], False) + "".join(story_html(a, False) for a in articles[1:])
    side = story_html(sidebar, True) if sidebar else ""
    grid = g["layout"] == "grid"
    main_css = (f"display:grid;grid-template-columns:repeat({g['columns']},1fr);column-gap:{g['gap']}mm"
                if grid else f"columns:{g['columns']};column-gap:{g['gap']}mm;column-fill:auto")
    css = f"""
@page {{ size: {g['paper']}; margin: 18mm 14mm;
  @{g['head_box']} {{ content: "{g['head']}"; font: 8pt '{g['font']}'; }}
  @{g['folio_box']} {{ content: "{g['folio_before']}" counter(page) "{g['folio_after']}"; font: 8pt '{g['font']}'; }} }}
body {{ font-family: '{g['font']}'; font-size: {g['body_pt']}pt; line-height: {g['leading']}; margin: 0;
  text-align: justify; }}
header h1 {{ font-size: {g['body_pt'] * 2.2}pt; margin: 0 0 2mm; text-align: center; }}
header p {{ text-align: center; margin: 0 0 2mm; }}
.subtitle {{ font-size: {g['body_pt'] * 1.3}pt; }}
.byline {{ font-size: {g['body_pt'] * 0.9}pt; }}
main {{ {main_css}; }}
{'main > article { break-inside: auto; }' if grid else ''}
h1 {{ font-size: {g['body_pt'] * 1.7}pt; margin: 3mm 0 1mm; }}
h2 {{ font-size: {g['body_pt'] * 1.15}pt; margin: 2mm 0 1mm; }}
p {{ margin: 0; text-indent: 2em; }}
p.byline, p.subtitle, p.source, p.jump {{ text-indent: 0; }}
p.source {{ text-align: right; font-size: {g['body_pt'] * 0.85}pt; }}
figure {{ margin: 2mm 0; }} .photo {{ background: #bbb; height: 30mm; }}
figcaption {{ font-size: {g['body_pt'] * 0.85}pt; }}
.sidebar {{ border: 0.8pt solid #333; padding: 2mm; margin-top: 3mm; background: #f2f2f2;
  {'grid-column: 1 / -1;' if grid else 'break-inside: avoid;'} }}
"""
    return (f"<!doctype html><html lang={g['lang']}><head><meta charset=utf-8><style>{css}</style></head>"
            f"<body><header>{head}</header><main>{body}{side}</main></body></html>")


def render_chromium(page: str, out: Path) -> None:
    """Print the HTML page to ``out`` with headless Chromium."""
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "page.html"
        src.write_text(page, encoding="utf-8")
        subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                        f"--print-to-pdf={out}", src.as_uri()], capture_output=True, check=True, timeout=180)


def furniture_texts(g: dict, pages: int) -> list[dict]:
    """The running head and folio of every page, top-left to bottom-right."""
    order = ("top-left", "top-center", "top-right", "bottom-left", "bottom-center", "bottom-right")
    boxes = sorted([(g["head_box"], g["head"]), (g["folio_box"], g["folio_before"] + "{n}" + g["folio_after"])],
                   key=lambda b: order.index(b[0]))
    return [{"page": p, "text": tpl.replace("{n}", str(p))} for p in range(1, pages + 1) for _, tpl in boxes]


def make_chromium(cid: str, g: dict, articles: list[list[dict]], sidebar: list[dict] | None) -> None:
    """Render, extract and write one Chromium case."""
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "page.pdf"
        render_chromium(chromium_page(g, articles, sidebar), pdf)
        pages = page_count(pdf)
        all_articles = articles + ([sidebar] if sidebar else [])
        gold = gold_doc(g["lang"], articles[0][0]["text"], furniture_texts(g, pages), [], all_articles)
        d = write_case(cid, gold, {"id": cid, "engine": "chromium", "pages": pages, **g})
        extract(pdf, d)


# --------------------------------------------------------------------------- LibreOffice, flat ODT

FODT_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls><style:font-face style:name="F" svg:font-family="'{font}'"/></office:font-face-decls>
<office:styles>
<style:default-style style:family="paragraph"><style:paragraph-properties fo:text-align="justify"/>
 <style:text-properties style:font-name="F" style:font-name-asian="F" fo:font-size="{pt}pt" style:font-size-asian="{pt}pt"/></style:default-style>
<style:style style:name="Body" style:family="paragraph"><style:paragraph-properties fo:text-indent="{indent}pt" fo:line-height="{lh}%"/></style:style>
<style:style style:name="H1" style:family="paragraph"><style:paragraph-properties fo:text-align="center" fo:margin-bottom="6pt"/>
 <style:text-properties fo:font-size="{h1}pt" style:font-size-asian="{h1}pt" fo:font-weight="bold" style:font-weight-asian="bold"/></style:style>
<style:style style:name="H2" style:family="paragraph"><style:paragraph-properties fo:margin-top="4pt" fo:margin-bottom="2pt"/>
 <style:text-properties fo:font-weight="bold" style:font-weight-asian="bold"/></style:style>
<style:style style:name="Small" style:family="paragraph"><style:paragraph-properties fo:text-align="center"/>
 <style:text-properties fo:font-size="{small}pt" style:font-size-asian="{small}pt"/></style:style>
<style:style style:name="Right" style:family="paragraph"><style:paragraph-properties fo:text-align="end"/>
 <style:text-properties fo:font-size="{small}pt" style:font-size-asian="{small}pt"/></style:style>
</office:styles>
<office:automatic-styles>
<style:page-layout style:name="PL"><style:page-layout-properties fo:page-width="{pw}" fo:page-height="{ph}"
 fo:margin-top="12mm" fo:margin-bottom="12mm" fo:margin-left="15mm" fo:margin-right="15mm"/>
 <style:header-style><style:header-footer-properties fo:margin-bottom="4mm"/></style:header-style>
 <style:footer-style><style:header-footer-properties fo:margin-top="4mm"/></style:footer-style></style:page-layout>
<style:style style:name="T" style:family="table"><style:table-properties style:width="{tw}" table:align="center"/></style:style>
<style:style style:name="C" style:family="table-cell"><style:table-cell-properties fo:padding="2mm" fo:border="none"/></style:style>
<style:style style:name="Fr" style:family="graphic"><style:graphic-properties fo:border="0.8pt solid #000000"
 fo:padding="2mm" fo:background-color="#eeeeee" style:wrap="none" style:vertical-pos="top" style:horizontal-pos="center"/></style:style>
</office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="PL">
<style:header><text:p text:style-name="Small">{head}</text:p></style:header>
<style:footer><text:p text:style-name="Small">{folio_before}<text:page-number text:select-page="current">1</text:page-number>{folio_after}</text:p></style:footer>
</style:master-page></office:master-styles>
<office:body><office:text>
"""

STYLE_OF = {"heading": "H2", "subtitle": "Small", "byline": "Small", "source": "Right", "caption": "Small", "jump": "Right"}


def odt_para(b: dict) -> str:
    """One block as an ODT paragraph of its style."""
    style = "H1" if b["type"] == "heading" and b.get("level") == 1 else STYLE_OF.get(b["type"], "Body")
    return f'<text:p text:style-name="{style}">{h(b["text"])}</text:p>'


def fodt(g: dict, articles: list[list[dict]], sidebar: list[dict]) -> str:
    """A boxed text frame (the sidebar, printed first), then a layout table per article: the headline row spans the column cells."""
    cols = g["columns"]
    parts = [FODT_HEAD.format(**g)]
    frame = ('<text:p><draw:frame draw:style-name="Fr" text:anchor-type="paragraph" svg:width="{w}" draw:z-index="0">'
             '<draw:text-box fo:min-height="20mm">{body}</draw:text-box></draw:frame></text:p>')
    parts.append(frame.format(w=g["tw"], body="".join(odt_para(b) for b in sidebar)))
    for art in articles:
        n_head = next(i for i, b in enumerate(art) if b["type"] == "paragraph")
        body = art[n_head:]
        per = -(-len(body) // cols)
        parts.append(f'<table:table table:style-name="T"><table:table-column table:number-columns-repeated="{cols}"/>')
        parts.append(f'<table:table-row><table:table-cell table:style-name="C" table:number-columns-spanned="{cols}">'
                     + "".join(odt_para(b) for b in art[:n_head]) + "</table:table-cell>"
                     + "<table:covered-table-cell/>" * (cols - 1) + "</table:table-row><table:table-row>")
        for c in range(cols):
            parts.append('<table:table-cell table:style-name="C">' + "".join(odt_para(b) for b in body[c * per:(c + 1) * per])
                         + "</table:table-cell>")
        parts.append("</table:table-row></table:table>")
    parts.append("</office:text></office:body></office:document>\n")
    return "".join(parts)


def make_fodt(cid: str, g: dict, articles: list[list[dict]], sidebar: list[dict]) -> None:
    """Convert the flat ODT with LibreOffice, extract and write one case."""
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "page.fodt"
        src.write_text(fodt(g, articles, sidebar), encoding="utf-8")
        subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp}/profile", "--headless", "--convert-to", "pdf",
                        "--outdir", tmp, str(src)], capture_output=True, check=True, timeout=300)
        pdf = Path(tmp) / "page.pdf"
        pages = page_count(pdf)
        furn = [{"page": p, "text": t} for p in range(1, pages + 1)
                for t in (g["head"], f"{g['folio_before']}{p}{g['folio_after']}")]
        gold = gold_doc("zh-Hans", articles[0][0]["text"], furn, [], [sidebar, *articles])
        d = write_case(cid, gold, {"id": cid, "engine": "libreoffice-fodt", "pages": pages, **g})
        extract(pdf, d)


# --------------------------------------------------------------------------- other hands

def cell(ch: str) -> float:
    """The width of one character in full-width cells."""
    return 0.5 if ord(ch) < 0x2E80 and ch not in "“”‘’—…" else 1.0


def wrap(text: str, width: int) -> list[str]:
    """CJK-aware hard wrap: ``width`` full-width cells a line; closing marks may overhang by one."""
    lines, cur, w = [], "", 0.0
    i = 0
    while i < len(text):
        ch = text[i]
        run = re.match(r"[A-Za-z0-9.%\-]+", text[i:])  # a Latin word or number is not broken
        piece = run.group(0) if run and cell(ch) < 1 else ch
        pw = sum(cell(c) for c in piece)
        if w + pw > width and cur and not (piece in CLOSERS and w <= width):
            lines.append(cur)
            cur, w = "", 0.0
        cur += piece
        w += pw
        i += len(piece)
    if cur:
        lines.append(cur)
    return lines


def halfwidth(text: str, rng: random.Random, share: float) -> str:
    """Some of the full-width marks of ``text`` as ASCII (``share`` of them)."""
    table = {"，": ",", "：": ":", "；": ";", "？": "?", "！": "!", "（": "(", "）": ")"}
    return "".join(table[c] if c in table and rng.random() < share else c for c in text)


def hand_text(blocks: list[dict], g: dict, rng: random.Random) -> tuple[str, list[dict]]:
    """The hand-made text of ``blocks`` and its furniture (one running head + folio a page)."""
    out: list[str] = []
    for b in blocks:
        t, text = b["type"], b["text"]
        if t == "heading" and g["letter_space"] and len(text) <= 16:
            lines = [" ".join(text)]
        elif t == "paragraph":
            lines = wrap(g["indent"] + halfwidth(text, rng, g["halfwidth"]), g["width"])
        else:
            lines = wrap(text, g["width"])
        if g["blank_after_heads"] or t == "paragraph":
            lines = [*lines, ""]
        out.extend(lines)
    sep = "\n\n" if g["double"] else "\n"
    pages, furn, per = [], [], g["page_lines"]
    for p in range(0, len(out), per):
        n = p // per + 1
        head, folio = g["head"], f"- {n} -"
        furn += [{"page": n, "text": head}, {"page": n, "text": folio}]
        pages.append(sep.join([head, "", *out[p:p + per], folio]))
    return "\f".join(pages) + "\n", furn


def make_hand(cid: str, g: dict, articles: list[list[dict]], rng: random.Random) -> None:
    """Write one hand-made text case."""
    flat = [b for a in articles for b in a]
    text, furn = hand_text(flat, g, rng)
    gold = gold_doc("zh-Hans", articles[0][0]["text"], furn, [], articles)
    d = write_case(cid, gold, {"id": cid, "engine": "hand-wrapped", **g})
    (d / "input.txt").write_text(text, encoding="utf-8")


# --------------------------------------------------------------------------- plan

def english_articles(name: str, chunks: int) -> list[list[dict]]:
    """A licence text's model blocks as one article."""
    _, blocks = license_model(name, chunks)
    return [blocks]


def main() -> int:
    """Generate every case."""
    rng = random.Random(SEED)
    stories, _ = load_stories()
    CASES.mkdir(parents=True, exist_ok=True)
    (CASES / "held_out.json").write_text(json.dumps(list(HELD_OUT)) + "\n", encoding="utf-8")

    def arts(n: int, paras: int, caption_at: int = 1) -> list[list[dict]]:
        """``n`` stories as model blocks."""
        return [story_blocks(s, {"caption_at": caption_at}) for s in pick(stories, rng, n, paras)]

    zh = {"lang": "zh-Hans", "font": "Noto Serif CJK SC"}
    make_chromium("cr-zh-01", {**zh, "layout": "columns", "columns": 3, "gap": 5, "paper": "A4", "body_pt": 10,
                               "leading": 1.5, "head": f"{PAPERS[0]} 2026年7月3日 星期五", "head_box": "top-left",
                               "folio_box": "top-right", "folio_before": "第", "folio_after": "版"},
                  arts(3, 6), arts(1, 3)[0])
    make_chromium("cr-zh-02", {**zh, "layout": "grid", "columns": 2, "gap": 7, "paper": "A4", "body_pt": 11,
                               "leading": 1.7, "head": "时事·观察", "head_box": "top-center",
                               "folio_box": "bottom-center", "folio_before": "— ", "folio_after": " —"},
                  arts(4, 4), arts(1, 2)[0])
    make_chromium("cr-zh-03", {**zh, "layout": "columns", "columns": 4, "gap": 4, "paper": "A3", "body_pt": 9.5,
                               "leading": 1.4, "head": f"{PAPERS[1]}·综合", "head_box": "bottom-left",
                               "folio_box": "bottom-right", "folio_before": "", "folio_after": ""},
                  arts(5, 5, 2), None)
    make_chromium("cr-en-01", {"lang": "en", "font": "DejaVu Serif", "layout": "columns", "columns": 2, "gap": 6,
                               "paper": "A4", "body_pt": 9.5, "leading": 1.35, "head": "Licence Texts Collected",
                               "head_box": "top-center", "folio_box": "bottom-right", "folio_before": "Page ",
                               "folio_after": ""},
                  english_articles("MPL-2.0", 40), None)
    lo = {"font": "Noto Serif CJK SC", "pt": 10.5, "indent": 21, "lh": 150, "h1": 20, "small": 9, "pw": "210mm",
          "ph": "297mm", "tw": "180mm", "columns": 2, "folio_before": "- ", "folio_after": " -"}
    make_fodt("fo-zh-01", {**lo, "head": f"{PAPERS[2]} 2026年7月8日"}, arts(2, 6), arts(1, 3)[0])
    make_fodt("fo-zh-02", {**lo, "columns": 3, "pt": 9.5, "lh": 140, "head": "理论·学习", "folio_before": "第",
                           "folio_after": "版"}, arts(3, 6), arts(1, 2)[0])
    hw = {"indent": "　　", "halfwidth": 0.0, "double": False, "letter_space": False, "blank_after_heads": True,
          "page_lines": 40, "head": f"{PAPERS[3]} 学习资料"}
    make_hand("hw-zh-01", {**hw, "width": 20, "halfwidth": 0.3, "blank_after_heads": False}, arts(3, 5), rng)
    make_hand("hw-zh-02", {**hw, "width": 33, "double": True, "letter_space": True, "indent": ""}, arts(3, 5), rng)
    make_hand("hw-zh-03", {**hw, "width": 41, "letter_space": True, "halfwidth": 0.5, "blank_after_heads": False},
              arts(3, 5), rng)
    make_hand("hw-zh-04", {**hw, "width": 26, "double": True, "halfwidth": 0.2, "page_lines": 30}, arts(3, 5), rng)
    make_chromium("cr-zh-04", {**zh, "layout": "grid", "columns": 3, "gap": 5, "paper": "A4", "body_pt": 10.5,
                               "leading": 1.6, "head": f"{PAPERS[3]} 要闻", "head_box": "top-right",
                               "folio_box": "top-left", "folio_before": "- ", "folio_after": " -"},
                  arts(4, 4, 0), arts(1, 3)[0])
    make_fodt("fo-zh-03", {**lo, "pt": 11, "lh": 160, "head": "综合新闻"}, arts(2, 5), arts(1, 2)[0])
    make_hand("hw-zh-05", {**hw, "width": 30, "double": True, "letter_space": True, "halfwidth": 0.4,
                           "blank_after_heads": False, "page_lines": 36}, arts(3, 5), rng)
    return 0


if __name__ == "__main__":
    sys.exit(main())
