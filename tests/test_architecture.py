"""The house's layers (docs/architecture.md), checked on the real import graph.

Every module's imports are read with :mod:`ast`, function-level and
``TYPE_CHECKING`` imports included: a lazy import is still an arrow.  Each
module belongs to one layer; a module may import its own layer and the layers
below it, never one above.  A few arrows are named on their own because the
layer order alone would not catch them (click outside the CLI).  Import cycles
between modules are refused too.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Mapping
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "digestconv"

# Lowest first.  A module's layer is the one of the longest prefix that names it.
LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("model", ("digestconv.model", "digestconv.errors", "digestconv.languages", "digestconv.markdown_dialect",
               "digestconv.atomic", "digestconv.logs", "digestconv.collector")),
    ("readers", ("digestconv.readers",)),
    ("transforms", ("digestconv.transforms",)),
    ("writers", ("digestconv.writers", "digestconv.styles")),
    ("batch", ("digestconv.batch", "digestconv.api", "digestconv.plugins", "digestconv")),
    ("cli", ("digestconv.cli",)),
)
RANK = {name: rank for rank, (name, _) in enumerate(LAYERS)}
# Third-party packages only one layer may import.
OWNED_BY = {"click": "cli"}


def module_name(path: Path, root: Path = PACKAGE) -> str:
    """``digestconv/readers/ocr/reader.py`` → ``digestconv.readers.ocr.reader``."""
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _resolve(node: ast.ImportFrom, module: str, is_package: bool) -> str:
    if not node.level:
        return node.module or ""
    base = module.split(".") if is_package else module.split(".")[:-1]
    base = base[: len(base) - node.level + 1]
    return ".".join([*base, node.module] if node.module else base)


def imports_of(source: str, module: str, modules: Iterable[str], is_package: bool = False) -> set[str]:
    """Every module ``source`` imports, anywhere in the file; ``from pkg import mod`` counts as ``pkg.mod``."""
    known = set(modules)
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            target = _resolve(node, module, is_package)
            subs = {f"{target}.{alias.name}" for alias in node.names} & known
            found.update(subs or {target})
    return found


def package_graph(root: Path = PACKAGE) -> dict[str, set[str]]:
    """Module → the modules it imports (ours and third-party, top-level name for the latter)."""
    files = {module_name(p, root): p for p in sorted(root.rglob("*.py"))}
    graph: dict[str, set[str]] = {}
    for name, path in files.items():
        found = imports_of(path.read_text(encoding="utf-8"), name, files, path.name == "__init__.py")
        graph[name] = {t if t.startswith("digestconv") else t.split(".")[0] for t in found}
    return graph


def layer_of(module: str) -> str | None:
    """The layer of one of our modules (None for a third-party one)."""
    best: tuple[int, str] | None = None
    for layer, prefixes in LAYERS:
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and (best is None or len(prefix) > best[0]):
                best = (len(prefix), layer)
    return best[1] if best else None


def forbidden_arrows(graph: Mapping[str, Iterable[str]]) -> list[str]:
    """One line per import that runs against the layers, or reaches a package another layer owns."""
    problems = []
    for module in sorted(graph):
        source_layer = layer_of(module)
        if source_layer is None:
            continue
        for target in sorted(graph[module]):
            target_layer = layer_of(target)
            owner = OWNED_BY.get(target)
            if target_layer is not None and RANK[target_layer] > RANK[source_layer]:
                problems.append(f"{module} ({source_layer}) imports {target} ({target_layer}): "
                                f"a {source_layer} module must not import the {target_layer} layer")
            elif owner is not None and owner != source_layer:
                problems.append(f"{module} ({source_layer}) imports {target}: only the {owner} layer may")
    return problems


def find_cycle(graph: Mapping[str, Iterable[str]]) -> list[str] | None:
    """One import cycle among our modules, as ``[a, b, ..., a]``, or None."""
    ours = {m: sorted(t for t in graph[m] if t in graph and t != m) for m in graph}
    state: dict[str, int] = {}  # 1: on the current path, 2: finished
    path: list[str] = []

    def visit(module: str) -> list[str] | None:
        state[module] = 1
        path.append(module)
        for target in ours[module]:
            if state.get(target) == 1:
                return [*path[path.index(target):], target]
            if target not in state and (cycle := visit(target)):
                return cycle
        path.pop()
        state[module] = 2
        return None

    for module in sorted(ours):
        if module not in state and (cycle := visit(module)):
            return cycle
    return None


# ---------------------------------------------------------------- the real package

def test_every_module_has_a_layer() -> None:
    assert [m for m in package_graph() if layer_of(m) is None] == []


def test_no_import_runs_against_the_layers() -> None:
    problems = forbidden_arrows(package_graph())
    assert problems == [], "\n".join(problems)


def test_no_import_cycle() -> None:
    cycle = find_cycle(package_graph())
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


# ---------------------------------------------------------------- the checker itself

def test_a_reader_importing_a_writer_is_reported() -> None:
    graph = {
        "digestconv.model": set(),
        "digestconv.readers.markdown": {"digestconv.model", "digestconv.writers.html"},
        "digestconv.writers.html": {"digestconv.model"},
    }
    assert forbidden_arrows(graph) == [
        "digestconv.readers.markdown (readers) imports digestconv.writers.html (writers): "
        "a readers module must not import the writers layer"
    ]


def test_click_below_the_cli_is_reported() -> None:
    graph = {"digestconv.batch.plan": {"click"}, "digestconv.cli.info": {"click"}}
    assert forbidden_arrows(graph) == ["digestconv.batch.plan (batch) imports click: only the cli layer may"]


def test_batch_importing_the_cli_and_the_model_importing_a_reader_are_reported() -> None:
    graph = {"digestconv.batch.tasks": {"digestconv.cli.progress"}, "digestconv.model": {"digestconv.readers.json"}}
    assert [line.split(":")[0] for line in forbidden_arrows(graph)] == [
        "digestconv.batch.tasks (batch) imports digestconv.cli.progress (cli)",
        "digestconv.model (model) imports digestconv.readers.json (readers)",
    ]


def test_a_cycle_is_reported_with_its_path() -> None:
    graph = {
        "digestconv.writers.docx": {"digestconv.writers.vertical", "digestconv.model"},
        "digestconv.writers.vertical": {"digestconv.writers.docx"},
        "digestconv.model": set(),
    }
    assert find_cycle(graph) == ["digestconv.writers.docx", "digestconv.writers.vertical", "digestconv.writers.docx"]
    assert find_cycle({"digestconv.model": set(), "digestconv.writers.docx": {"digestconv.model"}}) is None


def test_function_level_and_relative_imports_are_seen() -> None:
    source = "def f():\n    from digestconv.writers import docx\n    from . import base\n"
    modules = {"digestconv.writers.docx", "digestconv.readers.base", "digestconv.readers.json"}
    assert imports_of(source, "digestconv.readers.json", modules) == {"digestconv.writers.docx",
                                                                      "digestconv.readers.base"}
