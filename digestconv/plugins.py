"""Reader and writer plug-ins, found through entry points.

Writers register in the entry-point group ``digestconv.writers`` and readers in
``digestconv.readers`` (see ``pyproject.toml``); a third party adds a format by
installing a package that declares one.  Entry points are loaded only when a
format is asked for, so start-up stays cheap.

A plug-in that registers a name digestconv already has (``txt``) is reported
with a warning and the built-in is kept, unless the user asks for the plug-in by
naming it in ``DIGESTCONV_PLUGIN_OVERRIDES`` (comma-separated; the CLI's
``--plugin-override NAME`` sets it).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from functools import cache
from importlib.metadata import EntryPoint, entry_points
from typing import TYPE_CHECKING, cast

from digestconv.errors import PluginError
from digestconv.logs import get_logger

if TYPE_CHECKING:
    from digestconv.readers.base import Reader
    from digestconv.writers.base import Writer

WRITER_GROUP = "digestconv.writers"
READER_GROUP = "digestconv.readers"
OVERRIDES_ENV = "DIGESTCONV_PLUGIN_OVERRIDES"

log = get_logger(__name__)

# The extensions digestconv's own readers claim, by entry point, so that choosing a
# reader for a file name loads none of the others (the Markdown reader alone brings
# in PyYAML and markdown-it, which a batch of text files never uses).
# tests/test_plugins.py checks this against the readers' own ``extensions``.
BUILTIN_READER_EXTENSIONS: dict[str, tuple[str, ...]] = {
    "digestconv.readers.json:JsonReader": (".json",),
    "digestconv.readers.markdown:MarkdownReader": (".md", ".markdown"),
    "digestconv.readers.ocr.reader:OcrTextReader": (".txt", ".text"),
    "digestconv.readers.pdf:PdfReader": (".pdf",),
}


def is_builtin(ep: EntryPoint) -> bool:
    """Whether ``ep`` is one of digestconv's own readers or writers."""
    dist = getattr(ep, "dist", None)
    if dist is not None and getattr(dist, "name", None):
        return str(dist.name).lower().replace("_", "-") == "digestconv"
    return ep.value.startswith("digestconv.")


def _overrides() -> frozenset[str]:
    return frozenset(n.strip().lower() for n in os.environ.get(OVERRIDES_ENV, "").split(",") if n.strip())


def _origin(ep: EntryPoint) -> str:
    dist = getattr(ep, "dist", None)
    package = getattr(dist, "name", None) if dist is not None else None
    return f"{ep.value} from {package}" if package else ep.value


def _pick(group: str, kept: EntryPoint, other: EntryPoint, overrides: frozenset[str]) -> EntryPoint:
    """Of two entry points under one name, the one to use; the conflict is logged as a warning."""
    kind = "writer" if group == WRITER_GROUP else "reader"
    if is_builtin(kept) == is_builtin(other):
        chosen, dropped = kept, other  # two third parties: the first found stays
    else:
        builtin, plugin = (kept, other) if is_builtin(kept) else (other, kept)
        chosen, dropped = (plugin, builtin) if kept.name.lower() in overrides else (builtin, plugin)
    hint = ""
    if is_builtin(chosen) and not is_builtin(dropped):
        hint = f"; to use the plug-in, set {OVERRIDES_ENV}={kept.name} (or --plugin-override {kept.name})"
    log.warning("%s %r is registered twice: using %s, ignoring %s%s",
                kind, kept.name, _origin(chosen), _origin(dropped), hint)
    return chosen


@cache
def _entry_points(group: str) -> dict[str, EntryPoint]:
    found: dict[str, EntryPoint] = {}
    overrides = _overrides()
    for ep in entry_points(group=group):
        kept = found.get(ep.name)
        if kept is None:
            found[ep.name] = ep
        elif kept.value != ep.value:  # the same object twice (a stale copy of the metadata) is no conflict
            found[ep.name] = _pick(group, kept, ep, overrides)
    return found


def plugin_writer_names() -> list[str]:
    """Names of the installed writers that come from other packages than digestconv, sorted."""
    return sorted(name for name, ep in _entry_points(WRITER_GROUP).items() if not is_builtin(ep))


@cache
def _load(group: str, name: str) -> object:
    eps = _entry_points(group)
    if name not in eps:
        kind = "writer" if group == WRITER_GROUP else "reader"
        known = ", ".join(sorted(eps)) or "none installed"
        raise PluginError(f"unknown {kind} {name!r} (known: {known})")
    try:
        obj = eps[name].load()
    except Exception as exc:  # a broken third-party plug-in must not crash the CLI
        raise PluginError(f"plug-in {name!r} failed to load: {exc}") from exc
    return obj() if isinstance(obj, type) else obj


def writer_names() -> list[str]:
    """Names of the installed writers, sorted."""
    return sorted(_entry_points(WRITER_GROUP))


def reader_names() -> list[str]:
    """Names of the installed readers, sorted."""
    return sorted(_entry_points(READER_GROUP))


def get_writer(name: str) -> Writer:
    """The writer registered under ``name``."""
    return cast("Writer", _load(WRITER_GROUP, name))


def get_reader(name: str) -> Reader:
    """The reader registered under ``name``."""
    return cast("Reader", _load(READER_GROUP, name))


def writers() -> list[Writer]:
    """Every installed writer, loaded."""
    return [get_writer(n) for n in writer_names()]


def readers() -> list[Reader]:
    """Every installed reader, loaded."""
    return [get_reader(n) for n in reader_names()]


def reader_extensions() -> dict[str, str]:
    """Each lower-case extension the installed readers claim, mapped to the first reader that claims it."""
    extensions: dict[str, str] = {}
    eps = _entry_points(READER_GROUP)
    for name in reader_names():
        claimed = BUILTIN_READER_EXTENSIONS.get(eps[name].value) if is_builtin(eps[name]) else None
        if claimed is None:
            try:
                claimed = get_reader(name).extensions
            except PluginError:
                continue  # a reader that cannot load reads nothing; the others still do
        for ext in claimed:
            extensions.setdefault(ext.lower(), name)
    return extensions


def reader_name_for_path(path: str, extensions: Mapping[str, str] | None = None) -> str | None:
    """The reader the longest matching extension in ``extensions`` (default: every reader's) names, or None."""
    if extensions is None:
        extensions = reader_extensions()
    lower = path.lower()
    matches = [ext for ext in extensions if lower.endswith(ext)]
    return extensions[max(matches, key=len)] if matches else None


def reader_for_path(path: str) -> Reader:
    """The reader whose extensions match ``path`` (e.g. ``.txt`` → the OCR normalizer)."""
    name = reader_name_for_path(path)
    if name is None:
        raise PluginError(f"{path}: no reader for this extension (use --from; readers: {', '.join(reader_names())})")
    return get_reader(name)


def writer_name_for_path(path: str) -> str | None:
    """The writer the longest matching extension of ``path`` names (``out.docx`` → ``docx``), or None.

    A name without a dot in its last part (``-o out/batch``) matches no extension:
    that is answered without loading any writer.
    """
    if "." not in os.path.basename(path.replace("\\", "/")):
        return None
    lower = path.lower()
    best: tuple[int, str] | None = None
    for name in writer_names():
        try:
            extensions = get_writer(name).extensions
        except PluginError:
            continue  # a writer that cannot load claims nothing
        for ext in extensions:
            if lower.endswith(ext.lower()) and (best is None or len(ext) > best[0]):
                best = (len(ext), name)
    return best[1] if best else None


def writer_for_path(path: str) -> Writer:
    """The writer whose extensions match ``path``."""
    name = writer_name_for_path(path)
    if name is None:
        raise PluginError(f"{path}: no writer for this extension (use --to; writers: {', '.join(writer_names())})")
    return get_writer(name)
