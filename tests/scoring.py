"""Access to the shared scorer (``../shared/tools/score.py``) and the gold documents."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
GOLD = SHARED / "gold"
SEEDS = Path(__file__).resolve().parents[1] / "seeds"

# The figures every seed must reach against its gold (issue: the normalizer).
SEED_THRESHOLDS = {"boundary_f1": 0.99, "heading_f1": 0.95, "exact_blocks": 0.95}
SEED_MAX_LOST = 0
SEED_MAX_ADDED = 0
# The figures the generated pages must reach on average.
GENERATED_THRESHOLDS = {"boundary_f1": 0.99, "exact_blocks": 0.97}


def scorer() -> ModuleType:
    """The shared scorer module; the test is skipped where ``shared/`` is absent."""
    path = SHARED / "tools" / "score.py"
    if not path.is_file():
        pytest.skip("../shared/tools/score.py is not available")
    spec = importlib.util.spec_from_file_location("digestconv_shared_score", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
