"""The vertical PDF engine: the vertical DOCX, converted by headless LibreOffice.

WeasyPrint does not implement ``writing-mode``, so a vertical PDF cannot come from the
HTML page; Word-style section direction is what LibreOffice lays out.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path
from typing import Any, BinaryIO

from docx.oxml.ns import qn

from digestconv.errors import StyleError
from digestconv.model import Document
from digestconv.styles import ROLES, load_style
from digestconv.writers._fonts import covers_chinese, face_kind, pdf_fonts
from digestconv.writers.base import WriteOptions
from digestconv.writers.docx.build import build_docx, word_language
from digestconv.writers.docx.oxml import set_lang
from digestconv.writers.docx.vertical import is_docx_vertical, make_docx_vertical

SOFFICE_ENV = "DIGESTCONV_SOFFICE"
SOFFICE_TIMEOUT = 180.0
INSTALL_HINT = "vertical PDF needs LibreOffice: apt-get install libreoffice-writer-nogui"


class LibreOfficeError(StyleError):
    """LibreOffice, needed for a vertical PDF, is missing or failed to convert."""



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
    doc = build_docx(document, options)
    if not is_docx_vertical(doc):
        make_docx_vertical(doc)
    use_fonts(doc, print_fonts(document.meta.lang, options))
    use_language(doc, word_language(document.meta.lang))
    allow_widows(doc)
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
    style = load_style(options.style)
    word_names = style.font_lists("docx", lang)
    installed = pdf_fonts(style, lang, options.fonts)
    mapping: dict[str, str] = {}
    for role in ROLES:
        family = installed[role][0] if role in options.fonts else vertical_family(installed[role][0], lang)
        mapping.setdefault(options.fonts.get(role, word_names[role][0]), family)
    return mapping


# TrueType faces with vertical forms ('vert') and a face per region, in Debian's
# fonts-arphic-uming and fonts-arphic-ukai
_VERTICAL_FACES = {"Kai": "AR PL UKai", "other": "AR PL UMing"}
_REGIONS = {"zh-TW": "TW", "zh-HK": "HK", "zh-Hant": "TW", "zh-Hans": "CN"}


def vertical_family(family: str, lang: str) -> str:
    """The face LibreOffice sets ``family``'s role in for vertical text: AR PL UMing or UKai of the region.

    LibreOffice 7 takes the first face of an OpenType collection whatever family was
    asked for, so Noto CJK TC comes out in its Japanese glyphs (and as Type 1 fonts),
    even when the TC family is named; a TrueType collection with a face per region gives
    the right glyphs, real TrueType fonts and the font's vertical forms.  Headings stay
    in Ming: Debian's TrueType Hei faces (WenQuanYi Micro Hei and Zen Hei, cwTeX HeiBold)
    have no 'vert' table, and LibreOffice sets their ：，。 upright in the horizontal
    position (a colon half inside the character above it).  Without those fonts the family stays.
    """
    base = _VERTICAL_FACES["Kai" if face_kind(family) == "Kai" else "other"]
    candidate = f"{base} {_REGIONS.get(lang, 'TW')}"
    return candidate if covers_chinese(candidate, lang) else family


def allow_widows(doc: Any) -> None:
    """Turn widow and orphan control off in every style and paragraph of a python-docx ``Document``.

    LibreOffice (7.x) moves a vertical paragraph's last columns to the next page for
    widow control but leaves the paragraphs after it where they were: they are drawn
    over each other (seed 002's bold dateline over the next paragraph).  Without it a
    page may end after one column of a paragraph, which vertical setting tolerates.
    """
    control = qn("w:widowControl")
    for root in (doc.styles.element, doc.element.body):
        for element in root.iter(control):
            element.set(qn("w:val"), "0")


def use_language(doc: Any, lang: str) -> None:
    """Make ``lang`` (a Word tag, ``zh-TW``) the document's language, Western as well as East Asian.

    LibreOffice writes the Western default language as the PDF's ``/Lang``; a Chinese
    document set vertically is Chinese throughout.
    """
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")) if defaults is not None else None
    if rpr is not None:
        set_lang(rpr, lang, lang)


def use_fonts(doc: Any, mapping: dict[str, str]) -> None:
    """Rename the East Asian fonts of every part of a python-docx ``Document`` by ``mapping``."""
    attribute = qn("w:eastAsia")
    for part in doc.part.package.iter_parts():
        element = getattr(part, "element", None)
        if element is None:
            continue
        for fonts in element.iter(qn("w:rFonts")):
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
