"""Small PDFs for the PDF reader's tests, typeset by WeasyPrint from HTML the test writes.

Each page is made of known blocks, so a test knows the answer: the headline, the
section heads, the paragraphs in reading order, the running head and folio.
"""

from __future__ import annotations

import io

PARAGRAPHS_ZH = [
    "六月十七日，第二届峰会在城市中心举行。各国代表围绕合作、发展与安全等议题展开深入交流，达成了多项共识，会议取得了丰硕成果。",
    "报告认为，在新的时代，各方成为命运与共的好邻居、好朋友、好伙伴，开创了睦邻安邻富邻的新局面，共同打造了区域合作的样板。",
    "这是经贸合作的一个缩影。峰会举办以来，各国共建合作走深走实，经贸合作潜力不断释放，贸易规模不断迈上新台阶，民众获得感持续增强。",
    "面对全球性危机，守望相助、同舟共济的情谊得到了最真切的诠释。在最艰难的时刻，邻国送来宝贵物资，医疗专家组第一时间驰援。",
    "可以说，合作精神的每一个字，都烙印着各国交往的真实足迹。它是一部用真诚与信义书写的合作史，根基稳固、底蕴厚重，面向未来。",
    "精神之树，必植根于实践的沃土。合作的生命力，首先在于其厚重的历史根基与现实土壤，在于各国人民世世代代的友好往来与互学互鉴。",
]
PARAGRAPHS_EN = [
    "The licenses for most software are designed to take away your freedom to share and change it. By contrast, this license is "
    "intended to guarantee your freedom to share and change free software, to make sure the software is free for all its users.",
    "When we speak of free software, we are referring to freedom, not price. Our licenses are designed to make sure that you have "
    "the freedom to distribute copies of free software, that you receive source code or can get it if you want it.",
    "To protect your rights, we need to make restrictions that forbid anyone to deny you these rights or to ask you to surrender "
    "the rights. These restrictions translate to certain responsibilities for you if you distribute copies of the software.",
    "For example, if you distribute copies of such a program, whether gratis or for a fee, you must give the recipients all the "
    "rights that you have. You must make sure that they, too, receive or can get the source code of the program in question.",
]
HEADLINE = "携手共建合作新篇章"
SECTION = "务实合作结出丰硕成果"
RUNNING_HEAD = "江城日报·要闻"


def page_html(columns: int, paragraphs: list[str], *, lang: str = "zh", headline: str = HEADLINE,
              section: str | None = SECTION, repeat: int = 1) -> str:
    """An article: a headline spanning the columns, paragraphs, a section head, set in ``columns`` columns."""
    body = []
    for n in range(repeat):
        for k, text in enumerate(paragraphs):
            if section and k == len(paragraphs) // 2:
                body.append(f"<h2>{section}{n + 1 if repeat > 1 else ''}</h2>")
            body.append(f"<p>{text}</p>")
    return f'<html lang="{lang}"><body><h1>{headline}</h1><div class="flow">{"".join(body)}</div></body></html>'


def css(columns: int, *, lang: str = "zh", paper: str = "A5", body_pt: float = 10) -> str:
    """Columns, a 2-em (1.5-em in English) first-line indent, a running head and a folio on every page."""
    font = "Noto Serif CJK SC" if lang == "zh" else "DejaVu Serif"
    indent = "2em" if lang == "zh" else "1.5em"
    hyphens = "hyphens:auto;" if lang == "en" else ""
    return (f"@page{{size:{paper};margin:20mm 15mm;"
            f"@top-center{{content:'{RUNNING_HEAD}';font-size:8pt}}"
            f"@bottom-center{{content:'第' counter(page) '版';font-size:8pt}}}}"
            f"html{{font-family:'{font}';font-size:{body_pt}pt;line-height:1.6}}"
            f".flow{{columns:{columns};column-gap:6mm;text-align:justify;{hyphens}}}"
            f"p{{margin:0;text-indent:{indent}}}"
            f"h1{{font-size:{body_pt * 2.2}pt;font-weight:bold;text-align:center;margin:0 0 6pt}}"
            f"h2{{font-size:{body_pt * 1.2}pt;font-weight:bold;text-align:center;margin:6pt 0 3pt}}")


def make_pdf(html: str, stylesheet: str) -> bytes:
    """The PDF WeasyPrint typesets from ``html`` and ``stylesheet``."""
    import weasyprint

    out = io.BytesIO()
    weasyprint.HTML(string=html).write_pdf(out, stylesheets=[weasyprint.CSS(string=stylesheet)])
    return out.getvalue()


def image_only_pdf(pdf: bytes) -> bytes:
    """The same pages as pictures only: a scan with no text layer."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    images = [doc[i].render(scale=150 / 72, grayscale=True).to_pil() for i in range(len(doc))]
    out = io.BytesIO()
    images[0].save(out, "PDF", resolution=150, save_all=True, append_images=images[1:])
    return out.getvalue()
