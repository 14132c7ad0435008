"""A user's reference DOCX (pandoc's ``--reference-doc``): its styles replace the house style's in the output.

An office keeps its look in a Word file; its ``word/styles.xml`` part is taken as it
is (defaults, latent styles, every style it defines), and the house's styles it lacks
(Kicker, Byline, …) are kept so that every paragraph still has its style.  Styles are
matched by name, not by id, because Word writes localized ids (a Chinese Word names
Heading 1's id ``1``).
"""

from __future__ import annotations

import copy
import os
import zipfile
from functools import lru_cache
from pathlib import Path
from typing import Any

from docx.oxml import parse_xml
from docx.oxml.ns import qn

from digestconv.errors import StyleError

STYLES_PART = "word/styles.xml"
_MAX_STYLES_BYTES = 32 * 1024 * 1024  # a styles part is a few hundred kilobytes; refuse a zip bomb


def _stat_key(path: str | os.PathLike[str]) -> tuple[str, int, int]:
    try:
        stat = os.stat(path)
    except OSError as exc:
        raise StyleError(f"reference DOCX {os.fspath(path)}: {exc.strerror or exc}") from None
    return os.path.abspath(path), stat.st_mtime_ns, stat.st_size


@lru_cache(maxsize=8)
def _styles_xml(key: tuple[str, int, int]) -> bytes:
    path = key[0]
    try:
        with zipfile.ZipFile(path) as package:
            info = package.getinfo(STYLES_PART)
            if info.file_size > _MAX_STYLES_BYTES:
                raise StyleError(f"reference DOCX {path}: its styles part is implausibly large")
            data = package.read(info)
    except KeyError:
        raise StyleError(f"reference DOCX {path}: no {STYLES_PART} in it (not a Word document?)") from None
    except (zipfile.BadZipFile, OSError) as exc:
        raise StyleError(f"reference DOCX {path}: not a DOCX (ZIP) file: {exc}") from None
    try:
        root = parse_xml(data)
    except Exception as exc:  # lxml's XMLSyntaxError, and whatever a hostile part provokes
        raise StyleError(f"reference DOCX {path}: {STYLES_PART} is not valid XML: {exc}") from None
    if root.tag != qn("w:styles"):
        raise StyleError(f"reference DOCX {path}: {STYLES_PART} holds no Word styles")
    return data


def reference_styles(path: str | os.PathLike[str]) -> bytes:
    """The styles part of the DOCX at ``path``, checked; :class:`StyleError` naming the file otherwise."""
    return _styles_xml(_stat_key(path))


def _name(style: Any) -> str:
    name = style.find(qn("w:name"))
    return str(name.get(qn("w:val"), "")).lower() if name is not None else ""


def apply_reference_styles(styles_root: Any, path: str | Path) -> None:
    """Replace the styles under ``styles_root`` (a ``w:styles`` element) with the reference's, keeping ours it lacks."""
    reference = parse_xml(reference_styles(path))
    ref_ids = {_name(s): s.get(qn("w:styleId")) for s in reference.iter(qn("w:style"))}
    taken = set(ref_ids.values())
    ours = list(styles_root.iter(qn("w:style")))
    renamed: dict[str, str] = {}  # our id → the reference's id for the same name, or a fresh one
    kept = []
    for style in ours:
        own_id = style.get(qn("w:styleId"))
        if _name(style) in ref_ids:
            renamed[own_id] = ref_ids[_name(style)]
            continue
        new_id = own_id if own_id not in taken else f"{own_id}Digestconv"
        renamed[own_id] = new_id
        style.set(qn("w:styleId"), new_id)
        kept.append(style)
    for style in kept:  # links between our styles follow the names to the reference's ids
        for tag in ("w:basedOn", "w:next", "w:link"):
            ref = style.find(qn(tag))
            if ref is not None and ref.get(qn("w:val")) in renamed:
                ref.set(qn("w:val"), renamed[ref.get(qn("w:val"))])
    for child in list(styles_root):
        styles_root.remove(child)
    for child in reference:
        styles_root.append(copy.deepcopy(child))
    for style in kept:
        styles_root.append(style)
