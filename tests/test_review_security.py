"""The review server: token on every request, loopback only, nothing but its pages and its inputs, input escaped."""

from __future__ import annotations

import http.client
import shutil
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("starlette")
pytest.importorskip("uvicorn")

from tests.review_support import Running, running_review

PROJECT = Path(__file__).parents[1]
SEED = PROJECT / "seeds" / "000_5c3f93aa5334f7f2.txt"
HOSTILE = "危险的标题\n\n<script>alert('x')</script>第一段正文，里面有<img src=x onerror=alert(2)>标签。\n"


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    folder = tmp_path_factory.mktemp("inputs")
    shutil.copy(SEED, folder / "page.txt")
    (folder / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    (folder / "secret.txt.bak").write_text("not an input", encoding="utf-8")
    with running_review([folder / "page.txt", folder / "hostile.txt"], folder / "out") as running:
        yield running


@pytest.mark.parametrize("path", ["/", "/page/0", "/input/0", "/static/review.js", "/preview/0.html"])
def test_a_request_without_the_token_is_refused(app: Running, path: str) -> None:
    assert app.get(path, token=False)[0] == 403
    assert app.get(path + "?token=wrong" + app.config.token[:4], token=False)[0] == 403
    assert app.get(path)[0] == 200


def test_an_action_without_the_token_is_refused(app: Running) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", app.port, timeout=10)
    connection.request("POST", "/api/page/0/edit", body=b'{"op": "join", "line": 3}',
                       headers={"Content-Type": "application/json"})
    assert connection.getresponse().status == 403


def test_the_token_may_come_in_a_header(app: Running) -> None:
    assert app.get("/static/review.css", token=False, headers={"X-Review-Token": app.config.token})[0] == 200


def _raw_get(app: Running, path: str, host: str = "127.0.0.1") -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", app.port, timeout=10)
    connection.putrequest("GET", path, skip_host=True)
    connection.putheader("Host", host)
    connection.endheaders()
    answer = connection.getresponse()
    return answer.status, answer.read()


@pytest.mark.parametrize("path", ["/input/2", "/input/-1", "/page/7", "/input/..%2Fsecret.txt.bak",
                                  "/static/../pages.py", "/static/..%2Fpages.py", "/static/%2e%2e/app.py",
                                  "/../../etc/passwd", "/preview/0.pdf", "/file?path=/etc/passwd"])
def test_paths_outside_the_inputs_are_refused(app: Running, path: str) -> None:
    sep = "&" if "?" in path else "?"
    status, body = _raw_get(app, f"{path}{sep}token={app.config.token}")
    assert status in (403, 404)
    assert b"import " not in body and b"root:" not in body and b"not an input" not in body


def test_another_host_name_is_refused(app: Running) -> None:
    # A page on another site that rebinds its name to 127.0.0.1 still sends its own Host.
    status, _ = _raw_get(app, f"/?token={app.config.token}", host="evil.example")
    assert status == 400
    assert _raw_get(app, f"/?token={app.config.token}", host=f"localhost:{app.port}")[0] == 200


def _outward_address() -> str | None:
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("192.0.2.1", 9))  # no packet is sent: this only picks the outward interface
        address = probe.getsockname()[0]
    except OSError:
        return None
    finally:
        probe.close()
    return None if address.startswith("127.") else address


def test_the_server_is_not_reachable_on_a_non_loopback_address(app: Running) -> None:
    address = _outward_address()
    if address is None:
        pytest.skip("this machine has no non-loopback IPv4 address")
    with pytest.raises(OSError), socket.create_connection((address, app.port), timeout=3):
        pass


def test_the_input_is_escaped_in_the_page(app: Running) -> None:
    status, body = app.get("/page/1")
    assert status == 200
    page = body.decode("utf-8")
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(" in page and "&lt;/script&gt;" in page and "&lt;img src=x" in page
    assert page.count("<script") == 1  # the page's own script, from /static


def test_the_page_forbids_inline_script(app: Running) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", app.port, timeout=10)
    connection.request("GET", f"/page/1?token={app.config.token}")
    answer = connection.getresponse()
    policy = answer.getheader("Content-Security-Policy") or ""
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy.split("style-src")[0]
    assert answer.getheader("Referrer-Policy") == "no-referrer"
