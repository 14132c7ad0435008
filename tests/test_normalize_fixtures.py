"""The normalizer's fixture files: each case's blocks, its deciding rule, and rule isolation."""

from __future__ import annotations

import pytest

from digestconv.readers.ocr.pipeline import normalize_text
from digestconv.readers.ocr.registry import find
from tests.normalize_fixtures import Case, load_cases

CASES = load_cases()
NAMED = sorted({name for case in CASES for name in case.named})


def blocks(text: str, disable: frozenset[str]) -> list[tuple[str, str]]:
    """(type, text) of every text block."""
    return [(b.TYPE, b.text) for b in normalize_text(text, disable=disable).document.text_blocks()]


@pytest.mark.parametrize("case", CASES, ids=[c.where for c in CASES])
def test_case_gives_its_blocks(case: Case) -> None:
    assert blocks(case.text, case.disable) == list(case.expected), case.title


@pytest.mark.parametrize("case", [c for c in CASES if not c.disable and find(c.decided).chain in ("boundary", "classify")],
                         ids=lambda c: c.where)
def test_the_deciding_rule_is_in_the_trace(case: Case) -> None:
    trace = normalize_text(case.text).trace
    assert any(case.decided in (e.start_rule, e.end_rule, e.type_rule, *e.joins) for e in trace), case.title


@pytest.mark.parametrize("case", [c for c in CASES if not c.disable], ids=lambda c: c.where)
def test_disabling_the_deciding_rule_changes_the_outcome(case: Case) -> None:
    assert blocks(case.text, frozenset({case.decided})) != list(case.expected), case.title


def test_disabling_a_rule_changes_only_its_own_decisions() -> None:
    """On every case, switching off a rule the case does not name leaves the outcome as it was."""
    leaks = []
    for case in CASES:
        for name in NAMED:
            if name in case.named or name in case.disable:
                continue
            if blocks(case.text, case.disable | {name}) != list(case.expected):
                leaks.append(f"{name} changes {case.where} ({case.title})")
    assert not leaks, "\n".join(leaks)


def test_trace_tells_sure_from_weighed_decisions() -> None:
    case = next(c for c in CASES if c.decided == "unspaced-heading")
    trace = normalize_text(case.text).trace
    heading = next(e for e in trace if e.type == "heading")
    assert heading.end_rule == "unspaced-heading" and "width" in heading.end_weighs
    assert any("closed by unspaced-heading" in d for d in heading.weighed())
    source = normalize_text("我们要始终秉持，不断发扬光大。\n（原载6月30日《人民日报》）").trace[-1]
    assert source.type == "source" and not source.uncertain  # a pattern rule decides for sure


def test_inspect_uncertain_lists_only_weighed_decisions(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import subprocess
    import sys

    case = next(c for c in CASES if c.decided == "unspaced-heading")
    page = tmp_path / "page.txt"
    page.write_text(case.text, encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "digestconv.cli", "inspect", "--uncertain", str(page)],
                         capture_output=True, text=True, check=True).stdout
    assert "closed by unspaced-heading (width, punctuation, paragraph end before)" in out
    assert "opened by" not in out  # each boundary once, at the block it closes
