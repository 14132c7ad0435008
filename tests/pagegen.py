"""A generator of OCR-like pages with a known answer, for testing the normalizer beyond the seeds.

Clean paragraphs and headings are typeset into a column of a random width the
way a Chinese newspaper does it — 2-character first-line indent, punctuation
that may be compressed to half a character, no closing punctuation at the start
of a line — and then damaged the way PDF extraction and OCR damage them: the
indent dropped, lines double-spaced, stray blank lines (above all before a line
that opens with “), headlines letter-spaced, punctuation turned half-width.
"""

from __future__ import annotations

import json
import random
import re
import zlib
from dataclasses import dataclass, field
from pathlib import Path

NO_LINE_START = set("，。、；：？！”’）》」』…")
NO_LINE_END = set("“‘（《「『")
HALF = str.maketrans({"，": ",", "：": ":", "；": ";", "！": "!", "？": "?", "（": "(", "）": ")"})
PUNCT = set("，。、；：？！“”‘’（）《》「」『』")


@dataclass
class Page:
    """A generated page: the damaged text and the blocks it should normalize to."""

    text: str
    blocks: list[tuple[str, str]] = field(default_factory=list)  # (type, text)
    width: int = 0
    double_spaced: bool = False
    furniture: list[str] = field(default_factory=list)  # running heads and folios set in the text, in order

    def gold(self) -> dict:
        """The expected document in the model's JSON form."""
        return {"schema": "digestconv/1", "meta": {"lang": "zh-Hans"},
                "blocks": [{"type": t, "text": x, **({"level": 2} if t == "heading" else {})} for t, x in self.blocks]}


def corpus(gold_dir: Path) -> tuple[list[str], list[str]]:
    """Clean paragraphs and headings from the gold documents (plain CJK prose only)."""
    paragraphs: list[str] = []
    headings: list[str] = []

    def walk(blocks: list[dict]) -> None:
        for b in blocks:
            text = b.get("text", "")
            if b["type"] == "paragraph" and 20 <= len(text) <= 400 and _plain(text):
                paragraphs.append(text)
            elif b["type"] == "heading" and 4 <= len(text) <= 24 and _plain_heading(text):
                headings.append(text)
            walk(b.get("blocks", []))
            walk(b.get("items", []))

    for path in sorted(gold_dir.glob("*.json")):
        walk(json.loads(path.read_text(encoding="utf-8"))["blocks"])
    return paragraphs, headings


def _plain(text: str) -> bool:
    # prose set solid: no spaces (a space at a line break is not recoverable), no dashes or
    # datelines opening a block, no furniture
    return (" " not in text and not text.startswith(("——", "“")) and not re.search(r"[A-Za-z]|电|记者|摄$", text)
            and text.endswith(("。", "”", "！", "？")))


def _plain_heading(text: str) -> bool:
    return " " not in text and not text.startswith("——") and not re.search(r"[A-Za-z0-9|·]|[。；：，、]", text)


def _advance(ch: str, rng: random.Random, squeeze: float) -> float:
    if ch in PUNCT:
        return 0.5 if rng.random() < squeeze else 1.0
    return 1.0 if ord(ch) > 0x2000 else 0.5


def typeset(text: str, width: int, rng: random.Random, indent: int = 2, squeeze: float = 0.4) -> list[str]:
    """Break ``text`` into the lines of a column ``width`` characters wide."""
    lines: list[str] = []
    line, used, limit = "", 0.0, width - indent
    tokens = re.findall(r"[0-9A-Za-z.%]+|.", text)  # a number or a Latin word never breaks
    i = 0
    while i < len(tokens):
        ch = tokens[i]
        # printers compress a punctuation mark that stands next to another (标点挤压)
        paired = ch in PUNCT and ((i > 0 and tokens[i - 1] in PUNCT) or (i + 1 < len(tokens) and tokens[i + 1] in PUNCT))
        step = sum(_advance(c, rng, squeeze if paired else 0.0) for c in ch)
        if used + step > limit and line:
            # closing punctuation may not open a line: squeeze it onto this one
            if ch in NO_LINE_START:
                line += ch
                i += 1
                continue
            # opening punctuation may not end a line: carry it over
            carried = ""
            while line and line[-1] in NO_LINE_END:
                carried = line[-1] + carried
                line = line[:-1]
            lines.append(line)
            line, used, limit = carried, float(len(carried)), width
            continue
        line += ch
        used += step
        i += 1
    if line:
        lines.append(line)
    return lines


def make_page(paragraphs: list[str], headings: list[str], rng: random.Random) -> Page:
    """One page: a few sections of a headline and paragraphs, typeset and damaged."""
    width = rng.randint(10, 40)
    double = rng.random() < 0.3
    half_width = rng.random() < 0.25
    # whether the extraction kept the blank lines between paragraphs (it did on most seed pages)
    blank_between = rng.random() < 0.75
    page = Page(text="", width=width, double_spaced=double)
    out: list[str] = []

    def emit(line: str, blank_after: bool = False) -> None:
        out.append(line)
        if double or blank_after:
            out.append("")

    for section in range(rng.randint(1, 3)):
        if section or rng.random() < 0.7:
            head = rng.choice(headings)
            page.blocks.append(("heading", head))
            if out and out[-1] != "":
                out.append("")
            # headlines are set in larger type (fewer characters a line), or across columns
            head_width = max(4, int(width * rng.uniform(0.5, 0.85))) if rng.random() < 0.8 else int(width * 1.6)
            head_width = max(head_width, -(-len(head) // 3))  # at most three lines
            spaced = rng.random() < 0.25 and len(head) <= head_width
            shown = " ".join(head) if spaced else head
            head_lines = [shown] if spaced or len(head) <= head_width else typeset(head, head_width, rng, indent=0)
            # a headline's own lines stand together even where the body is double-spaced
            out.extend(head_lines)
            out.append("")
        for _ in range(rng.randint(1, 4)):
            para = rng.choice(paragraphs)
            page.blocks.append(("paragraph", para))
            lines = typeset(para, width, rng)
            for n, line in enumerate(lines):
                last = n == len(lines) - 1
                nxt = lines[n + 1] if not last else ""
                # OCR blank lines inside a paragraph: after a line that leaves its sentence open
                stray = not last and not line.endswith(tuple("。！？”…")) and (
                    (nxt.startswith(("“", "‘")) and rng.random() < 0.5) or rng.random() < 0.03
                )
                emit(line.translate(HALF) if half_width else line, blank_after=(last and blank_between) or stray)
    printed, page.furniture = add_page_furniture(out, random.Random(zlib.crc32("\n".join(out).encode())))
    page.text = "\n".join(printed) + "\n"
    return page


PAPERS = ("经济日报", "丝路日报", "江城日报", "华夏经济报", "东方时报")
WEEKDAYS = "一二三四五六日"
FOLIOS = ("— {n} —", "- {n} -", "{n}", "Page {n}", "第{n}版")
MIN_PAGE = 12  # lines a generated page holds at least


def add_page_furniture(lines: list[str], rng: random.Random) -> tuple[list[str], list[str]]:
    """Cut the page's lines into printed pages and set each page's running head and folio.

    Half the texts get furniture, split at random points into pages of ``MIN_PAGE`` lines
    or more: a recurring head ``<paper> <date> 第N版`` (or the paper and a section name) and a
    folio in one of the §10 forms, placed the way one extractor places them — at the top
    (pdftotext), after the page's text (``-raw``, PyMuPDF) or inside it (OCR, between
    columns) — with a form feed at each page turn, or without.  The gold does not change:
    furniture is not a block.  ``rng`` is the page's own, so the pages stay those of the seed.
    Returns the lines and the furniture set in them.
    """
    if rng.random() < 0.5 or len(lines) < 2 * MIN_PAGE:
        return lines, []
    count = min(rng.randint(2, 4), len(lines) // MIN_PAGE)
    cuts = sorted(rng.sample(range(MIN_PAGE, len(lines) - MIN_PAGE + 1), count - 1)) if count > 1 else []
    cuts = [c for k, c in enumerate(cuts) if k == 0 or c - cuts[k - 1] >= MIN_PAGE]
    pages = [lines[a:b] for a, b in zip([0, *cuts], [*cuts, len(lines)], strict=True)]
    paper, first = rng.choice(PAPERS), rng.randint(1, 12)
    date = f"2026年{rng.randint(1, 12)}月{rng.randint(1, 28)}日 星期{rng.choice(WEEKDAYS)}"
    section = rng.choice(("要闻", "综合新闻", "国际·综合", "深度"))
    folio = rng.choice(FOLIOS)
    with_number = rng.random() < 0.5
    placement = rng.choice(("top", "end", "middle"))
    form_feeds = rng.random() < 0.6
    head_first = rng.random() < 0.7
    out: list[str] = []
    furniture_set: list[str] = []
    for k, body in enumerate(pages):
        n = first + k
        head = f"{paper} {date} 第{n}版" if with_number else f"{paper} {section}"
        furniture = [head, folio.format(n=n)] if head_first else [folio.format(n=n), head]
        at = {"top": 0, "end": len(body), "middle": rng.randint(MIN_PAGE // 3, len(body) - MIN_PAGE // 3)}[placement]
        page = [*body[:at], *furniture, *body[at:]]
        if k and form_feeds:
            page[0] = "\f" + page[0]
        out.extend(page)
        furniture_set.extend(furniture)
    return out, furniture_set
