"""The PDF standards the writer can meet, through WeasyPrint's own ``pdf_variant`` support.

- ``pdf/x-4`` and ``pdf/x-1a`` (the press): a CMYK output intent (Ghostscript's
  ``default_cmyk.icc``, Debian package ``libgs-common``), every font embedded (WeasyPrint
  always embeds), text and rules in pure black ``device-cmyk(0 0 0 1)``; a PDF that still
  paints in RGB is refused (:func:`rgb_paint_count`).
- ``pdf/a-3b`` (the archive): an sRGB output intent, and the document carries its own source:
  the JSON model (``model.json``, relationship ``Source``) and its plain text (``text.txt``,
  ``Alternative``) as associated files (``/AF``).
- ``pdf/ua-1`` (screen readers): tagged, ``/Lang`` from the document's variant, the title shown
  in the window (``DisplayDocTitle``); reading order is the model's order.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from digestconv.errors import StyleError
from digestconv.model import Document
from digestconv.writers._css import PURE_BLACK

STANDARDS: dict[str, str] = {
    "pdf/x-4": "PDF/X-4 for the press: CMYK output intent, fonts embedded, text pure black",
    "pdf/x-1a": "PDF/X-1a:2003 for the press: as PDF/X-4, PDF 1.4, no transparency",
    "pdf/a-3b": "PDF/A-3b for the archive: source model and text attached",
    "pdf/ua-1": "PDF/UA-1 for screen readers: tagged, language and title set",
}
CMYK_PROFILES = (
    Path("/usr/share/color/icc/ghostscript/default_cmyk.icc"),
    Path("/usr/share/ghostscript/iccprofiles/default_cmyk.icc"),
)


def is_press(standard: str | None) -> bool:
    """Whether ``standard`` is one of the PDF/X family."""
    return standard is not None and standard.startswith("pdf/x")


def standard_css(standard: str | None) -> str:
    """CSS a standard needs: for PDF/X, everything drawn in the K plate only."""
    if not is_press(standard):
        return ""
    return (f"html, body, body * {{ color: {PURE_BLACK} !important; border-color: {PURE_BLACK} !important; "
            "text-decoration-color: currentColor !important; }\n"
            f"@page {{ color: {PURE_BLACK}; }}\n")


def _cmyk_profile() -> Any:
    from weasyprint.css import ColorProfile  # type: ignore[import-untyped]

    for path in CMYK_PROFILES:
        if path.is_file():
            with path.open("rb") as stream:
                return ColorProfile(io.BytesIO(stream.read()), path.name, "relative-colorimetric",
                                    (["c"], ["m"], ["y"], ["k"]))
    raise StyleError("PDF/X needs a CMYK ICC profile: install Ghostscript's "
                     f"(Debian: apt-get install libgs-common; looked for {CMYK_PROFILES[0]})")


def _attachments(document: Document) -> list[Any]:
    from weasyprint import Attachment  # type: ignore[import-untyped]

    from digestconv.writers.json import dumps
    from digestconv.writers.text import render_text

    return [
        Attachment(string=dumps(document), name="model.json", relationship="Source",
                   description="digestconv document model (JSON) this PDF was set from"),
        Attachment(string=render_text(document), name="text.txt", relationship="Alternative",
                   description="the document's plain text"),
    ]


def render_options(standard: str | None, document: Document) -> dict[str, Any]:
    """Keyword arguments for WeasyPrint's ``render`` and ``write_pdf`` that meet ``standard``."""
    if standard is None:
        return {}
    options: dict[str, Any] = {"pdf_variant": standard}
    if is_press(standard):
        options["color_profiles"] = {"device-cmyk": _cmyk_profile()}
    if standard == "pdf/a-3b":
        options["attachments"] = _attachments(document)
    return options


def _is_black(operands: Any) -> bool:
    return len(operands) == 3 and all(float(v) == 0 for v in operands)


def _to_k(stream: Any, resources: Any, seen: set[tuple[int, int]]) -> int:
    """Rewrite pure-black RGB paint in ``stream`` (and the forms it draws) as K; returns the RGB paint left."""
    import pikepdf

    left, changed, out = 0, False, []
    for instruction in pikepdf.parse_content_stream(stream):
        operands, operator = instruction.operands, instruction.operator
        name = str(operator)
        if name in ("rg", "RG") and _is_black(operands):
            # WeasyPrint draws the crop marks in SVG black, which is RGB
            instruction = pikepdf.ContentStreamInstruction([0, 0, 0, 1], pikepdf.Operator("k" if name == "rg" else "K"))
            changed = True
        elif _paints_rgb(name, operands):
            left += 1
        elif name == "Do" and (form := _unseen_form(operands, resources, seen)) is not None:
            left += _to_k(form, form.get("/Resources", resources), seen)
        out.append(instruction)
    if changed:
        stream.write(pikepdf.unparse_content_stream(out))
    return left


def press_black(pdf_bytes: bytes) -> tuple[bytes, int]:
    """``pdf_bytes`` with pure-black RGB paint turned into K, and how many RGB paint operators remain."""
    import pikepdf

    seen: set[tuple[int, int]] = set()
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        left = 0
        for page in pdf.pages:
            contents = page.obj.get("/Contents")
            parts = list(contents) if isinstance(contents, pikepdf.Array) else [contents]
            page.obj.Contents = pdf.make_stream(b"\n".join(part.read_bytes() for part in parts if part is not None))
            left += _to_k(page.obj.Contents, page.obj.get("/Resources"), seen)
        buffer = io.BytesIO()
        pdf.save(buffer, deterministic_id=True)
    return buffer.getvalue(), left


def rgb_paint_count(pdf_bytes: bytes) -> int:
    """How many DeviceRGB colour operators the pages paint with, form XObjects included."""
    import pikepdf

    seen: set[tuple[int, int]] = set()
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        return sum(_rgb_in_stream(page.obj.Contents, page.obj.get("/Resources"), seen) for page in pdf.pages)


def _rgb_in_stream(stream: Any, resources: Any, seen: set[tuple[int, int]]) -> int:
    import pikepdf

    count = 0
    for instruction in pikepdf.parse_content_stream(stream):
        operands, name = instruction.operands, str(instruction.operator)
        if _paints_rgb(name, operands):
            count += 1
        elif name == "Do" and (form := _unseen_form(operands, resources, seen)) is not None:
            count += _rgb_in_stream(form, form.get("/Resources", resources), seen)
    return count


def _paints_rgb(name: str, operands: Any) -> bool:
    """Whether an operator sets an RGB colour: ``rg``/``RG``, or ``cs``/``CS`` choosing DeviceRGB."""
    if name in ("rg", "RG"):
        return True
    if name not in ("cs", "CS") or not operands:
        return False
    import pikepdf

    return bool(operands[0] == pikepdf.Name.DeviceRGB)


def _unseen_form(operands: Any, resources: Any, seen: set[tuple[int, int]]) -> Any:
    """The form XObject a ``Do`` draws, the first time it is met (then added to ``seen``); else None.

    So a form drawn again, or one that draws itself, is walked once.
    """
    import pikepdf

    if resources is None or "/XObject" not in resources:
        return None
    form = resources.XObject.get(operands[0])
    if form is None or form.get("/Subtype") != pikepdf.Name.Form or form.objgen in seen:
        return None
    seen.add(form.objgen)
    return form
