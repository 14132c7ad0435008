"""Render page 1 of every seed's PDF in every house style to examples/<stem>.<style>.png.

Also examples/vertical.zh-TW.png: page 1 of seed 002 in zh-TW, set vertically (LibreOffice).

Run with ``make examples``.  The PNGs let anyone see what the PDF writer produces
without installing anything; they are small greyscale previews (pdftoppm at 60 dpi, 16 grey levels).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
OUT = ROOT / "examples"
sys.path.insert(0, str(ROOT))

from digestconv.api import read  # noqa: E402
from digestconv.model import Document  # noqa: E402
from digestconv.styles import builtin_style_names  # noqa: E402
from digestconv.writers.base import WriteOptions  # noqa: E402
from digestconv.writers.pdf import render_pdf  # noqa: E402


def render_page_one(document: Document, style: str, png: Path) -> None:
    """Write page 1 of ``document``'s PDF in ``style`` to ``png``."""
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "page.pdf"
        pdf.write_bytes(render_pdf(document, WriteOptions(style=style)).data)
        stem = png.with_suffix("")
        subprocess.run(
            ["pdftoppm", "-r", "60", "-f", "1", "-l", "1", "-gray", "-png", "-singlefile", str(pdf), str(stem)],
            check=True,
        )
    _shrink(png)


def render_vertical_page_one(document: Document, png: Path) -> None:
    """Write page 1 of ``document``'s vertical PDF to ``png``."""
    from digestconv.writers.pdf.vertical import render_vertical_pdf

    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "page.pdf"
        with pdf.open("wb") as stream:
            render_vertical_pdf(document, stream, WriteOptions(vertical=True))
        subprocess.run(
            ["pdftoppm", "-r", "60", "-f", "1", "-l", "1", "-gray", "-png", "-singlefile", str(pdf),
             str(png.with_suffix(""))],
            check=True,
        )
    _shrink(png)


def _shrink(png: Path) -> None:
    """Keep 16 grey levels: the page still reads, and the file stays well under 150 KB."""
    from PIL import Image

    with Image.open(png) as image:
        small = image.convert("L").quantize(colors=16, dither=Image.Dither.NONE)
    small.save(png, optimize=True, bits=4)


def main() -> int:
    """Normalize every seed and render it in every style."""
    if shutil.which("pdftoppm") is None:
        print("make_examples: pdftoppm is missing (Debian: poppler-utils)", file=sys.stderr)
        return 1
    for path in sorted(SEEDS.glob("*.txt")):
        document = read(path)
        for style in builtin_style_names():
            png = OUT / f"{path.stem}.{style}.png"
            render_page_one(document, style, png)
            print(f"{png.relative_to(ROOT)}  {png.stat().st_size // 1024} KB")
    from digestconv.transforms.variants import to_variant

    png = OUT / "vertical.zh-TW.png"
    render_vertical_page_one(to_variant(read(SEEDS / "002_d0193143c18a3c8a.txt"), "zh-TW"), png)
    print(f"{png.relative_to(ROOT)}  {png.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
