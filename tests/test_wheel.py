"""The built wheel, installed outside the repository, converts a seed to every format in both styles.

The wheel is built from a copy of the sources (so the checkout gets no ``build/``), then
installed twice: into a fresh venv (the project's venv's site-packages lent to it, so no
network is needed) and with ``pip install --target``.  Either way the package must bring
its own styles, phrase tables and ``py.typed``; nothing may come from the checkout.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from digestconv import normalize_file

PROJECT = Path(__file__).parents[1]
SEED = PROJECT / "seeds" / "000_5c3f93aa5334f7f2.txt"
STYLES = ("handout", "gbt9704")
FORMATS = ("docx", "epub", "html", "json", "md", "pdf", "txt")
# GB/T 9704 puts the text 37 mm from the top of the page, the handout 25 mm (in twentieths of a point).
TOP_MARGIN_TWIPS = {"handout": "1417", "gbt9704": "2098"}

pytestmark = pytest.mark.slow


def _clean_env() -> dict[str, str]:
    """The environment without the checkout on ``PYTHONPATH``, so only the installed copy can be imported."""
    return {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}


def _run(command: list[str | Path], cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run([str(c) for c in command], cwd=cwd, env=env or _clean_env(), capture_output=True,
                          text=True, timeout=300, check=False)
    assert done.returncode == 0, f"{command}\n{done.stdout}\n{done.stderr}"
    return done.stdout


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel built from a copy of the project's sources, without build isolation (no network)."""
    root = tmp_path_factory.mktemp("wheel")
    source = root / "src"
    source.mkdir()
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy2(PROJECT / name, source / name)
    shutil.copytree(PROJECT / "digestconv", source / "digestconv",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
          "-q", "-w", root / "dist", source], cwd=root)
    (built,) = (root / "dist").glob("digestconv-*.whl")
    return built


def test_the_wheel_holds_every_data_file_of_the_package_and_the_license(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    data = {p.relative_to(PROJECT).as_posix() for p in (PROJECT / "digestconv").rglob("*")
            if p.is_file() and p.suffix not in (".py", ".pyc") and "__pycache__" not in p.parts}
    assert {"digestconv/py.typed", "digestconv/builtin_styles/handout.toml"} <= data
    assert data - names == set()
    assert not any(n.startswith(("styles/", "tests/")) or ".data/" in n for n in names)
    license_files = [n for n in names if n.endswith(".dist-info/licenses/LICENSE")]
    assert license_files
    metadata = next(n for n in names if n.endswith(".dist-info/METADATA"))
    text = zipfile.ZipFile(wheel).read(metadata).decode("utf-8")
    assert "License-Expression: MIT" in text and "Requires-Dist: python-docx<2,>=1.1" in text
    assert "Requires-Dist: lxml" not in text.replace('lxml>=5.0; extra == "test"', "")


def _convert_everything(command: list[str | Path], work: Path, env: dict[str, str] | None = None) -> None:
    """Convert the seed to every format in both styles and read each output back."""
    shutil.copy2(SEED, work / SEED.name)
    for style in STYLES:
        out = work / style
        _run([*command, "convert", SEED.name, "--to", ",".join(FORMATS), "--style", style, "-o", out],
             cwd=work, env=env)
        files = {p.suffix.lstrip("."): p for p in out.iterdir()}
        assert sorted(files) == sorted(FORMATS)
        assert files["pdf"].read_bytes().startswith(b"%PDF-")
        with zipfile.ZipFile(files["epub"]) as epub:
            assert epub.read("mimetype") == b"application/epub+zip"
        with zipfile.ZipFile(files["docx"]) as docx:
            body = docx.read("word/document.xml").decode("utf-8")
        assert f'w:top="{TOP_MARGIN_TWIPS[style]}"' in body
        # the installed copy repairs the page exactly as the checkout does
        assert json.loads(files["json"].read_text(encoding="utf-8")) == normalize_file(SEED).to_dict()
        assert "<html" in files["html"].read_text(encoding="utf-8")
        assert files["txt"].read_text(encoding="utf-8").strip()


def _where_imported(python: str | Path, work: Path, env: dict[str, str] | None = None) -> Path:
    code = "import digestconv.styles as s; print(s.__file__); print(s.load_style('handout').source)"
    module, style = _run([python, "-c", code], cwd=work, env=env).split()
    assert Path(style).is_relative_to(Path(module).parent)
    return Path(module)


def _lend_site_packages(venv: Path) -> None:
    """Put the project venv's site-packages after the new venv's own, through a ``.pth`` file."""
    purelib = Path(subprocess.run(
        [venv / "bin" / "python", "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        capture_output=True, text=True, check=True, env=_clean_env()).stdout.strip())
    lent = {sysconfig.get_path("purelib"), sysconfig.get_path("platlib")}
    (purelib / "zz_project_venv.pth").write_text("\n".join(sorted(lent)) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv outside the repository with the wheel installed (no pip of its own, no network)."""
    venv = tmp_path_factory.mktemp("venv") / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", venv], cwd=venv.parent)
    _lend_site_packages(venv)
    _run([sys.executable, "-m", "pip", "--python", venv / "bin" / "python", "install", "--no-deps",
          "--no-index", "-q", wheel], cwd=venv.parent)
    return venv


def test_the_wheel_in_a_fresh_venv_converts_a_seed_everywhere(venv: Path, tmp_path: Path) -> None:
    module = _where_imported(venv / "bin" / "python", tmp_path)
    assert module.is_relative_to(venv) and not module.is_relative_to(PROJECT)
    _convert_everything([venv / "bin" / "digestconv"], tmp_path)


def test_a_user_script_type_checks_against_the_installed_wheel(venv: Path, tmp_path: Path) -> None:
    # The installed copy's py.typed is what makes mypy read its annotations, outside the checkout.
    pytest.importorskip("mypy")
    good = tmp_path / "user_script.py"
    shutil.copy2(PROJECT / "examples" / "user_script.py", good)
    bad = tmp_path / "typo.py"
    bad.write_text("import digestconv\ndoc = digestconv.read('a.txt')\ndigestconv.to_varient(doc, 'zh-TW')\n"
                   "digestconv.write(doc, 123)\n", encoding="utf-8")
    command = [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--follow-imports=silent",
               "--cache-dir", tmp_path / ".mypy_cache", "--python-executable", venv / "bin" / "python"]
    _run([*command, good.name], cwd=tmp_path)
    done = subprocess.run([str(c) for c in [*command, bad.name]], cwd=tmp_path, env=_clean_env(),
                          capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 1
    assert 'typo.py:3: error: Module has no attribute "to_varient"' in done.stdout
    assert 'typo.py:4: error: Argument 2 to "write" has incompatible type "int"' in done.stdout


def test_the_wheel_installed_with_target_converts_a_seed_everywhere(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "lib"
    _run([sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "-q", "--target", target, wheel],
         cwd=tmp_path)
    # The old look-up took the styles from a folder beside the package: a broken one there must not matter.
    (target / "styles").mkdir()
    (target / "styles" / "handout.toml").write_text("not a style\n", encoding="utf-8")
    env = {**_clean_env(), "PYTHONPATH": str(target)}
    work = tmp_path / "work"
    work.mkdir()
    module = _where_imported(sys.executable, work, env)
    assert module.is_relative_to(target)
    _convert_everything([sys.executable, "-m", "digestconv.cli"], work, env)
