"""Screenshots of the review page (``digestconv review``) on seed 003 and on a PDF, in Chinese, into examples/.

Needs the review extra, playwright and Debian's chromium::

    python examples/make_review_screenshots.py

The seed is copied to a scratch folder first, so its review file does not land in seeds/.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

from digestconv.review.pages import Pages, ReviewConfig
from digestconv.review.server import serving

HERE = Path(__file__).parent
SEEDS = HERE.parent / "seeds"
SEED = SEEDS / "003_0cb625f6deeae67c.txt"
PDF = HERE.parent / "tests" / "corpus" / "cases" / "wp-zh-01" / "page.pdf"
CHROMIUM = "/usr/bin/chromium"


def _shoot_page(page: Page, address: str, out: Path) -> list[Path]:
    """The page at its first uncertain decision; then after a join and a type change, with the PDF page."""
    page.goto(address)
    page.keyboard.press("n")
    page.keyboard.press("n")
    first = out / "review_003.zh-Hans.png"
    page.screenshot(path=str(first))
    page.click(".blk[data-first='10'] button.join")
    page.wait_for_selector(".blk[data-first='4'][data-last='34']")
    page.locator(".blk[data-first='470']").scroll_into_view_if_needed()
    page.click(".blk[data-first='470'] button.type")
    page.select_option("#type-menu", "subtitle")
    page.wait_for_selector(".blk[data-first='470'].t-subtitle")
    page.click(".blk[data-first='4']")
    page.click("#pdf-page")
    page.wait_for_function("document.getElementById('pdf-image').complete && "
                           "document.getElementById('pdf-image').naturalWidth > 0", timeout=60000)
    edited = out / "review_003.edited.zh-Hans.png"
    page.screenshot(path=str(edited))
    return [first, edited]


def _shoot_pdf(page: Page, address: str, out: Path) -> Path:
    """A PDF under review: its lines page by page (第2页 where a page turns) beside its blocks."""
    page.goto(address)
    page.locator(".ln[data-page]").nth(1).scroll_into_view_if_needed()
    page.mouse.wheel(0, -300)
    shot = out / "review_pdf.zh-Hans.png"
    page.screenshot(path=str(shot))
    return shot


def main() -> int:
    """Take the screenshots; print where they went."""
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        for seed in sorted(SEEDS.glob("*.txt")):
            shutil.copy(seed, folder / seed.name)
        shutil.copy(PDF, folder / "wp-zh-01.pdf")
        inputs = [*sorted(folder.glob("*.txt")), folder / "wp-zh-01.pdf"]
        config = ReviewConfig(inputs, folder / "out", "zh-Hans")
        pages = Pages(inputs, config.language)
        pages.warm().join()
        with serving(config, pages) as base, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM)
            # Waiting on an expression needs eval, which the page's policy forbids; the screenshots do not care.
            page = browser.new_page(viewport={"width": 1400, "height": 900}, locale="zh-CN", bypass_csp=True)
            page.goto(f"{base}/?token={config.token}&lang=zh-Hans")
            queue = HERE / "review_queue.zh-Hans.png"
            page.screenshot(path=str(queue))
            index = inputs.index(folder / SEED.name)
            shots = [queue, *_shoot_page(page, f"{base}/page/{index}?token={config.token}&lang=zh-Hans", HERE)]
            shots.append(_shoot_pdf(page, f"{base}/page/{len(inputs) - 1}?token={config.token}&lang=zh-Hans", HERE))
            browser.close()
    for shot in shots:
        print(shot)
    return 0


if __name__ == "__main__":
    sys.exit(main())
