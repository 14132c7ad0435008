"""The Dask executor: the same tasks on a (local) Dask cluster give the same outputs as the local pool."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed")

from digestconv.batch import convert  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None) as c:
        yield c


def formats() -> str:
    from digestconv.plugins import get_writer

    names = ["json", "txt"]
    try:
        get_writer("md")
        names.append("md")
    except Exception:
        pass
    return ",".join(names)


def same_files(left: Path, right: Path) -> list[str]:
    names = sorted(p.relative_to(left).as_posix() for p in left.rglob("*") if p.is_file())
    assert names == sorted(p.relative_to(right).as_posix() for p in right.rglob("*") if p.is_file())
    for name in names:
        assert (left / name).read_bytes() == (right / name).read_bytes(), name
    return names


def test_dask_gives_the_local_outputs_byte_for_byte(cluster, tmp_path: Path) -> None:
    local = convert(SEEDS, formats=formats(), variants="zh-Hans,zh-TW", outdir=tmp_path / "local", jobs=2)
    remote = convert(SEEDS, formats=formats(), variants="zh-Hans,zh-TW", outdir=tmp_path / "dask",
                     executor="dask", scheduler=cluster.scheduler_address)
    assert local.ok and remote.ok, remote.failures
    assert remote.executor == "dask"
    assert len(same_files(tmp_path / "local", tmp_path / "dask")) == 5 * 2 * len(formats().split(","))


def test_dask_from_the_command_line_with_a_bad_file(cluster, tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_bytes((SEEDS / "002_d0193143c18a3c8a.txt").read_bytes())
    (src / "bad.txt").write_bytes(b"\x00\x01\x02binary" * 100)
    script = Path(sys.executable).with_name("digestconv")
    result = subprocess.run(
        [str(script), "convert", str(src), "--to", "json", "-o", str(tmp_path / "out"),
         "--executor", "dask", "--scheduler", cluster.scheduler_address],
        capture_output=True, timeout=120, check=False,
    )
    err = result.stderr.decode("utf-8")
    assert result.returncode == 1, err
    assert "Traceback" not in err
    assert "bad.txt: binary data" in err
    assert (tmp_path / "out" / "good.json").exists() and not (tmp_path / "out" / "bad.json").exists()


@pytest.mark.parametrize("address", ["tcp://127.0.0.1:9", "nonsense://host"])
def test_an_unreachable_scheduler_is_a_usage_error(tmp_path: Path, address: str) -> None:
    script = Path(sys.executable).with_name("digestconv")
    env = {**os.environ, "DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "1s"}
    result = subprocess.run(
        [str(script), "convert", str(SEEDS), "--to", "json", "-o", str(tmp_path / "out"),
         "--executor", "dask", "--scheduler", address],
        capture_output=True, timeout=120, check=False, env=env,
    )
    err = result.stderr.decode("utf-8")
    assert result.returncode == 2, err
    assert err.startswith(f"digestconv: error: cannot reach the Dask scheduler at {address}: ")
    assert len(err.splitlines()) == 1
    assert not (tmp_path / "out").exists()
