"""Render one imposed sheet of a booklet and of a 2-up handout to examples/*.png.

    .venv/bin/python examples/make_print_examples.py

The booklet is a seed set at A5 (the handout style's half sheet, type at its size) and
imposed on A4 sheets; the PNG is the back of sheet 2 (pages 4 and N-3, N the page count
padded to a multiple of 4: 13 pages pad to 16, so pages 4 and 13).  The 2-up handout is the seed's A4 pages, two to a landscape A4 sheet with cut
marks; the PNG is sheet 1 (pages 1 and 2).  Greyscale, 50 dpi, 16 grey levels.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "examples"
SEED = ROOT / "seeds" / "001_40a999470f34a1c1.txt"
sys.path.insert(0, str(ROOT))

from digestconv.api import read, render  # noqa: E402
from examples.make_examples import _shrink  # noqa: E402

SHEETS = (("booklet", {"impose": "booklet", "cut_marks": True}, 4, "booklet.sheet2-back.png"),
          ("2up", {"impose": "2up", "cut_marks": True}, 1, "2up.sheet1.png"))


def main() -> int:
    """Render the two sheets."""
    if shutil.which("pdftoppm") is None:
        print("make_print_examples: pdftoppm is missing (Debian: poppler-utils)", file=sys.stderr)
        return 1
    document = read(SEED)
    for _, options, side, name in SHEETS:
        png = OUT / name
        with tempfile.TemporaryDirectory() as tmp:
            pdf = Path(tmp) / "sheet.pdf"
            pdf.write_bytes(render(document, "pdf", **options))
            subprocess.run(["pdftoppm", "-r", "50", "-f", str(side), "-l", str(side), "-gray", "-png",
                            "-singlefile", str(pdf), str(png.with_suffix(""))], check=True)
        _shrink(png)
        print(f"{png.relative_to(ROOT)}  {png.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
