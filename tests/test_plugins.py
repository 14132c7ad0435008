"""Third-party plug-ins: found through entry points, included in ``--to all``, never silently replacing a built-in.

The example writer package (``examples/plugin_writer``) is installed for the test by
putting its module and a ``.dist-info`` folder with its ``entry_points.txt`` on the
path, which is what ``pip install`` leaves behind; one test installs it with pip.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
EXAMPLE = PROJECT / "examples" / "plugin_writer"
TEXT = "新华社北京电 会议今天在北京召开。\n\n会议讨论了有关问题。\n".encode()


def install(site: Path, writers: dict[str, str]) -> Path:
    """Install the example writer's module into ``site`` with a dist-info registering ``writers``."""
    shutil.copytree(EXAMPLE / "digestconv_csv", site / "digestconv_csv")
    info = site / "digestconv_csv-0.1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: digestconv-csv\nVersion: 0.1.0\n", "utf-8")
    lines = "".join(f"{name} = {target}\n" for name, target in writers.items())
    (info / "entry_points.txt").write_text(f"[digestconv.writers]\n{lines}", "utf-8")
    return site


def cli(site: Path, *args: str | Path, env: dict[str, str] | None = None, cwd: Path | None = None
        ) -> subprocess.CompletedProcess[str]:
    """Run the CLI with ``site`` on the path after the project."""
    environment = {k: v for k, v in os.environ.items() if k != "DIGESTCONV_PLUGIN_OVERRIDES"}
    environment.update(PYTHONPATH=os.pathsep.join([str(PROJECT), str(site)]), **(env or {}))
    return subprocess.run([sys.executable, "-m", "digestconv.cli", *map(str, args)], capture_output=True,
                          text=True, env=environment, cwd=cwd, timeout=180, check=False)


@pytest.fixture
def page(tmp_path: Path) -> Path:
    """A small OCR text input."""
    path = tmp_path / "in" / "page.txt"
    path.parent.mkdir()
    path.write_bytes(TEXT)
    return path


def _rows(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text("utf-8-sig"))))


def test_an_installed_writer_is_listed_and_writes(tmp_path: Path, page: Path) -> None:
    site = install(tmp_path / "site", {"csv": "digestconv_csv:CsvWriter"})
    assert "csv" in cli(site, "formats").stdout
    out = tmp_path / "page.csv"
    done = cli(site, "normalize", page, "-o", out)
    assert done.returncode == 0, done.stderr
    rows = _rows(out)
    assert rows[0] == ["type", "text"]
    assert ["paragraph", "会议讨论了有关问题。"] in rows


def test_plugin_writers_are_part_of_all(tmp_path: Path, page: Path) -> None:
    site = install(tmp_path / "site", {"csv": "digestconv_csv:CsvWriter"})
    done = cli(site, "convert", page, "-o", tmp_path / "out", "--to", "all", "-q", "-j", "1")
    assert done.returncode == 0, done.stderr
    written = sorted(p.suffix for p in (tmp_path / "out").iterdir())
    assert written == [".csv", ".docx", ".epub", ".html", ".json", ".md", ".pdf"]


def test_a_plugin_taking_a_builtin_name_is_warned_about_and_the_builtin_kept(tmp_path: Path, page: Path) -> None:
    site = install(tmp_path / "site", {"txt": "digestconv_csv:CsvWriter"})
    out = tmp_path / "page.txt"
    done = cli(site, "normalize", page, "-o", out)
    assert done.returncode == 0, done.stderr
    assert "writer 'txt' is registered twice: using digestconv.writers.text:TextWriter" in done.stderr
    assert "DIGESTCONV_PLUGIN_OVERRIDES=txt" in done.stderr
    assert not out.read_text("utf-8").startswith(("\ufefftype", "type"))


@pytest.mark.parametrize("how", ["env", "option"])
def test_the_user_can_ask_for_the_plugin_over_the_builtin(tmp_path: Path, page: Path, how: str) -> None:
    site = install(tmp_path / "site", {"txt": "digestconv_csv:CsvWriter"})
    out = tmp_path / "page.txt"
    if how == "env":
        done = cli(site, "normalize", page, "--to", "txt", "-o", out, env={"DIGESTCONV_PLUGIN_OVERRIDES": "txt"})
    else:
        done = cli(site, "--plugin-override", "txt", "normalize", page, "--to", "txt", "-o", out)
    assert done.returncode == 0, done.stderr
    assert "using digestconv_csv:CsvWriter from digestconv-csv" in done.stderr
    assert _rows(out)[0] == ["type", "text"]


def test_the_example_package_installs_with_pip(tmp_path: Path, page: Path) -> None:
    target = tmp_path / "target"
    pip = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", "--no-build-isolation",
         "--target", str(target), str(EXAMPLE)],
        capture_output=True, text=True, timeout=300, check=False, cwd=tmp_path,
    )
    assert pip.returncode == 0, pip.stderr
    out = tmp_path / "page.csv"
    done = cli(target, "convert", page, "-o", out, "-q")
    assert done.returncode == 0, done.stderr
    assert ["paragraph", "会议讨论了有关问题。"] in _rows(out)


def _record_loads(monkeypatch: pytest.MonkeyPatch, getter: str) -> list[str]:
    """The names ``plugins.<getter>`` is asked for from now on, in order."""
    from digestconv import plugins

    loaded: list[str] = []
    real = getattr(plugins, getter)

    def recording(name: str) -> object:
        loaded.append(name)
        return real(name)

    monkeypatch.setattr(plugins, getter, recording)
    return loaded


def test_an_output_name_without_a_dot_is_a_folder_and_no_writer_is_loaded(monkeypatch: pytest.MonkeyPatch) -> None:
    from digestconv import plugins

    loaded = _record_loads(monkeypatch, "get_writer")
    for folder in ("out", "runs/seeds-j2", "a.d/batch", "out/", "c:\\x.y\\out"):
        assert plugins.writer_name_for_path(folder) is None, folder
    assert loaded == []
    assert plugins.writer_name_for_path("a.d/report.PDF") == "pdf"
    assert plugins.writer_name_for_path("notes.markdown") == "md"
    assert plugins.writer_name_for_path("a.d/archive.zip") is None
    assert loaded  # a name with a dot is looked up among the writers' extensions


def test_the_builtin_readers_extensions_table_matches_the_readers(monkeypatch: pytest.MonkeyPatch) -> None:
    from digestconv import plugins

    eps = plugins._entry_points(plugins.READER_GROUP)
    builtin = {ep.value for ep in eps.values() if plugins.is_builtin(ep)}
    assert builtin == set(plugins.BUILTIN_READER_EXTENSIONS)
    for name, ep in eps.items():
        if ep.value in plugins.BUILTIN_READER_EXTENSIONS:
            assert plugins.get_reader(name).extensions == plugins.BUILTIN_READER_EXTENSIONS[ep.value], name


def test_choosing_a_reader_by_extension_loads_no_builtin_reader(monkeypatch: pytest.MonkeyPatch) -> None:
    from digestconv import plugins

    loaded = _record_loads(monkeypatch, "get_reader")
    extensions = plugins.reader_extensions()
    assert extensions[".txt"] == "ocr" and extensions[".markdown"] == "markdown" and extensions[".pdf"] == "pdf"
    assert [name for name in loaded if plugins.is_builtin(plugins._entry_points(plugins.READER_GROUP)[name])] == []
