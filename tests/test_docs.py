"""The documentation: it builds without a warning, and what it generates from the code is current.

The style-key table comes from :mod:`digestconv.style_schema`, the man pages from the click
commands, the rule sections point into ``docs/spec/normalization.md``; each test here fails
when one of them and the code part ways.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import fields
from pathlib import Path

import pytest

from digestconv import style_schema
from digestconv.errors import StyleError
from digestconv.styles import load_style

PROJECT = Path(__file__).parents[1]
DOCS = PROJECT / "docs"
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join([str(PROJECT), os.environ.get("PYTHONPATH", "")])}


@pytest.mark.slow
def test_the_docs_build_without_a_warning(tmp_path: Path) -> None:
    pytest.importorskip("sphinx")
    pytest.importorskip("myst_parser")
    done = subprocess.run([sys.executable, "-m", "sphinx", "-W", "--keep-going", "-q", "-b", "html",
                           "-d", str(tmp_path / "doctrees"), str(DOCS), str(tmp_path / "html")],
                          capture_output=True, text=True, env=ENV, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    api = (tmp_path / "html" / "api.html").read_text(encoding="utf-8")
    for name in ("digestconv.read", "digestconv.write", "digestconv.model.Document", "digestconv.styles.load_style",
                 "digestconv.writers.base.Writer", "digestconv.readers.base.Reader"):
        assert f'id="{name}"' in api
    styles = (tmp_path / "html" / "styles.html").read_text(encoding="utf-8")
    # one row per key, plus the header
    assert styles.count("<tr") == len(style_schema.style_keys()) + 1
    assert "page.margin_top_mm" in styles and "linesAndChars" in styles
    for spec in ("model", "normalization", "variants"):
        assert (tmp_path / "html" / "spec" / f"{spec}.html").is_file()


def test_every_key_the_loader_knows_is_in_the_schema_and_each_one_loads(tmp_path: Path) -> None:
    documented = {k.key for k in style_schema.style_keys()}
    for section, cls in style_schema.SECTIONS.items():
        assert {f"{section}.{f.name}" for f in fields(cls)} <= documented
    handout = load_style("handout")
    # every documented key of the sections, set to the handout's value (JSON literals are TOML here)
    lines = [f"{key.key} = {json.dumps(key.value_in(handout))}" for key in style_schema.style_keys()
             if key.key.partition(".")[0] in style_schema.SECTIONS]
    path = tmp_path / "every.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert load_style(path).page == handout.page and load_style(path).text == handout.text


def test_a_key_without_a_meaning_or_a_meaning_without_a_key_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    meanings = dict(style_schema.MEANINGS)
    del meanings["page.width_mm"]
    monkeypatch.setattr(style_schema, "MEANINGS", meanings)
    with pytest.raises(StyleError, match=r"'page\.width_mm' has no meaning"):
        style_schema.style_keys()
    monkeypatch.setattr(style_schema, "MEANINGS", {**style_schema.MEANINGS, "page.width_mm": "w", "page.gone": "x"})
    with pytest.raises(StyleError, match=r"page\.gone"):
        style_schema.style_keys()


def _page_body(text: str) -> list[str]:
    """A man page without its ``.TH`` line, which carries the date."""
    return [line for line in text.splitlines() if not line.startswith(".TH ")]


def test_the_man_pages_are_current(tmp_path: Path) -> None:
    pytest.importorskip("click_man")
    # in a child process: the generator sets an English locale for itself
    done = subprocess.run([sys.executable, str(DOCS / "make_man.py"), str(tmp_path)], capture_output=True,
                          text=True, env=ENV, check=False)
    assert done.returncode == 0, done.stderr
    committed = {p.name: p.read_text(encoding="utf-8") for p in (DOCS / "man").glob("*.1")}
    fresh = {p.name: p.read_text(encoding="utf-8") for p in tmp_path.glob("*.1")}
    assert sorted(fresh) == sorted(committed), "run `make man`"
    for name, text in fresh.items():
        assert _page_body(text) == _page_body(committed[name]), f"docs/man/{name} is stale: run `make man`"
    assert r"\-\-style" in committed["digestconv-convert.1"]


def test_every_rule_points_at_a_section_of_the_spec_in_the_repository() -> None:
    from digestconv.readers.ocr.registry import all_rules

    spec = (DOCS / "spec" / "normalization.md").read_text(encoding="utf-8")
    sections = {f"§{n}" for n in re.findall(r"^## (\d+)\. ", spec, re.MULTILINE)}
    assert {rule.section for rule in all_rules()} <= sections
    done = subprocess.run([sys.executable, "-m", "digestconv.cli", "rules"], capture_output=True, text=True,
                          env=ENV, check=False)
    assert done.returncode == 0 and "docs/spec/normalization.md" in done.stdout.splitlines()[0]


def _complete(env: dict[str, str]) -> str:
    code = "from digestconv.cli import main; main(prog_name='digestconv')"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env={**ENV, **env}, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_shell_completion_works_as_documented() -> None:
    cli_doc = (DOCS / "cli.md").read_text(encoding="utf-8")
    assert '_DIGESTCONV_COMPLETE=bash_source digestconv' in cli_doc
    assert "complete -o nosort -F _digestconv_completion digestconv" in _complete(
        {"_DIGESTCONV_COMPLETE": "bash_source"})
    words = _complete({"_DIGESTCONV_COMPLETE": "bash_complete", "COMP_WORDS": "digestconv con", "COMP_CWORD": "1"})
    assert "plain,convert" in words.splitlines()
    options = _complete({"_DIGESTCONV_COMPLETE": "bash_complete", "COMP_WORDS": "digestconv convert --sty",
                         "COMP_CWORD": "2"})
    assert "plain,--style" in options.splitlines()
