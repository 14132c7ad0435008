#!/usr/bin/env python3
"""Generate the real-extraction corpus: typeset gold models into PDFs and extract them.

Every case is a document model (the gold) that this script builds from the shared gold
documents (Chinese newspaper pages) or from the licence texts in /usr/share/common-licenses
(English), typesets with a real engine (WeasyPrint, or LibreOffice from a DOCX made with
python-docx), and runs through the extractors users run: pdftotext -raw, pdftotext, pdfminer.six,
pypdfium2, PyMuPDF and tesseract on 300 dpi renders.  Each case directory holds

    page.pdf  gold.json  case.json  pdftotext-raw.txt  pdftotext.txt  pdfminer.txt
    pypdfium2.txt  pymupdf.txt  tesseract.txt

Run:  python tests/corpus/make_corpus.py [--only CASE] [--skip-ocr] [--jobs N]

Everything is seeded; regenerating gives the same gold and the same extracted text.
PyMuPDF (AGPL) is used here as a test-time tool only; digestconv never imports it.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
CASES_DIR = HERE / "cases"
PROJECT = HERE.parents[1]
SHARED = PROJECT.parent / "shared"
GOLD_DIR = SHARED / "gold"
LICENSES = Path("/usr/share/common-licenses")
SEED = 20260612
EPOCH = "1781222400"  # 2026-06-12, for SOURCE_DATE_EPOCH
EXTRACTORS = ("pdftotext-raw", "pdftotext", "pdfminer", "pypdfium2", "pymupdf", "tesseract")

SERIF = "Noto Serif CJK SC"
SANS = "Noto Sans CJK SC"


# --------------------------------------------------------------------------- content pools

@dataclass
class Story:
    """One article's material, in reading order once typeset."""

    headline: str | None = None
    subtitle: str | None = None
    byline: str | None = None
    editor_note: str | None = None
    body: list[tuple[str, str]] = field(default_factory=list)  # (type, text): paragraph / heading(2)
    captions: list[str] = field(default_factory=list)
    source: str | None = None
    jump: str | None = None
    origin: str = ""


def _split_stories(blocks: list[dict], origin: str) -> list[Story]:
    """Re-deal one gold article container (OCR order) into stories in printed order."""
    stories: list[Story] = []
    head: list[dict] = []   # heading 1 / subtitle / byline group
    before: list[dict] = []
    after: list[dict] = []
    extra: dict[str, list] = {"caption": [], "source": [], "jump": [], "editor_note": []}
    seen_head = False
    for b in blocks:
        t = b["type"]
        if t in extra:
            extra[t].append(b["text"])
        elif (t == "heading" and b.get("level") == 1) or (t in ("subtitle", "byline") and seen_head):
            head.append(b)
            seen_head = True
        elif t in ("subtitle", "byline"):
            head.append(b)
        elif t in ("paragraph", "heading"):
            (after if seen_head else before).append(b)
    body = [(b["type"], b["text"]) for b in after + before]
    story = Story(origin=origin, body=body, captions=extra["caption"])
    for b in head:
        if b["type"] == "heading" and story.headline is None:
            story.headline = b["text"]
        elif b["type"] == "subtitle" and story.subtitle is None:
            story.subtitle = b["text"]
        elif b["type"] == "byline" and story.byline is None:
            story.byline = b["text"]
    story.source = extra["source"][-1] if extra["source"] else None
    story.editor_note = extra["editor_note"][0] if extra["editor_note"] else None
    # a level-2 heading opening the body with no headline is the article's headline
    if story.headline is None and story.body and story.body[0][0] == "heading":
        story.headline = story.body.pop(0)[1]
    # jumps: keep the last one (the end of the article on this page)
    story.jump = extra["jump"][-1] if extra["jump"] else None
    stories.append(story)
    return stories


def _merged_meetings(art: list[dict], origin: str) -> list[Story]:
    """Gold 002's merged headline pairs ("习近平会见A 习近平会见B") are two printed stories."""
    head = art[0]["text"]
    parts = head.split(" 习近平会见")
    if len(parts) != 2:
        return _split_stories(art, origin)
    titles = [parts[0], "习近平会见" + parts[1]]
    stories, cur = [], None
    for b in art[1:]:
        if b["type"] == "paragraph" and b["text"].startswith("新华社"):
            cur = Story(headline=titles[len(stories)] if len(stories) < 2 else None, origin=origin)
            stories.append(cur)
        if cur is None:
            continue
        if b["type"] == "paragraph":
            cur.body.append(("paragraph", b["text"]))
        elif b["type"] == "jump":
            cur.jump = b["text"]
    return stories


def load_stories() -> tuple[list[Story], dict]:
    """All stories of the five golds, and the digest material of gold 000."""
    stories: list[Story] = []
    digest: dict = {}
    for path in sorted(GOLD_DIR.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        origin = path.stem[:3]
        top = gold["blocks"]
        if origin == "000":
            digest = {"masthead": top[0]["text"], "title": top[1]["blocks"][0]["text"],
                      "editor_note": next(b["text"] for b in top[1]["blocks"] if b["type"] == "editor_note"),
                      "sections": []}
            for b in top[2:]:
                if b["type"] == "heading":
                    digest["sections"].append({"title": b["text"], "articles": []})
                elif b["type"] == "article":
                    digest["sections"][-1]["articles"].append(
                        {"title": b["blocks"][0]["text"], "paragraphs": [x["text"] for x in b["blocks"][1:]]})
            for sec in digest["sections"]:
                for a in sec["articles"]:
                    stories.append(Story(headline=a["title"], body=[("paragraph", p) for p in a["paragraphs"]],
                                         origin=origin))
            continue
        pending: list[Story] = []
        for node in top:
            if node["type"] != "article":
                continue
            blocks = node["blocks"]
            if origin == "002" and blocks[0]["type"] == "heading" and blocks[0].get("level") == 2:
                pending.extend(_merged_meetings(blocks, origin))
                continue
            if len(blocks) == 1 and blocks[0]["type"] == "heading":
                orphans = [s for s in pending if s.headline is None]
                if orphans:  # a headline the OCR set after its article
                    orphans[-1].headline = blocks[0]["text"]
                continue
            pending.extend(_split_stories(blocks, origin))
        stories.extend(pending)
    # a story whose printed headline the OCR lost: the digest prints the same article under its title
    titles = {s.body[0][1]: s.headline for s in stories if s.origin == "000" and s.body}
    for s in stories:
        if s.headline is None and s.body and s.body[0][1] in titles:
            s.headline = titles[s.body[0][1]]
    return [s for s in stories if s.body], digest


# --------------------------------------------------------------------------- the gold model

def story_blocks(s: Story, layout: dict) -> list[dict]:
    """The model blocks of one story, in the order they are typeset."""
    out: list[dict] = []
    if s.headline:
        out.append({"type": "heading", "level": layout.get("headline_level", 1), "text": s.headline})
    if s.subtitle:
        out.append({"type": "subtitle", "text": s.subtitle})
    if s.byline:
        out.append({"type": "byline", "text": s.byline})
    if s.editor_note:
        out.append({"type": "editor_note", "text": s.editor_note})
    cap_at = layout.get("caption_at", 1)
    for i, (kind, text) in enumerate(s.body):
        if kind == "heading":
            out.append({"type": "heading", "level": 2, "text": text})
        else:
            out.append({"type": "paragraph", "text": text})
        if i == cap_at and s.captions:
            out.extend({"type": "caption", "text": c} for c in s.captions)
    if s.captions and cap_at >= len(s.body):
        out.extend({"type": "caption", "text": c} for c in s.captions)
    if s.source:
        out.append({"type": "source", "text": s.source})
    if s.jump:
        out.append({"type": "jump", "text": s.jump})
    return out


def gold_doc(lang: str, title: str | None, furniture: list[dict], top: list[dict], articles: list[list[dict]]) -> dict:
    meta: dict = {"lang": lang}
    if title:
        meta["title"] = title
    meta["furniture"] = furniture
    blocks = list(top) + [{"type": "article", "blocks": a} for a in articles if a]
    return {"schema": "digestconv/1", "meta": meta, "blocks": blocks}


# --------------------------------------------------------------------------- furniture

FOLIOS = {  # form -> (CSS content, python format)
    "emdash": ('"— " counter(page) " —"', "— {n} —"),
    "hyphen": ('"- " counter(page) " -"', "- {n} -"),
    "bare": ("counter(page)", "{n}"),
    "ban": ('"第" counter(page) "版"', "第{n}版"),
    "page": ('"Page " counter(page)', "Page {n}"),
}
PAPERS = ["东方时报", "丝路日报", "滨江晚报", "北疆日报", "华夏经济报", "西部商报", "江城日报", "新知周刊"]
SECTIONS = ["要闻", "国际·综合", "理论·学习", "时事·观察", "经济周刊", "综合新闻", "深度"]
WEEKDAYS = "一二三四五六日"
DIGEST_SECTIONS = ["时事聚焦", "深度评析"]


def weekday(day: int) -> str:
    import datetime

    return WEEKDAYS[datetime.date(2026, 6, day).weekday()]


def css_string(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


@dataclass
class Furniture:
    """What prints in the page margins: boxes -> (text template with {n}, CSS content)."""

    boxes_first: list[tuple[str, str]]   # (margin box, template), for right-hand (odd) pages
    boxes_left: list[tuple[str, str]] | None = None  # even pages, when verso differs
    description: dict = field(default_factory=dict)

    ORDER = ("top-left", "top-center", "top-right", "bottom-left", "bottom-center", "bottom-right")

    def boxes(self, page: int) -> list[tuple[str, str]]:
        b = self.boxes_left if (self.boxes_left is not None and page % 2 == 0) else self.boxes_first
        return sorted(b, key=lambda x: self.ORDER.index(x[0]))

    def texts(self, pages: int) -> list[dict]:
        return [{"page": p, "text": tpl.format(n=p)} for p in range(1, pages + 1) for _, tpl in self.boxes(p)]

    @staticmethod
    def _content(tpl: str) -> str:
        before, _, after = tpl.partition("{n}")
        parts = [css_string(before)] if before else []
        parts.append("counter(page)")
        if after:
            parts.append(css_string(after))
        return " ".join(parts) if "{n}" in tpl else css_string(tpl)

    def css(self, font: str, size: float, rule: bool) -> str:
        def rules(boxes):
            out = []
            for box, tpl in boxes:
                border = ""
                if rule and box.startswith("top"):
                    border = "border-bottom:0.5pt solid #444;"
                elif rule and box.startswith("bottom"):
                    border = "border-top:0.5pt solid #444;"
                align = "left" if box.endswith("left") else "right" if box.endswith("right") else "center"
                out.append(f"@{box}{{content:{self._content(tpl)};font-family:'{font}';font-size:{size}pt;"
                           f"text-align:{align};{border}}}")
            return "".join(out)
        if self.boxes_left is None:
            return "@page{" + rules(self.boxes_first) + "}"
        return "@page :right{" + rules(self.boxes_first) + "}@page :left{" + rules(self.boxes_left) + "}"


def make_furniture(rng: random.Random, lang: str, paper: str | None = None) -> Furniture:
    if lang == "en":
        head = rng.choice(["Free Software Licences: A Reader", "Licence Texts, Annotated Edition",
                           "The Licence Handbook"])
        folio = rng.choice(["bare", "page", "hyphen", "emdash"])
    else:
        paper = paper or rng.choice(PAPERS)
        month, day = 6, rng.randint(1, 28)
        date = f"2026年{month}月{day}日 星期{weekday(day)}"
        head = rng.choice([f"{paper} {date}", rng.choice(SECTIONS), f"{paper}·{rng.choice(SECTIONS)}",
                           f"{date} {rng.choice(SECTIONS)}"])
        folio = rng.choice(["emdash", "hyphen", "bare", "ban", "ban", "page"])
    ftpl = FOLIOS[folio][1]
    layout = rng.choice(["top-bottom", "both-top", "both-bottom", "recto-verso", "combined", "bottom-top"])
    desc = {"running_head": head, "folio": ftpl, "placement": layout}
    if layout == "top-bottom":
        return Furniture([("top-center", head), ("bottom-center", ftpl)], description=desc)
    if layout == "bottom-top":
        return Furniture([("bottom-center", head), ("top-right", ftpl)], description=desc)
    if layout == "both-top":
        return Furniture([("top-left", head), ("top-right", ftpl)], description=desc)
    if layout == "both-bottom":
        return Furniture([("bottom-left", head), ("bottom-right", ftpl)], description=desc)
    if layout == "combined":
        joined = f"{head} {ftpl}"
        desc["running_head"] = joined
        return Furniture([("top-center", joined)], description=desc)
    # recto-verso: folio on the outside edge, head inside; verso carries the section or paper
    other = rng.choice(SECTIONS) if lang != "en" else "Licence Texts"
    desc["verso_head"] = other
    return Furniture([("top-left", head), ("top-right", ftpl)], [("top-left", ftpl), ("top-right", other)],
                     description=desc)


# --------------------------------------------------------------------------- fonts

FONT_FILES = {
    (SERIF, "normal"): "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
    (SERIF, "bold"): "/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc",
    (SANS, "normal"): "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    (SANS, "bold"): "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
}
ALIAS = {SERIF: "Corpus Serif SC", SANS: "Corpus Sans SC"}  # @font-face names (fontconfig knows the real ones)
FONT_CACHE = Path(tempfile.gettempdir()) / "digestconv-corpus-fonts"


def corpus_chars() -> str:
    """Every character the corpus can print: the golds, this script's own strings, ASCII."""
    chars = set(map(chr, range(0x20, 0x7F))) | set("—–‐·“”‘’…　、。，：；！？（）《》【】〈〉「」『』■|")
    for path in sorted(GOLD_DIR.glob("*.json")):
        chars |= set(path.read_text(encoding="utf-8"))
    # the strings this script prints itself: furniture, mastheads, digest section titles
    chars |= set("".join(PAPERS + SECTIONS + DIGEST_SECTIONS) + WEEKDAYS + "年月日星期第号今日版")
    return "".join(sorted(c for c in chars if c.isprintable()))


def font_faces() -> str:
    """@font-face rules for CJK fonts cut down to the corpus's characters.

    WeasyPrint subsets with the glyph ids kept, so a subset of a 65 000-glyph font still
    carries 65 000 glyph slots (about 150 kB per font and page.pdf).  Cutting the font to the
    corpus's characters first keeps each PDF small; the glyphs are Noto's own.
    """
    import hashlib

    from fontTools import subset
    from fontTools.ttLib import TTCollection

    text = corpus_chars()
    key = hashlib.sha256(text.encode()).hexdigest()[:12]
    FONT_CACHE.mkdir(parents=True, exist_ok=True)
    rules = []
    for (family, weight), src in FONT_FILES.items():
        out = FONT_CACHE / f"{family.replace(' ', '')}-{weight}-{key}.otf"
        if not out.exists():
            coll = TTCollection(src)
            font = next(f for f in coll.fonts if family in {n.toUnicode() for n in f["name"].names if n.nameID == 1})
            opts = subset.Options(name_IDs=["*"], notdef_outline=True)
            sub = subset.Subsetter(opts)
            sub.populate(text=text)
            sub.subset(font)
            tmp = out.with_suffix(f".{os.getpid()}.tmp")
            font.save(str(tmp))
            tmp.replace(out)
        rules.append(f"@font-face{{font-family:'{ALIAS[family]}';font-weight:{weight};src:url('{out.as_uri()}')}}")
    return "".join(rules)


# --------------------------------------------------------------------------- WeasyPrint

def h(s: str) -> str:
    return html.escape(s, quote=False)


def html_blocks(blocks: list[dict], layout: dict) -> str:
    """The page's HTML: spanning headline groups between multi-column runs of body blocks.

    WeasyPrint 70 loses the text of a multi-column box that runs on past a page after a
    ``column-span: all`` element, so a headline that spans the columns is set before its
    article's own multi-column box instead (the other way the brief allows).
    """
    span = layout["span_headline"]
    parts: list[tuple[bool, str]] = []   # (spans the columns, html)
    for i, b in enumerate(blocks):
        t, x = b["type"], h(b.get("text", ""))
        prev = blocks[i - 1] if i else None
        under_head = prev is not None and ((prev["type"] == "heading" and prev["level"] == 1)
                                           or (prev["type"] == "subtitle" and parts and parts[-1][0]))
        if t == "heading" and b["level"] == 1:
            lead = not any(p["type"] == "heading" and p["level"] == 1 for p in blocks[:i])
            span = layout["span_headline"] and (lead or layout.get("span_all_headlines", True))
            parts.append((span, f'<h1 class="hl">{x}</h1>'))
        elif t == "heading":
            parts.append((False, f"<h2>{x}</h2>"))
        elif t == "subtitle":
            parts.append((span and under_head, f'<p class="sub">{x}</p>'))
        elif t == "byline":
            parts.append((span and under_head and not layout.get("byline_in_column"), f'<p class="by">{x}</p>'))
        elif t == "editor_note":
            parts.append((False, f'<p class="en">{x}</p>'))
        elif t == "caption":
            parts.append((False, f'<div class="fig"><div class="photo"></div><p class="cap">{x}</p></div>'))
        elif t == "source":
            parts.append((False, f'<p class="src">{x}</p>'))
        elif t == "jump":
            parts.append((False, f'<p class="jump">{x}</p>'))
        elif t == "masthead":
            parts.append((True, f'<p class="mast">{x}</p>'))
        else:
            parts.append((False, f"<p>{x}</p>"))
    out, run = [], []
    for spans, frag in parts:
        if spans:
            if run:
                out.append('<div class="flow">' + "\n".join(run) + "</div>")
                run = []
            out.append(frag)
        else:
            run.append(frag)
    if run:
        out.append('<div class="flow">' + "\n".join(run) + "</div>")
    return "\n".join(out)


def weasy_css(g: dict, furn: Furniture) -> str:
    body_font = ALIAS.get(g["body_font"], g["body_font"])
    head_font = ALIAS.get(g["head_font"], g["head_font"])
    lang_en = g["lang"] == "en"
    indent = "1.5em" if lang_en else "2em"
    hyph = "hyphens:auto;" if lang_en else ""
    cols = g["columns"]
    flow = f"columns:{cols};column-gap:{g['gap_mm']}mm;" if cols > 1 else ""
    if g.get("column_rule") and cols > 1:
        flow += "column-rule:0.4pt solid #777;"
    hl_align = g.get("headline_align", "center")
    return (
        (font_faces() if not lang_en else "")
        + f"@page{{size:{g['paper']};margin:{g['margin_mm'][0]}mm {g['margin_mm'][1]}mm;}}"
        + furn.css(ALIAS.get(g["furniture_font"], g["furniture_font"]), g["furniture_pt"], g.get("furniture_rule", False))
        + f"html{{font-family:'{body_font}';font-size:{g['body_pt']}pt;line-height:{g['leading']};}}"
        f"body{{margin:0;text-align:justify;{hyph}}} .flow{{{flow}}}"
        f"p{{margin:0;text-indent:{indent};orphans:2;widows:2}}"
        f"h1{{font-family:'{head_font}';font-weight:bold;font-size:{g['headline_pt']}pt;line-height:1.25;"
        f"text-align:{hl_align};margin:{g['body_pt'] * 0.8}pt 0 {g['body_pt'] * 0.5}pt;break-after:avoid}}"
        f"h2{{font-family:'{head_font}';font-weight:bold;font-size:{g['body_pt'] * 1.15:.1f}pt;line-height:1.35;"
        f"text-align:{'left' if lang_en else 'center'};margin:{g['body_pt'] * 0.6}pt 0 {g['body_pt'] * 0.3}pt;"
        f"break-after:avoid}}"
        f"p.sub{{text-indent:0;text-align:{hl_align};font-size:{g['body_pt'] * 1.2:.1f}pt;margin-bottom:4pt}}"
        f"p.by{{text-indent:0;text-align:{'center' if hl_align == 'center' else 'left'};"
        f"font-size:{g['body_pt'] * 0.9:.1f}pt;margin:2pt 0 4pt}}"
        f"p.en{{text-indent:2em;font-family:'{head_font}';font-size:{g['body_pt'] * 0.95:.1f}pt;"
        f"border:0.5pt solid #666;padding:3pt;margin:3pt 0}}"
        f".fig{{break-inside:avoid;margin:4pt 0}} .photo{{height:{g.get('photo_mm', 30)}mm;background:#c8c8c8}}"
        f"p.cap{{text-indent:0;font-size:{g['body_pt'] * 0.82:.1f}pt;line-height:1.3;margin-top:2pt}}"
        f"p.src{{text-indent:0;text-align:right;font-size:{g['body_pt'] * 0.9:.1f}pt}}"
        f"p.jump{{text-indent:0;text-align:right;font-weight:bold}}"
        f"p.mast{{text-indent:0;text-align:center;font-family:'{head_font}';"
        f"font-size:{g['body_pt']}pt;border-bottom:1.5pt double #000;padding-bottom:3pt;margin-bottom:6pt}}"
    )


def render_weasy(gold: dict, g: dict, furn: Furniture, out: Path) -> int:
    import weasyprint

    lang = "en" if g["lang"] == "en" else "zh-Hans"
    body = ""
    flat = []
    for b in gold["blocks"]:
        flat.extend(b["blocks"] if b["type"] == "article" else [b])
    body = html_blocks(flat, g)
    doc = f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{h(gold["meta"].get("title", ""))}</title></head>' \
          f'<body>{body}</body></html>'
    from weasyprint.text.fonts import FontConfiguration

    fc = FontConfiguration()
    css = weasyprint.CSS(string=weasy_css(g, furn), font_config=fc)
    weasyprint.HTML(string=doc).write_pdf(str(out), stylesheets=[css], font_config=fc)
    return page_count(out)


def page_count(pdf: Path) -> int:
    import pypdf

    return len(pypdf.PdfReader(str(pdf)).pages)


# --------------------------------------------------------------------------- LibreOffice

def render_lo(gold: dict, g: dict, furn: Furniture, out: Path) -> int:
    from docx import Document as Docx
    from docx.enum.section import WD_SECTION
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    d = Docx()
    def fonts(run, name, size, bold=False):
        run.font.size = Pt(size)
        run.font.bold = bold
        run.font.name = name
        rpr = run._element.get_or_add_rPr()
        rfonts = rpr.find(qn("w:rFonts"))
        if rfonts is None:
            rfonts = OxmlElement("w:rFonts")
            rpr.insert(0, rfonts)
        for k in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            rfonts.set(qn(k), name)

    def set_cols(section, n):
        sect = section._sectPr
        cols = sect.find(qn("w:cols"))
        if cols is None:
            cols = OxmlElement("w:cols")
            sect.append(cols)
        cols.set(qn("w:num"), str(n))
        cols.set(qn("w:space"), str(int(g["gap_mm"] * 56.7)))
        if g.get("column_rule"):
            cols.set(qn("w:sep"), "1")

    def field_par(par, tpl, size):
        before, _, after = tpl.partition("{n}")
        if before:
            fonts(par.add_run(before), g["furniture_font"], size)
        if "{n}" in tpl:
            r = par.add_run()
            fonts(r, g["furniture_font"], size)
            for kind, instr in (("begin", None), (None, " PAGE "), ("end", None)):
                if kind:
                    e = OxmlElement("w:fldChar")
                    e.set(qn("w:fldCharType"), kind)
                else:
                    e = OxmlElement("w:instrText")
                    e.set(qn("xml:space"), "preserve")
                    e.text = instr
                r._element.append(e)
            if after:
                fonts(par.add_run(after), g["furniture_font"], size)

    sec = d.sections[0]
    w, hgt = {"A4": (210, 297), "A3": (297, 420), "B5": (176, 250)}[g["paper"]]
    sec.page_width, sec.page_height = Mm(w), Mm(hgt)
    sec.top_margin = sec.bottom_margin = Mm(g["margin_mm"][0])
    sec.left_margin = sec.right_margin = Mm(g["margin_mm"][1])
    sec.header_distance = sec.footer_distance = Mm(8)
    # header/footer: LibreOffice furniture uses one text per region (no verso variant)
    tops = [t for b, t in furn.boxes_first if b.startswith("top")]
    bottoms = [t for b, t in furn.boxes_first if b.startswith("bottom")]
    for region, texts in ((sec.header, tops), (sec.footer, bottoms)):
        par = region.paragraphs[0]
        par.alignment = WD_ALIGN_PARAGRAPH.CENTER
        for k, tpl in enumerate(texts):
            if k:
                fonts(par.add_run("\t\t"), g["furniture_font"], g["furniture_pt"])
            field_par(par, tpl, g["furniture_pt"])

    first = True
    flat = []
    for b in gold["blocks"]:
        flat.extend(b["blocks"] if b["type"] == "article" else [b])
    cur_cols = 1
    def want(ncols):
        nonlocal first, cur_cols
        if first:
            set_cols(d.sections[0], ncols)
            first = False
        elif ncols != cur_cols:
            s = d.add_section(WD_SECTION.CONTINUOUS)
            set_cols(s, ncols)
        cur_cols = ncols

    for b in flat:
        t = b["type"]
        spanning = t in ("heading", "subtitle", "byline") and (t != "heading" or b["level"] == 1) and \
            not (t == "byline" and g.get("byline_in_column"))
        want(1 if spanning else g["columns"])
        p = d.add_paragraph()
        pf = p.paragraph_format
        pf.space_before = Pt(0)
        pf.space_after = Pt(0)
        pf.line_spacing = g["leading"]
        size, font, bold = g["body_pt"], g["body_font"], False
        if t == "heading":
            size = g["headline_pt"] if b["level"] == 1 else g["body_pt"] * 1.15
            font, bold = g["head_font"], True
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            pf.space_before, pf.space_after = Pt(size * 0.5), Pt(size * 0.3)
            pf.keep_with_next = True
            pf.line_spacing = 1.15
        elif t in ("subtitle", "byline"):
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            size = g["body_pt"] * (1.15 if t == "subtitle" else 0.9)
            pf.space_after = Pt(4)
        elif t in ("source", "jump"):
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        elif t == "caption":
            size = g["body_pt"] * 0.85
            p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        else:
            p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            pf.first_line_indent = Pt(g["body_pt"] * 2)
        fonts(p.add_run(b["text"]), font, size, bold)

    with tempfile.TemporaryDirectory() as tmp:
        docx = Path(tmp) / "page.docx"
        d.save(str(docx))
        env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH)
        subprocess.run(["soffice", f"-env:UserInstallation=file:///tmp/lo-corpus/{out.parent.name}", "--headless",
                        "--convert-to", "pdf", "--outdir", tmp, str(docx)],
                       check=True, capture_output=True, env=env, timeout=300)
        shutil.copyfile(Path(tmp) / "page.pdf", out)
    return page_count(out)


# --------------------------------------------------------------------------- English

def license_model(name: str, limit_chunks: int | None = None) -> tuple[str, list[dict]]:
    """The model of a licence text: headings, subtitle, paragraphs with hard wraps joined."""
    text = (LICENSES / name).read_text(encoding="utf-8").replace("\t", "    ")
    # MPL-2.0 boxes two sections in asterisks: the box is decoration, its text is the section
    text = "\n".join(re.sub(r"^\*+\s?(.*?)\s*\*+$", r"\1", ln) if ln.startswith("*") else ln
                     for ln in text.split("\n"))
    chunks = [c for c in re.split(r"\n\s*\n", text) if c.strip()]
    blocks: list[dict] = []
    title = None
    for chunk in chunks[:limit_chunks]:
        lines = [ln.strip() for ln in chunk.strip("\n").split("\n")]
        lines = [ln for ln in lines if ln and not re.fullmatch(r"[=\-]{3,}", ln)]
        if not lines:
            continue
        if lines[0].isupper() and len(lines) == 2 and len(lines[1]) < 50 and not lines[1].isupper():
            blocks.append({"type": "heading", "level": 1, "text": lines[0]})
            blocks.append({"type": "subtitle", "text": lines[1]})
            title = title or lines[0]
            continue
        joined = " ".join(lines)
        joined = re.sub(r" {2,}", " ", joined)
        heading = (len(lines) == 1 and len(joined) <= 60 and not joined.endswith((",", ";", ":"))
                   and (not joined.endswith(".") or (re.match(r"^\d+(\.\d+)*\. [A-Z]", joined) is not None
                        and len(joined) < 45)))
        if title is None and heading:
            blocks.append({"type": "heading", "level": 1, "text": joined})
            title = joined
        elif heading:
            blocks.append({"type": "heading", "level": 2, "text": joined})
        else:
            blocks.append({"type": "paragraph", "text": joined})
    return title or name, blocks


# --------------------------------------------------------------------------- extractors

def pypdfium2_text(pdf: Path) -> str:
    """pypdfium2's text of every page of ``pdf``, the pages joined by form feeds."""
    import pypdfium2

    doc = pypdfium2.PdfDocument(str(pdf))
    pages = []
    for i in range(len(doc)):
        tp = doc[i].get_textpage()
        pages.append(tp.get_text_range())
        tp.close()
    doc.close()
    return "\f".join(pages)


def extract_all(pdf: Path, outdir: Path, lang: str, skip_ocr: bool) -> None:
    def write(name: str, text: str) -> None:
        with open(outdir / f"{name}.txt", "w", encoding="utf-8", newline="") as fh:
            fh.write(text)

    for name, args in (("pdftotext-raw", ["-raw"]), ("pdftotext", [])):
        r = subprocess.run(["pdftotext", *args, "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True)
        write(name, r.stdout.decode("utf-8"))
    from pdfminer.high_level import extract_text

    write("pdfminer", extract_text(str(pdf)))
    write("pypdfium2", pypdfium2_text(pdf))
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import fitz
    mdoc = fitz.open(str(pdf))
    write("pymupdf", "\f".join(page.get_text() for page in mdoc))
    mdoc.close()
    if skip_ocr:
        return
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["pdftoppm", "-r", "300", "-png", str(pdf), f"{tmp}/p"], check=True)
        out = []
        env = dict(os.environ, OMP_THREAD_LIMIT="1")
        for img in sorted(Path(tmp).glob("p-*.png"), key=lambda p: int(p.stem.split("-")[1])):
            r = subprocess.run(["tesseract", str(img), "-", "-l", "eng" if lang == "en" else "chi_sim+eng"],
                               capture_output=True, check=True, env=env)
            out.append(r.stdout.decode("utf-8").removesuffix("\f"))  # some versions end a page with \f
        write("tesseract", "\f".join(out))


# --------------------------------------------------------------------------- case plans

def plan_cases() -> list[dict]:
    """The case list: ids and the seeded parameters of each."""
    rng = random.Random(SEED)
    plans: list[dict] = []
    # WeasyPrint Chinese newspaper pages
    geoms = ([("A4", c) for c in (2, 3, 3, 3, 4, 2, 3, 4, 3, 2, 3, 4, 3, 2, 3)]
             + [("A3", c) for c in (4, 3, 4)] + [("B5", c) for c in (2, 2)])
    for k, (paper, cols) in enumerate(geoms, 1):
        plans.append({"id": f"wp-zh-{k:02d}", "engine": "weasyprint", "lang": "zh-Hans", "paper": paper,
                      "columns": cols, "seed": rng.randrange(1 << 30)})
    for k, (paper, cols) in enumerate((("A4", 2), ("A4", 3), ("B5", 2)), 1):
        plans.append({"id": f"lo-zh-{k:02d}", "engine": "libreoffice", "lang": "zh-Hans", "paper": paper,
                      "columns": cols, "seed": rng.randrange(1 << 30)})
    for k, paper in enumerate(("A5", "A4"), 1):
        plans.append({"id": f"digest-zh-{k:02d}", "engine": "weasyprint", "lang": "zh-Hans", "paper": paper,
                      "columns": 1, "digest": True, "seed": rng.randrange(1 << 30)})
    for k, lic in enumerate(("LGPL-2.1", "MPL-2.0", "Artistic"), 1):
        plans.append({"id": f"wp-en-{k:02d}", "engine": "weasyprint", "lang": "en", "paper": "A4",
                      "columns": 2, "license": lic, "seed": rng.randrange(1 << 30)})
    return plans


def geometry(plan: dict, rng: random.Random) -> dict:
    paper, cols = plan["paper"], plan["columns"]
    body = {"A3": [9, 9.5, 10, 10.5], "A4": [9, 9.5, 10, 10.5, 11, 12], "B5": [9, 9.5, 10],
            "A5": [9.5, 10, 10.5]}[paper]
    if cols >= 4 or plan["lang"] == "en":
        body = [b for b in body if b <= 10.5] or body
    g = {
        "lang": plan["lang"], "paper": paper, "columns": cols,
        "body_pt": rng.choice(body),
        "leading": rng.choice([1.3, 1.4, 1.5, 1.5, 1.6, 1.7, 1.8]),
        "gap_mm": rng.choice([4, 5, 6, 7, 8]),
        "margin_mm": [rng.choice([15, 18, 20, 22, 25]), rng.choice([12, 14, 16, 18, 20])],
        "column_rule": rng.random() < 0.4,
        "body_font": SERIF if plan["lang"] != "en" else "DejaVu Serif",
        "head_font": rng.choice([SANS, SERIF]) if plan["lang"] != "en" else "DejaVu Sans",
        "headline_align": rng.choice(["center", "center", "left"]),
        "span_headline": True,
        "photo_mm": rng.choice([25, 35, 45]),
    }
    g["headline_pt"] = round(g["body_pt"] * rng.choice([1.6, 2.0, 2.4, 2.8]), 1)
    g["furniture_font"] = rng.choice([g["body_font"], g["head_font"]])
    g["furniture_pt"] = round(max(7.5, g["body_pt"] * rng.choice([0.8, 0.9, 1.0])), 1)
    g["furniture_rule"] = rng.random() < 0.5
    if paper == "A5":
        g["margin_mm"] = [15, 14]
    if cols == 1:
        g["span_headline"] = False
    return g


def pick_story(s: Story, rng: random.Random, max_paras: int) -> Story:
    """A trimmed copy of a story: a prefix of its body, some optional parts dropped."""
    body = s.body[: rng.randint(3, max(3, max_paras))]
    while body and body[-1][0] == "heading":
        body = body[:-1]
    return Story(headline=s.headline, subtitle=s.subtitle if rng.random() < 0.85 else None,
                 byline=s.byline if rng.random() < 0.85 else None, editor_note=None, body=body,
                 captions=s.captions[: rng.randint(0, len(s.captions))] if s.captions else [],
                 source=s.source if rng.random() < 0.9 else None,
                 jump=s.jump if rng.random() < 0.8 else None, origin=s.origin)


def fill_pages(build, render, target: int, count: int, pdf: Path) -> tuple[dict, int]:
    """Grow the document one unit at a time until it fills ``target`` pages (2..4)."""
    best = last = None
    for n in range(1, count + 1):
        gold = build(n)
        pages = render(gold, pdf)
        last = n
        if pages > max(target, 2) and best is not None and best[1] >= 2:
            break
        best = (gold, pages, n)
        if pages >= target or pages >= 4:
            break
    gold, pages, n = best
    if last != n:
        pages = render(gold, pdf)  # the kept document is the last one typeset
    return gold, pages


def make_case(plan: dict, stories: list[Story], digest: dict, skip_ocr: bool) -> str:
    rng = random.Random(plan["seed"])
    outdir = CASES_DIR / plan["id"]
    outdir.mkdir(parents=True, exist_ok=True)
    pdf = outdir / "page.pdf"
    g = geometry(plan, rng)
    paper_name = rng.choice(PAPERS)
    furn = make_furniture(rng, plan["lang"], paper_name)
    if plan["engine"] == "libreoffice" and furn.boxes_left is not None:
        # one header and one footer per section in the DOCX: no verso variant
        furn.boxes_left = None
        furn.description.pop("verso_head", None)
        furn.description["placement"] = "both-top"
    g["span_all_headlines"] = rng.random() < 0.7  # else only the lead headline spans the columns
    small = plan["paper"] in ("A5", "B5") or plan["lang"] == "en"
    target = rng.choice([2, 3, 4] if small else [2, 2, 3]) if plan["paper"] != "A3" else 2
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH

    def renderer(gold: dict, out: Path) -> int:
        return (render_lo if plan["engine"] == "libreoffice" else render_weasy)(gold, g, furn, out)

    if plan["lang"] == "en":
        title, blocks = license_model(plan["license"])
        # units of ~6 blocks, never ending on a heading
        def build(n: int) -> dict:
            bl = blocks[: 6 * n]
            while bl and bl[-1]["type"] in ("heading", "subtitle"):
                bl = bl[:-1]
            return gold_doc("en", title, [], bl, [])
        units = (len(blocks) + 5) // 6
        gold, pages = fill_pages(build, renderer, target, units, pdf)
    elif plan.get("digest"):
        secs = [dict(s, articles=list(s["articles"])) for s in digest["sections"]]
        rng.shuffle(secs)
        items: list[tuple[str, dict]] = []   # ("section", title) / ("article", article)
        for sec in secs:
            arts = sec["articles"][:]
            rng.shuffle(arts)
            items.append(("section", sec["title"]))
            items.extend(("article", a) for a in arts)
        if plan["id"].endswith("02"):   # a digest made of newspaper stories with section heads
            pool = [s for s in stories if s.origin in ("003", "004") and s.headline]
            rng.shuffle(pool)
            items = [("section", DIGEST_SECTIONS[0])] + [("story", s) for s in pool[:4]] + \
                    [("section", DIGEST_SECTIONS[1])] + [("story", s) for s in pool[4:8]]

        def build(n: int) -> dict:
            top: list[dict] = [{"type": "masthead", "text": digest["masthead"]},
                               {"type": "heading", "level": 1, "text": digest["title"]}]
            if plan["id"].endswith("01"):
                top.append({"type": "editor_note", "text": digest["editor_note"]})
            arts: list[list[dict]] = []
            for kind, it in items[:n]:
                if kind == "section":
                    arts.append([{"type": "heading", "level": 1, "text": it}])
                elif kind == "article":
                    arts.append([{"type": "heading", "level": 2, "text": it["title"]}]
                                + [{"type": "paragraph", "text": p} for p in it["paragraphs"]])
                else:
                    st = Story(headline=it.headline, subtitle=it.subtitle, byline=it.byline,
                               body=it.body[:3], source=it.source)
                    arts.append(story_blocks(st, {"headline_level": 2, "caption_at": 99}))
            # a section title with nothing under it closes nothing
            while arts and arts[-1][0]["type"] == "heading" and arts[-1][0]["level"] == 1 and len(arts[-1]) == 1:
                arts.pop()
            # section heads (level 1) stand alone at the top level
            top_level = top[:]
            out_arts = []
            for a in arts:
                if len(a) == 1 and a[0]["type"] == "heading":
                    out_arts.append(("head", a[0]))
                else:
                    out_arts.append(("art", a))
            doc = gold_doc("zh-Hans", digest["title"], [], top_level, [])
            for kind, a in out_arts:
                doc["blocks"].append(a if kind == "head" else {"type": "article", "blocks": a})
            return doc
        gold, pages = fill_pages(build, renderer, target, len(items), pdf)
    else:
        pool = stories[:]
        rng.shuffle(pool)
        # the lead story first; a masthead on some front pages
        masthead = None
        if rng.random() < 0.3:
            day = rng.randint(1, 28)
            masthead = f"{paper_name} 2026年6月{day}日 星期{weekday(day)} 第{rng.randint(8000, 24000)}号 今日{rng.choice([8, 12, 16])}版"
            g["masthead"] = masthead
        g["byline_in_column"] = rng.random() < 0.4
        # the lead story is a long one; short digest items (gold 000) come later
        pool.sort(key=lambda s: (s.origin == "000", -len(s.body) if rng.random() < 0.6 else 0))
        picked = [pick_story(s, rng, rng.choice([4, 6, 8, 12]) if k else 14) for k, s in enumerate(pool)]
        layouts = [{"headline_level": 1, "caption_at": rng.randint(0, 3)} for _ in picked]
        if rng.random() < 0.3 and digest.get("editor_note"):
            picked[0].editor_note = digest["editor_note"]

        def build(n: int) -> dict:
            top = [{"type": "masthead", "text": masthead}] if masthead else []
            arts = [story_blocks(s, lay) for s, lay in zip(picked[:n], layouts[:n], strict=True)]
            title = next((b["text"] for a in arts for b in a if b["type"] == "heading"), None)
            return gold_doc("zh-Hans", title, [], top, arts)
        gold, pages = fill_pages(build, renderer, target, len(picked), pdf)

    pages = page_count(pdf)
    gold["meta"]["furniture"] = furn.texts(pages)
    (outdir / "gold.json").write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    case = {"id": plan["id"], "engine": plan["engine"], "language": plan["lang"], "pages": pages,
            "paper": plan["paper"], "columns": plan["columns"], "body_pt": g["body_pt"], "leading": g["leading"],
            "column_gap_mm": g["gap_mm"], "margins_mm": g["margin_mm"], "headline_pt": g["headline_pt"],
            "body_font": g["body_font"], "head_font": g["head_font"], "column_rule": g["column_rule"],
            "headline_spans_columns": (("all" if g["span_all_headlines"] else "lead only") if g["span_headline"]
                                       else "no") if plan["engine"] == "weasyprint" else "all",
            "furniture": furn.description, "furniture_font_pt": g["furniture_pt"],
            "block_types": sorted({b["type"] for b in _flat(gold["blocks"])}),
            "source": plan.get("license") or "shared/gold", "seed": plan["seed"],
            "extractors": [e for e in EXTRACTORS if e != "tesseract" or not skip_ocr
                           or (outdir / "tesseract.txt").is_file()]}
    if plan.get("digest"):
        case["kind"] = "study digest"
    (outdir / "case.json").write_text(json.dumps(case, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    missing, split = check_typeset(gold, pdf)
    if missing:
        raise RuntimeError(f"{plan['id']}: gold text missing from page.pdf: {missing[:3]}")
    extract_all(pdf, outdir, plan["lang"], skip_ocr)
    return f"{plan['id']}: {pages} pages, {len(list(_flat(gold['blocks'])))} blocks, {split} split by a page turn"


def _fold(s: str) -> str:
    import unicodedata

    s = re.sub(r"[-\u2010\u00ad]\n", "", s)  # a word hyphenated at a line end
    return "".join(ch for ch in unicodedata.normalize("NFKC", s) if not ch.isspace())


def check_typeset(gold: dict, pdf: Path) -> tuple[list[str], int]:
    """Every gold block is on the page: its opening and its end are in pdftotext -raw's text.

    Returns the blocks that are not (text lost in typesetting) and how many blocks are not one
    contiguous run (a page turn or furniture inside them)."""
    raw = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(pdf), "-"], capture_output=True,
                         check=True).stdout.decode("utf-8")
    flat = _fold(raw)
    missing, split = [], 0
    for b in _flat(gold["blocks"]):
        t = b.get("text")
        if not t:
            continue
        f = _fold(t)
        if f in flat:
            continue
        split += 1
        if f[:8] not in flat or f[-8:] not in flat:
            missing.append(t[:30])
    return missing, split


def _flat(blocks):
    for b in blocks:
        yield b
        yield from _flat(b.get("blocks", []))


def _run(args: tuple) -> str:
    plan, skip_ocr = args
    stories, digest = load_stories()
    return make_case(plan, stories, digest, skip_ocr)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--only", action="append", metavar="CASE", help="make only this case (repeatable)")
    ap.add_argument("--skip-ocr", action="store_true", help="do not run tesseract (keeps an existing tesseract.txt)")
    ap.add_argument("--jobs", type=int, default=1, metavar="N")
    ap.add_argument("--list", action="store_true", help="list the case ids and exit")
    args = ap.parse_args(argv)
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    plans = plan_cases()
    if args.list:
        for p in plans:
            print(p["id"])
        return 0
    if args.only:
        plans = [p for p in plans if p["id"] in set(args.only)]
        if not plans:
            print("no such case", file=sys.stderr)
            return 2
    work = [(p, args.skip_ocr) for p in plans]
    if args.jobs > 1:
        with ProcessPoolExecutor(args.jobs) as ex:
            for line in ex.map(_run, work):
                print(line, flush=True)
    else:
        for w in work:
            print(_run(w), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
