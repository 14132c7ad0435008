"""Pruning the dictionary cache: files of engines built from older code or tables.

Every build of a merged engine leaves its dictionaries (several MB), its
configuration and an index naming them in the cache folder, and so does the
chain engine it was computed from.  An index records the generation it was built
for (a digest of this package's variant code and built-in tables and of OpenCC's
version).  After a build, the indexes of other generations that were not used for
``unused_for`` seconds go (another checkout or version may still be in use), and
with them every dictionary and configuration no remaining index names; files
younger than ``min_age`` seconds stay, since a parallel worker may be building
with them.  A cached engine's index is touched when it is used.
"""

from __future__ import annotations

import hashlib
import json
import time
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

# Files a build writes (engine.py, merged.py); export-* (OpenCC's own keys) and the
# character maps are shared by every generation and stay.
_BUILT = ("merged-index-", "merged-words-", "merged-phrases-", "merged-singles-", "config-", "phrases-", "phrases2-")


@cache
def generation() -> str:
    """A digest of the variant code, the built-in phrase tables and OpenCC's version."""
    import opencc

    digest = hashlib.sha256(str(getattr(opencc, "__version__", "")).encode())
    here = Path(__file__).parent
    for path in sorted(here.glob("*.py")):
        digest.update(path.name.encode() + path.read_bytes())
    folder = resources.files("digestconv.transforms").joinpath("phrases")
    for item in sorted(folder.iterdir(), key=lambda entry: entry.name):
        if item.is_file():
            digest.update(item.name.encode() + item.read_bytes())
    return digest.hexdigest()[:24]


def index_text(config: Path) -> str:
    """What an index file holds: the configuration's path, then the generation."""
    return f"{config}\n{generation()}\n"


def index_config(index: Path) -> tuple[Path, str]:
    """The configuration an index names and the generation it was built for ('' when it records none)."""
    lines = index.read_text(encoding="utf-8").splitlines()
    return Path(lines[0].strip()), (lines[1].strip() if len(lines) > 1 else "")


def prune_stale(directory: Path, *, min_age: float = 600.0, unused_for: float = 86400.0) -> list[Path]:
    """Remove the files of other generations' engines from ``directory``; the removed paths."""
    current = generation()
    keep: set[Path] = set()
    stale: list[Path] = []
    now = time.time()
    for index in directory.glob("merged-index-*.txt"):
        try:
            config, built_for = index_config(index)
            idle = now - index.stat().st_mtime
        except (OSError, IndexError):
            continue
        if built_for != current and idle >= unused_for:
            stale.append(index)
            continue
        keep.add(index)
        keep.add(config)
        keep.update(_named_files(config))
    removed = []
    candidates = [path for path in directory.iterdir() if path.name.startswith(_BUILT)]
    for path in sorted(set(stale) | set(candidates)):
        if path in keep or not path.is_file():
            continue
        try:
            if path not in stale and now - path.stat().st_mtime < min_age:
                continue
            path.unlink()
        except OSError:
            continue  # gone already, or another user's: nothing to prune
        removed.append(path)
    return removed


def _named_files(config: Path) -> set[Path]:
    try:
        spec = json.loads(config.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    found: set[Path] = set()
    _collect(spec, found)
    # A text dictionary compiled to OpenCC's format sits beside its source; keep both.
    return found | {path.with_suffix(".txt") for path in found if path.suffix == ".ocd2"}


def _collect(node: Any, found: set[Path]) -> None:
    if isinstance(node, dict):
        if isinstance(node.get("file"), str):
            found.add(Path(node["file"]))
        for value in node.values():
            _collect(value, found)
    elif isinstance(node, list):
        for value in node:
            _collect(value, found)
