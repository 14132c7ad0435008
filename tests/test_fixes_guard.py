"""A fixes file is checked whole when it is loaded, and no regular expression may run for ever."""

from __future__ import annotations

from pathlib import Path

import pytest

from digestconv.errors import DigestconvError
from digestconv.model import Document, Meta, Paragraph
from digestconv.transforms import fixes as fixes_module
from digestconv.transforms.fixes import apply_fixes, load_fixes


def _fixes_file(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "fixes.toml"
    path.write_text(body, encoding="utf-8")
    return path


@pytest.mark.parametrize("replacement", ["\\\\9", "\\\\g<name>", "\\\\g<2>", "\\\\q"])
def test_a_bad_group_reference_fails_at_load(tmp_path: Path, replacement: str) -> None:
    path = _fixes_file(tmp_path, f'[[regex]]\npattern = "(a)b"\nreplace = "{replacement}"\n')
    with pytest.raises(DigestconvError, match=r"fixes\.toml: regex\[0\]"):
        load_fixes(path)


def test_good_group_references_load_and_apply(tmp_path: Path) -> None:
    path = _fixes_file(tmp_path, '[[regex]]\npattern = "(?P<n>\\\\d+)-(\\\\d+)"\nreplace = "\\\\g<n>至\\\\2"\n')
    doc = Document(blocks=(Paragraph(text="第1-2版"),), meta=Meta())
    assert apply_fixes(doc, load_fixes(path)).blocks[0].text == "第1至2版"


def test_a_catastrophic_pattern_times_out_naming_the_entry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fixes_module, "REGEX_TIMEOUT_S", 0.2)
    path = _fixes_file(tmp_path, '[[regex]]\npattern = "x"\nreplace = "y"\n[[regex]]\npattern = "(a|aa)+$"\n')
    doc = Document(blocks=(Paragraph(text="a" * 40 + "!"),), meta=Meta())
    with pytest.raises(DigestconvError, match=r"fixes\.toml: regex\[1\] .*time") as caught:
        apply_fixes(doc, load_fixes(path))
    assert "\n" not in str(caught.value)


def test_the_nested_repeat_of_the_report_returns(tmp_path: Path) -> None:
    path = _fixes_file(tmp_path, '[[regex]]\npattern = "(a+)+$"\nreplace = "b"\n')
    doc = Document(blocks=(Paragraph(text="a" * 40 + "!"),), meta=Meta())
    assert apply_fixes(doc, load_fixes(path)).blocks[0].text == "a" * 40 + "!"
