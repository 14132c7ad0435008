"""Benchmark: the review page on a 50-page input, in a real browser (targets: opens < 2 s, an action < 200 ms).

The input is the seeds, one per page, 50 pages joined by form feeds (about 20,800
lines).  The server is warmed first (the input normalized, as ``digestconv review``
does in the background when it starts); then chromium opens the page and makes one
of each action with a click or a key: a join, a split, a type change, an undo.  For
each it reports the whole round trip in the browser, and the server's part as the
server tells it (``Server-Timing``): wall time and the CPU time of the action's
thread, since the machine may be busy with other work.  Run:
``.venv/bin/python benchmarks/review.py`` (``--pages N``).  Needs the review extra,
playwright and Debian's chromium.  Exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

from digestconv.review.pages import Pages, ReviewConfig
from digestconv.review.server import serving

SEEDS = Path(__file__).parents[1] / "seeds"
OPEN_TARGET_S = 2.0
ACTION_TARGET_MS = 200.0


def _timed(page: Page, act: Callable[[], None]) -> tuple[float, float, float]:
    """Run ``act``; the browser's ms for it, and the server's wall and CPU ms from its Server-Timing header."""
    page.evaluate("delete document.body.dataset.lastActionMs")
    with page.expect_response(lambda r: "/api/page/" in r.url) as answer:
        act()
    page.wait_for_function("document.body.dataset.lastActionMs !== undefined")
    timing = answer.value.headers.get("server-timing", "")
    figures = dict(re.findall(r"(\w+);dur=([\d.]+)", timing))
    return (float(page.evaluate("Number(document.body.dataset.lastActionMs)")),
            float(figures.get("action", "nan")), float(figures.get("cpu", "nan")))


def _actions(page: Page) -> list[tuple[str, Callable[[], None]]]:
    join = page.locator(".blk .join").nth(40)

    def split() -> None:
        first = page.evaluate("Array.from(document.querySelectorAll('.blk'))"
                              ".filter(b => Number(b.dataset.last) > Number(b.dataset.first))[60].dataset.first")
        page.locator(f".ln[data-line='{first}']").click()
        page.keyboard.press("s")

    def retype() -> None:
        page.locator(".blk").nth(80).locator("button.type").click()
        page.locator("#type-menu").select_option("subtitle")

    return [("join", join.click), ("split", split), ("type", retype), ("undo", lambda: page.keyboard.press("Control+z"))]


def measure(pages: int) -> tuple[float, int, list[tuple[str, float, float, float]]]:
    """Seconds to open the page, lines shown, and for each action: browser ms, server wall ms, server CPU ms."""
    seeds = sorted(SEEDS.glob("*.txt"))
    with tempfile.TemporaryDirectory() as scratch:
        big = Path(scratch) / "pages.txt"
        big.write_text("\f".join(seeds[k % len(seeds)].read_text(encoding="utf-8") for k in range(pages)),
                       encoding="utf-8")
        config = ReviewConfig([big], Path(scratch) / "out")
        warm = Pages([big])
        warm.warm().join()
        with serving(config, warm) as base, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium")
            page = browser.new_page(viewport={"width": 1400, "height": 900}, bypass_csp=True)
            started = time.perf_counter()
            page.goto(f"{base}/page/0?token={config.token}", wait_until="load")
            opened = time.perf_counter() - started
            lines = page.locator(".ln").count()
            figures = [(name, *_timed(page, act)) for name, act in _actions(page)]
            browser.close()
    return opened, lines, figures


def main() -> int:
    """Measure once and report against the targets."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=50)
    args = parser.parse_args()
    opened, lines, figures = measure(args.pages)
    print(f"review page, {args.pages} pages ({lines} lines): opened in {opened * 1000:.0f} ms "
          f"(target {OPEN_TARGET_S * 1000:.0f})")
    for name, took, wall, cpu in figures:
        print(f"  {name:5}: answered in {took:.0f} ms in the browser (target {ACTION_TARGET_MS:.0f}); "
              f"the server's part {wall:.1f} ms wall, {cpu:.1f} ms CPU")
    slow = [name for name, took, _, _ in figures if not took < ACTION_TARGET_MS]
    return 0 if opened < OPEN_TARGET_S and not slow else 1


if __name__ == "__main__":
    sys.exit(main())
