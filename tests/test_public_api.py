"""The public API: ``digestconv.normalize`` is always the function, and type checkers see every name."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import digestconv

PROJECT = Path(__file__).parents[1]
SEED = PROJECT / "seeds" / "001_40a999470f34a1c1.txt"


def test_every_public_name_resolves() -> None:
    missing = [name for name in digestconv.__all__ if not hasattr(digestconv, name)]
    assert missing == []


def test_normalize_stays_the_function_after_reading_a_text_file() -> None:
    # Reading a .txt loads the normalizer's modules; the package attribute must not become one of them.
    code = (f"import digestconv; digestconv.read({str(SEED)!r}); "
            "print(digestconv.normalize('第一段。').blocks[0].blocks[0].text)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=PROJECT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "第一段。"


def _mypy(script: Path, scratch: Path) -> subprocess.CompletedProcess[str]:
    pytest.importorskip("mypy")
    # Errors inside digestconv itself are the lint's business; here only the user's script counts.
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--follow-imports=silent", "--no-incremental",
         "--cache-dir", str(scratch / ".mypy_cache"), str(script)],
        capture_output=True, text=True, cwd=scratch,
    )


def test_the_example_user_script_passes_mypy_strict(tmp_path: Path) -> None:
    done = _mypy(PROJECT / "examples" / "user_script.py", tmp_path)
    assert done.returncode == 0, done.stdout


def test_mypy_strict_catches_a_misspelled_name_and_a_wrong_argument(tmp_path: Path) -> None:
    script = tmp_path / "typo.py"
    script.write_text(
        "import digestconv\n"
        "doc = digestconv.read('page.txt')\n"
        "digestconv.to_varient(doc, 'zh-TW')\n"
        "digestconv.write(doc, 123, stile='x')\n",
        encoding="utf-8",
    )
    done = _mypy(script, tmp_path)
    assert done.returncode == 1
    assert 'typo.py:3: error: Module has no attribute "to_varient"' in done.stdout
    assert "typo.py:4: error: Argument 2 to \"write\" has incompatible type \"int\"" in done.stdout


@pytest.mark.parametrize("call", ["write", "render"])
def test_unknown_keywords_are_a_type_error_naming_the_keyword(call: str, tmp_path: Path) -> None:
    from digestconv.api import render, write
    from digestconv.model import Document, Paragraph

    document = Document(blocks=(Paragraph(text="正文。"),))
    with pytest.raises(TypeError, match="stile"):
        if call == "write":
            write(document, tmp_path / "out.md", stile="gbt9704")
        else:
            render(document, "md", stile="gbt9704")
    assert not (tmp_path / "out.md").exists()


def test_a_writers_own_keyword_is_taken_by_that_writer_only() -> None:
    from digestconv.api import render
    from digestconv.model import Document, Paragraph

    document = Document(blocks=(Paragraph(text="正文。"),))
    assert render(document, "docx", impose="2up").startswith(b"PK")
    with pytest.raises(TypeError, match=r"'impose' \(the md writer's own options: none\)"):
        render(document, "md", impose="2up")


def test_writer_specific_settings_go_in_extra(tmp_path: Path) -> None:
    from digestconv.api import write
    from digestconv.model import Document, Paragraph

    out = write(Document(blocks=(Paragraph(text="正文。"),)), tmp_path / "out.md", extra={"soffice_timeout": 5})
    assert "正文。" in out.read_text("utf-8")
