"""What every step of the DOCX writer needs: the Word document, the house style and the fonts per role."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from digestconv.styles import Style
from digestconv.writers._css import is_sans
from digestconv.writers.docx.oxml import needs_east_asia_hint, set_east_asia_hint, set_fonts


@dataclass
class DocxContext:
    """The python-docx document being built, its style, East Asian font and role per paragraph style."""

    doc: Any
    style: Style
    east_asia: dict[str, str]
    lang: str
    roles: dict[str, str]
    style_ids: dict[str, str] = field(default_factory=dict)

    def latin(self, role: str) -> str:
        """The Latin font that goes with the role's East Asian font (sans with sans, serif with serif)."""
        return self.style.latin_sans if is_sans(self.east_asia[role]) else self.style.latin_serif

    def fonts_of(self, rpr: Any, role: str) -> None:
        """Name the role's East Asian and Latin fonts in a ``w:rPr``."""
        set_fonts(rpr, self.east_asia[role], self.latin(role))

    def paragraph_role(self, paragraph: Any) -> str | None:
        """The font role of ``paragraph``'s style, when it is one of the house style's paragraph styles."""
        ppr = paragraph._p.pPr
        style_id = ppr.style if ppr is not None else None
        for name, known in self.style_ids.items():
            if known == style_id:
                return self.roles.get(name)
        return None

    def add_run(self, paragraph: Any, text: str, role: str, *, bold: bool = False, italic: bool = False) -> Any:
        """Append a run of ``text`` to ``paragraph`` in the role's fonts.

        A run in its paragraph style's own role names no fonts, so changing the style's font
        in Word changes the text; “”‘’—… get ``w:hint="eastAsia"`` so Word sets them in the
        East Asian font, as Chinese text wants, not in the Latin one.
        """
        run = paragraph.add_run(text)
        if bold:
            run.bold = True
        if italic:
            run.italic = True
        if role != self.paragraph_role(paragraph):
            self.fonts_of(run._r.get_or_add_rPr(), role)
        if needs_east_asia_hint(text):
            set_east_asia_hint(run._r.get_or_add_rPr())
        return run
