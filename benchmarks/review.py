"""Benchmark: the review page on a 50-page input, in a real browser (targets: opens < 2 s, an action < 200 ms).

The input is the seeds, one per page, 50 pages joined by form feeds (about 20,800
lines).  The server is warmed first (the input normalized, as ``digestconv review``
does in the background when it starts); then chromium opens the page and joins two
blocks with a click.  Run: ``.venv/bin/python benchmarks/review.py`` (``--pages N``).
Needs the review extra, playwright and Debian's chromium.  Exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from digestconv.review.pages import Pages, ReviewConfig
from digestconv.review.server import serving

SEEDS = Path(__file__).parents[1] / "seeds"
OPEN_TARGET_S = 2.0
ACTION_TARGET_MS = 200.0


def measure(pages: int) -> tuple[float, float, float, int]:
    """Seconds to open the page, ms for a join (whole round trip, and the server's answer), lines shown."""
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
            button = page.locator(".blk .join").nth(40)
            line = button.get_attribute("data-line")
            button.click()
            page.wait_for_function(f"!document.querySelector(\".blk[data-first='{line}']\") && "
                                   "document.body.dataset.lastActionMs !== undefined")
            took = float(page.evaluate("Number(document.body.dataset.lastActionMs)"))
            answered = float(page.evaluate("Number(document.body.dataset.lastAnswerMs)"))
            browser.close()
    return opened, took, answered, lines


def main() -> int:
    """Measure once and report against the targets."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=50)
    args = parser.parse_args()
    opened, took, answered, lines = measure(args.pages)
    print(f"review page, {args.pages} pages ({lines} lines): opened in {opened * 1000:.0f} ms "
          f"(target {OPEN_TARGET_S * 1000:.0f}); a join answered in {took:.0f} ms, the server's part "
          f"{answered:.0f} ms (target {ACTION_TARGET_MS:.0f})")
    return 0 if opened < OPEN_TARGET_S and took < ACTION_TARGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
