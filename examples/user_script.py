"""A user's script against the public API; the test suite checks it passes ``mypy --strict``."""

from __future__ import annotations

from pathlib import Path

import digestconv


def convert_one(source: Path, outdir: Path) -> list[Path]:
    """Read one OCR text, repair it, and write it as DOCX in simplified and Taiwan Chinese."""
    document: digestconv.Document = digestconv.read(source)
    written = [digestconv.write(document, outdir / f"{source.stem}.docx", style="handout")]
    taiwan = digestconv.to_variant(document, "zh-TW")
    written.append(digestconv.write(taiwan, outdir / f"{source.stem}.zh-TW.docx", toc=True))
    return written


def repair(text: str) -> str:
    """Repair a piece of text and render it as Markdown."""
    return digestconv.render(digestconv.normalize(text), "md").decode("utf-8")


if __name__ == "__main__":
    print(repair("第一段。"))
