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

import regex

from digestconv.errors import DigestconvError
from digestconv.model import Document, Inline, TextBlock, inlines_text, map_text_blocks

# How long one pattern may search one block: real corrections take microseconds; a
# pattern that backtracks catastrophically ("(a+)+$") would otherwise never return.
REGEX_TIMEOUT_S = 2.0
# A replacement's group references: \1 … \99, \g<1>, \g<name>; and any other escape.
_TEMPLATE_PART = re.compile(r"\\(?:g<([^>]*)>|(\d{1,2})|(.))", re.DOTALL)
_KNOWN_ESCAPES = set("nrtfvab\\")


@dataclass(frozen=True)
class Fix:
    """One correction: a literal string or a compiled pattern, and its replacement.

    ``label`` names the entry (``fixes.toml: regex[3]``) in the error a pattern that
    runs out of time raises.
    """

    find: str | regex.Pattern[str]
    to: str
    label: str = ""

    def apply(self, text: str) -> str:
        """The text with this correction applied everywhere."""
        if isinstance(self.find, str):
            return text.replace(self.find, self.to) if self.find in text else text
        try:
            return self.find.sub(self.to, text, timeout=REGEX_TIMEOUT_S)
        except TimeoutError:
            raise DigestconvError(
                f"{self.label} ({self.find.pattern!r}) ran out of time ({REGEX_TIMEOUT_S:g} s) on a "
                f"block of {len(text)} characters; rewrite the pattern without nested repeats"
            ) from None


def check_template(template: str, pattern: regex.Pattern[str], where: str) -> None:
    """Refuse a replacement that names a group ``pattern`` lacks or uses an unknown escape."""
    for match in _TEMPLATE_PART.finditer(template):
        named, number, other = match.groups()
        if other is not None:
            if other not in _KNOWN_ESCAPES:
                raise DigestconvError(f"{where}: bad escape \\{other} in replace (write \\\\ for a backslash)")
            continue
        ref = named if named is not None else number
        if ref.isdigit():
            if int(ref) > pattern.groups:
                raise DigestconvError(f"{where}: replace refers to group {ref}, the pattern has {pattern.groups}")
        elif ref not in pattern.groupindex:
            raise DigestconvError(f"{where}: replace refers to group {ref!r}, which the pattern does not name")


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
        label = f"{where}: regex[{n}]"
        try:
            pattern = regex.compile(entry["pattern"])
        except regex.error as exc:
            raise DigestconvError(f"{label}: bad pattern: {exc}") from None
        check_template(to, pattern, label)
        fixes.append(Fix(pattern, to, label))
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
