"""OpenCC's binary dictionaries read as text: their keys and first values.

OpenCC's wheel ships its dictionaries in its binary format only; its dictionary
tool exports one to text, once, into the cache folder.  Without the tool nothing
can be read and every reader here answers empty.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
from functools import cache
from pathlib import Path


def opencc_share() -> Path:
    """The folder of OpenCC's dictionaries."""
    import opencc

    return Path(opencc.__file__).parent / "clib" / "share" / "opencc"


def opencc_tool() -> Path:
    """OpenCC's dictionary tool, as its wheel ships it (it may be missing)."""
    return opencc_share().parent.parent / "bin" / "opencc_dict"


def exported(name: str, directory: Path) -> Path | None:
    """One of OpenCC's dictionaries exported to text in ``directory`` (None without the tool)."""
    source = opencc_share() / name
    if not source.is_file() or not opencc_tool().exists():
        return None
    digest = hashlib.sha256(source.read_bytes()).hexdigest()[:20]
    text_file = directory / f"export-{Path(name).stem}-{digest}.txt"
    if not text_file.exists():
        partial = text_file.with_name(f"{text_file.stem}.{os.getpid()}.part.txt")
        subprocess.run([str(opencc_tool()), "-i", str(source), "-o", str(partial), "-f", "ocd2", "-t", "text"],
                       capture_output=True, check=True)
        partial.replace(text_file)
    return text_file


@cache
def opencc_entries(name: str, directory: Path) -> dict[str, str]:
    """The entries of one of OpenCC's dictionaries: key -> the first of its values (empty without the tool)."""
    text_file = exported(name, directory)
    if text_file is None:
        return {}
    entries: dict[str, str] = {}
    for line in text_file.read_text(encoding="utf-8").splitlines():
        key, tab, values = line.partition("\t")
        if tab and key and values:
            entries[key] = values.split(" ")[0]
    return entries
