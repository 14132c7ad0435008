"""User corrections: literal and regular-expression replacements from a TOML file.

Staff fix words the OCR misread (``独立官`` for 独立宫) without touching the
normalizer, which never guesses at characters (spec §8)::

    [replace]
    "独立官" = "独立宫"

    [[regex]]
    pattern = "第\\\\s+(\\\\d+)\\\\s+版"
    replace = "第\\\\1版"
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from digestconv.errors import DigestconvError
from digestconv.model import Document, Inline, TextBlock, inlines_text, map_text_blocks


@dataclass(frozen=True)
class Fix:
    """One correction: a literal string or a compiled pattern, and its replacement."""

    find: str | re.Pattern[str]
    to: str

    def apply(self, text: str) -> str:
        """The text with this correction applied everywhere."""
        if isinstance(self.find, str):
            return text.replace(self.find, self.to) if self.find in text else text
        return self.find.sub(self.to, text)


def parse_fixes(data: dict[str, Any], where: str = "fixes") -> list[Fix]:
    """Corrections from parsed TOML data (``[replace]`` table and ``[[regex]]`` list)."""
    fixes: list[Fix] = []
    literal = data.get("replace", {})
    if not isinstance(literal, dict):
        raise DigestconvError(f"{where}: [replace] must be a table of \"wrong\" = \"right\" pairs")
    for wrong, right in literal.items():
        if not isinstance(right, str) or not wrong:
            raise DigestconvError(f"{where}: replace.{wrong!r} must be a non-empty key with a string value")
        fixes.append(Fix(wrong, right))
    for n, entry in enumerate(data.get("regex", [])):
        if not isinstance(entry, dict) or not isinstance(entry.get("pattern"), str):
            raise DigestconvError(f"{where}: regex[{n}] needs a string 'pattern'")
        to = entry.get("replace", "")
        if not isinstance(to, str):
            raise DigestconvError(f"{where}: regex[{n}].replace must be a string")
        try:
            fixes.append(Fix(re.compile(entry["pattern"]), to))
        except re.error as exc:
            raise DigestconvError(f"{where}: regex[{n}]: bad pattern: {exc}") from None
    unknown = set(data) - {"replace", "regex"}
    if unknown:
        raise DigestconvError(f"{where}: unknown section {sorted(unknown)[0]!r} (use [replace] and [[regex]])")
    return fixes


def load_fixes(path: str | Path) -> list[Fix]:
    """Read corrections from a TOML file, with a one-line error for a bad file."""
    p = Path(path)
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except OSError as exc:
        raise DigestconvError(f"{p}: cannot read fixes file: {exc.strerror or exc}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise DigestconvError(f"{p}: not a valid TOML fixes file: {exc}") from None
    return parse_fixes(data, str(p))


def _fix_text(text: str, fixes: list[Fix]) -> str:
    for fix in fixes:
        text = fix.apply(text)
    return text


def apply_fixes(document: Document, fixes: list[Fix]) -> Document:
    """The document with every correction applied to every block's text (and its inlines) and the title."""
    if not fixes:
        return document

    def fix_block(block: TextBlock) -> TextBlock:
        if block.inlines is None:
            return block.with_text(_fix_text(block.text, fixes))
        inlines: tuple[Inline, ...] = tuple(replace(i, v=_fix_text(i.v, fixes)) for i in block.inlines)
        return block.with_text(inlines_text(inlines), inlines)

    meta = document.meta
    meta = replace(
        meta,
        title=_fix_text(meta.title, fixes) if meta.title else meta.title,
        publication=_fix_text(meta.publication, fixes) if meta.publication else meta.publication,
    )
    return Document(blocks=map_text_blocks(document.blocks, fix_block), meta=meta)
