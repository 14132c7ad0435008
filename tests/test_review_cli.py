"""``digestconv review`` from the command line: the address first, the token required, bad inputs refused."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from digestconv.review.i18n import language_from_locale

pytest.importorskip("starlette")
pytest.importorskip("uvicorn")

PROJECT = Path(__file__).parents[1]
SEED = PROJECT / "seeds" / "001_40a999470f34a1c1.txt"


def _env(**extra: str) -> dict[str, str]:
    return {"PYTHONPATH": str(PROJECT), "PATH": os.environ.get("PATH", "/usr/bin:/bin"), **extra}


def test_review_prints_its_address_first_and_serves_it(tmp_path: Path) -> None:
    shutil.copy(SEED, tmp_path / "page.txt")
    process = subprocess.Popen([sys.executable, "-m", "digestconv.cli", "review", str(tmp_path), "--no-browser"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=tmp_path,
                               env=_env(LANG="zh_TW.UTF-8"))
    try:
        assert process.stdout is not None
        address = process.stdout.readline().strip()
        assert address.startswith("http://127.0.0.1:") and "token=" in address and address.endswith("lang=zh-Hant")
        with urllib.request.urlopen(address, timeout=60) as answer:
            page = answer.read().decode("utf-8")
        assert "待校對頁面" in page and "page.txt" in page
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(address.split("?")[0], timeout=10)
        assert refused.value.code == 403
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(20)
    assert not (tmp_path / "page.review.toml").exists()  # looking edits nothing


@pytest.mark.parametrize(("name", "problem"), [("page.docx", "review works on .txt, .pdf, .md and .json inputs"),
                                               ("missing.txt", "no such file or folder")])
def test_review_refuses_what_it_cannot_review_in_one_line(tmp_path: Path, name: str, problem: str) -> None:
    if name.endswith(".docx"):
        (tmp_path / name).write_bytes(b"PK\x03\x04 not reviewable")
    done = subprocess.run([sys.executable, "-m", "digestconv.cli", "review", name, "--no-browser"],
                          capture_output=True, text=True, cwd=tmp_path, env=_env(), timeout=60)
    assert done.returncode == 1
    assert done.stderr.startswith(f"digestconv: error: {name}: {problem}") and done.stderr.count("\n") == 1


@pytest.mark.parametrize(("locale", "language"), [("zh_CN.UTF-8", "zh-Hans"), ("zh_TW.UTF-8", "zh-Hant"),
                                                  ("zh_HK.UTF-8", "zh-Hant"), ("C.UTF-8", "zh-Hans"),
                                                  ("en_US.UTF-8", "zh-Hans"), ("", "zh-Hans")])
def test_the_interface_language_follows_the_locale(locale: str, language: str) -> None:
    assert language_from_locale({"LANG": locale}) == language
    assert language_from_locale({"LANG": "zh_CN.UTF-8", "LC_ALL": locale}) == (language if locale else "zh-Hans")


def test_the_page_reports_a_stale_review_file_and_does_not_apply_it(tmp_path: Path) -> None:
    from digestconv.review.session import PageSession
    from tests.review_support import running_review

    page = tmp_path / "page.txt"
    shutil.copy(PROJECT / "seeds" / "003_0cb625f6deeae67c.txt", page)
    PageSession.open(page).edit("join", 10)
    lines = page.read_text(encoding="utf-8").split("\n")
    lines[9] = "重新提取后不同的一行"
    page.write_text("\n".join(lines), encoding="utf-8")
    with running_review([page], tmp_path / "out") as app:
        status, body = app.get("/page/0")
    shown = body.decode("utf-8")
    assert status == 200 and "校对文件与原文不再相符，未应用：10" in shown
    assert 'data-first="10"' in shown  # the block the stale join named is still its own block
