"""Vertical writing (``--vertical``): top-to-bottom columns, right to left.

The hooks the writers call:

* ``make_docx_vertical(doc)`` — a python-docx document set vertically (section
  text direction ``tbRl``), short digit runs upright (縱中橫);
* ``VERTICAL_CSS`` — appended to the EPUB (and HTML) stylesheet;
* ``upright_digits_html(text)`` — escaped XHTML with short digit runs in ``span.tcy``;
* ``render_vertical_pdf(document, target, options)`` — WeasyPrint does not
  implement ``writing-mode``, so a vertical PDF is the vertical DOCX converted by
  LibreOffice.
"""

from __future__ import annotations

import copy
import html
import os
import re
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from digestconv.errors import StyleError

if TYPE_CHECKING:
    from digestconv.model import Document
    from digestconv.writers.base import WriteOptions

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
TEXT_DIRECTION = "tbRl"
SOFFICE_ENV = "DIGESTCONV_SOFFICE"
SOFFICE_TIMEOUT = 180.0
INSTALL_HINT = "vertical PDF needs LibreOffice: apt-get install libreoffice-writer-nogui"

# One or two Latin digits standing alone (not part of a longer number, a decimal or
# a word) are set upright across the column; longer numbers keep the sideways
# rotation Word and LibreOffice give Latin text, which reads better than a
# squeezed four-digit block.
UPRIGHT_DIGITS = re.compile(r"(?<![0-9A-Za-z.,])[0-9]{1,2}(?![0-9A-Za-z.,])")

VERTICAL_CSS = """
/* Vertical writing (digestconv --vertical): columns top to bottom, right to left. */
html {
  -epub-writing-mode: vertical-rl;
  -webkit-writing-mode: vertical-rl;
  writing-mode: vertical-rl;
  -epub-text-orientation: mixed;
  -webkit-text-orientation: mixed;
  text-orientation: mixed;
  text-combine-upright: digits 2;
}
/* Physical top/bottom margins become line-start/end in vertical text; space
   blocks along the block axis (right to left) instead. */
p, li, h1, h2, h3, h4, h5, h6, blockquote, figcaption, .caption, .byline, .source {
  margin-top: 0;
  margin-bottom: 0;
  margin-block-start: 0;
  margin-block-end: 0.5em;
}
h1, h2, h3, h4, h5, h6 {
  margin-block-start: 1em;
  margin-block-end: 1em;
}
ul, ol {
  margin-top: 0;
  margin-bottom: 0;
  padding-left: 0;
  padding-top: 2em;
}
img, svg {
  max-width: none;
  max-height: 100%;
}
/* 縱中橫: short numbers upright within the column. */
.tcy {
  -epub-text-combine: horizontal;
  -webkit-text-combine: horizontal;
  text-combine-upright: all;
}
"""


class LibreOfficeError(StyleError):
    """LibreOffice, needed for a vertical PDF, is missing or failed to convert."""


# ---------------------------------------------------------------- digits


def split_upright_digits(text: str) -> list[tuple[str, bool]]:
    """``text`` cut into ``(segment, upright)`` pieces; ``upright`` marks a short digit run to set 縱中橫."""
    pieces: list[tuple[str, bool]] = []
    last = 0
    for match in UPRIGHT_DIGITS.finditer(text):
        if match.start() > last:
            pieces.append((text[last : match.start()], False))
        pieces.append((match.group(), True))
        last = match.end()
    if last < len(text):
        pieces.append((text[last:], False))
    return pieces


def upright_digits_html(text: str) -> str:
    """``text`` escaped for (X)HTML, each short digit run wrapped in ``<span class="tcy">``."""
    return "".join(
        f'<span class="tcy">{segment}</span>' if upright else html.escape(segment, quote=False)
        for segment, upright in split_upright_digits(text)
    )


# ---------------------------------------------------------------- DOCX


def _w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


# CT_SectPr children that must come after w:textDirection (ECMA-376 §17.6.17).
_AFTER_TEXT_DIRECTION = ("bidi", "rtlGutter", "docGrid", "printerSettings", "sectPrChange")
# CT_RPr children that must come after w:eastAsianLayout.
_AFTER_EAST_ASIAN_LAYOUT = ("specVanish", "oMath", "rPrChange")


def make_docx_vertical(doc: Any) -> None:
    """Set a python-docx ``Document`` vertically, as Word and WPS lay out 竖排 text.

    Every section gets text direction ``tbRl`` (columns top to bottom, right to
    left) on a portrait page, and every run's one- or two-digit numbers are set
    upright (``w:eastAsianLayout w:vert``).  Punctuation needs nothing: Word and
    LibreOffice use the font's vertical forms.  Applying it twice changes nothing.
    """
    for section in doc.sections:
        _set_text_direction(section._sectPr)
        _keep_portrait(section)
    counter = _next_layout_id(doc.element.body)
    for run in list(doc.element.body.iter(_w("r"))):
        _upright_digits_in_run(run, counter)


def is_docx_vertical(doc: Any) -> bool:
    """Whether every section of a python-docx ``Document`` has text direction ``tbRl``."""
    for section in doc.sections:
        direction = section._sectPr.find(_w("textDirection"))
        if direction is None or direction.get(_w("val")) != TEXT_DIRECTION:
            return False
    return True


def _set_text_direction(sect_pr: Any) -> None:
    direction = sect_pr.find(_w("textDirection"))
    if direction is None:
        direction = sect_pr.makeelement(_w("textDirection"), {})
        _insert_before(sect_pr, direction, _AFTER_TEXT_DIRECTION)
    direction.set(_w("val"), TEXT_DIRECTION)


def _keep_portrait(section: Any) -> None:
    from docx.enum.section import WD_ORIENT

    width, height = section.page_width, section.page_height
    if width is not None and height is not None and width > height:
        section.page_width, section.page_height = height, width
    section.orientation = WD_ORIENT.PORTRAIT


def _insert_before(parent: Any, child: Any, later_tags: tuple[str, ...]) -> None:
    later = {_w(tag) for tag in later_tags}
    for index, existing in enumerate(parent):
        if existing.tag in later:
            parent.insert(index, child)
            return
    parent.append(child)


def _next_layout_id(body: Any) -> list[int]:
    # w:eastAsianLayout w:id groups characters into one upright unit; ids must
    # differ between units, so continue after any the writer already used.
    used = [int(e.get(_w("id"), "0")) for e in body.iter(_w("eastAsianLayout")) if e.get(_w("id"), "").isdigit()]
    return [max(used, default=0) + 1]


def _upright_digits_in_run(run: Any, counter: list[int]) -> None:
    children = [c for c in run if c.tag != _w("rPr")]
    if len(children) != 1 or children[0].tag != _w("t"):
        return  # tabs, breaks, fields: leave them whole
    rpr = run.find(_w("rPr"))
    if rpr is not None and rpr.find(_w("eastAsianLayout")) is not None:
        return
    text = children[0].text or ""
    pieces = split_upright_digits(text)
    if not any(upright for _, upright in pieces):
        return
    parent = run.getparent()
    position = parent.index(run)
    for offset, (segment, upright) in enumerate(pieces):
        piece = copy.deepcopy(run)
        t = piece.find(_w("t"))
        t.text = segment
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        if upright:
            _mark_upright(piece, counter[0])
            counter[0] += 1
        parent.insert(position + offset, piece)
    parent.remove(run)


def _mark_upright(run: Any, layout_id: int) -> None:
    rpr = run.find(_w("rPr"))
    if rpr is None:
        rpr = run.makeelement(_w("rPr"), {})
        run.insert(0, rpr)
    layout = rpr.makeelement(_w("eastAsianLayout"), {_w("id"): str(layout_id), _w("vert"): "1"})
    _insert_before(rpr, layout, _AFTER_EAST_ASIAN_LAYOUT)


# ---------------------------------------------------------------- PDF through LibreOffice


def find_soffice() -> str:
    """The LibreOffice executable: ``$DIGESTCONV_SOFFICE``, else ``soffice`` on PATH.

    Raises :class:`LibreOfficeError` saying what to install when there is none.
    """
    configured = os.environ.get(SOFFICE_ENV)
    if configured:
        if shutil.which(configured):
            return configured
        raise LibreOfficeError(f"{SOFFICE_ENV}={configured!r} is not an executable; {INSTALL_HINT}")
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    raise LibreOfficeError(INSTALL_HINT)


def render_vertical_pdf(document: Document, target: BinaryIO, options: WriteOptions) -> None:
    """Write a vertical PDF of ``document`` to ``target``: the vertical DOCX, converted by LibreOffice.

    ``options.extra["soffice_timeout"]`` bounds the conversion in seconds (default 180).
    """
    soffice = find_soffice()
    from digestconv.writers.docx import build_docx

    doc = build_docx(document, options)
    if not is_docx_vertical(doc):
        make_docx_vertical(doc)
    use_fonts(doc, print_fonts(document.meta.lang, options))
    timeout = float(options.extra.get("soffice_timeout", SOFFICE_TIMEOUT))
    with tempfile.TemporaryDirectory(prefix="digestconv-vertical-") as tmp:
        workdir = Path(tmp)
        source = workdir / "vertical.docx"
        doc.save(str(source))
        pdf = docx_to_pdf(source, workdir, soffice=soffice, timeout=timeout)
        with pdf.open("rb") as stream:
            shutil.copyfileobj(stream, target)


def print_fonts(lang: str, options: WriteOptions) -> dict[str, str]:
    """Word font name → installed PDF font of the same role (新細明體 → Noto Serif CJK TC).

    The DOCX names the fonts a Word user has; LibreOffice would replace the ones
    not installed here by whatever fontconfig offers, often a sans face for a Ming
    body.  The PDF gets the fonts the house style chose for print instead.
    """
    from digestconv.styles import ROLES, load_style
    from digestconv.writers._fonts import pdf_fonts

    style = load_style(options.style)
    word_names = style.font_lists("docx", lang)
    installed = pdf_fonts(style, lang, options.fonts)
    mapping: dict[str, str] = {}
    for role in ROLES:
        mapping.setdefault(options.fonts.get(role, word_names[role][0]), installed[role][0])
    return mapping


def use_fonts(doc: Any, mapping: dict[str, str]) -> None:
    """Rename the East Asian fonts of every part of a python-docx ``Document`` by ``mapping``."""
    attribute = _w("eastAsia")
    for part in doc.part.package.iter_parts():
        element = getattr(part, "element", None)
        if element is None:
            continue
        for fonts in element.iter(_w("rFonts")):
            name = fonts.get(attribute)
            if name in mapping:
                fonts.set(attribute, mapping[name])


def docx_to_pdf(source: Path, outdir: Path, *, soffice: str | None = None, timeout: float = SOFFICE_TIMEOUT) -> Path:
    """Convert a DOCX file to PDF in ``outdir`` with headless LibreOffice; the PDF's path.

    A private LibreOffice profile in ``outdir`` lets conversions run side by side
    and leaves the user's own profile (and any running LibreOffice) alone.
    """
    executable = soffice or find_soffice()
    profile = (outdir / "lo-profile").resolve().as_uri()
    command = [
        executable, f"-env:UserInstallation={profile}", "--headless", "--invisible", "--norestore",
        "--nologo", "--nodefault", "--nolockcheck", "--convert-to", "pdf:writer_pdf_Export",
        "--outdir", str(outdir), str(source),
    ]
    # A session of its own, so a timeout kills soffice.bin too, not only the wrapper script.
    with subprocess.Popen(
        command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True
    ) as process:
        try:
            _, stderr = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            raise LibreOfficeError(f"LibreOffice did not convert the vertical DOCX within {timeout:g} s") from None
    pdf = outdir / (source.stem + ".pdf")
    if process.returncode != 0 or not pdf.is_file() or pdf.stat().st_size == 0:
        detail = _last_line(stderr.decode("utf-8", "replace")) or f"exit status {process.returncode}"
        raise LibreOfficeError(f"LibreOffice could not convert the vertical DOCX to PDF: {detail}")
    return pdf


def _last_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip() and "javaldx" not in line]
    return lines[-1] if lines else ""
