"""The rules of the ``pages`` chain (spec §10): which lines are running heads and folios.

Both rules weigh where a line sits against the page turns: the same text, digits aside,
at two or more page turns (recurrence), or a line holding only a page number at a page's
edge (the folio's pattern).  Where the input has no form feeds, the page turns are where
the recurring lines are.  A line that reads as a block of its own — a sentence, a source
note, a byline, a jump — is never furniture, however often it recurs.
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from dataclasses import dataclass

from digestconv.readers.ocr import patterns
from digestconv.readers.ocr.furniture import PageView
from digestconv.readers.ocr.registry import rule

EDGE_LINES = 4  # a running head or folio sits among the first or last lines of its page
MIN_PAGE_LINES = 8  # without form feeds, two occurrences this close are not two pages
MAX_FURNITURE_CHARS = 60

_SPACES = re.compile(r"\s+")
_NUMBER = re.compile(r"\d+|(?<=第)[〇零一二三四五六七八九十百]+(?=[版页])")
_FOLIO = re.compile(
    r"^(?:[-—–‐−－~·•]\s*)?\d{1,4}(?:\s*[-—–‐−－~·•])?$"
    r"|^第\s*(?:\d{1,4}|[〇零一二三四五六七八九十百]{1,4})\s*[版页]$"
    r"|^(?:page|p\.)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$"
    r"|^\d{1,4}\s*/\s*\d{1,4}$",
    re.IGNORECASE,
)
_BRACKETED = re.compile(r"^[（(【\[〔].*[）)】\]〕]$")
_CLAUSE_END = re.compile(r"[，、；：,;:。！？!?]$|。")


def furniture_key(text: str) -> str:
    """The text as recurrence compares it: spaces dropped, every number one placeholder."""
    return _NUMBER.sub("#", _SPACES.sub("", text))


def numbers_in(text: str) -> tuple[str, ...]:
    """The numbers of a line, in order (the slots its key leaves open)."""
    return tuple(_NUMBER.findall(_SPACES.sub("", text)))


def is_folio(text: str) -> bool:
    """A line holding only a page number: ``3``, ``- 3 -``, ``— 3 —``, ``第3版``, ``Page 3``."""
    return len(text) <= 16 and bool(_FOLIO.match(text.strip()))


def could_be_furniture(text: str) -> bool:
    """Whether a line may be a running head at all: short, no sentence, not a block of its own."""
    if len(text) > MAX_FURNITURE_CHARS or _CLAUSE_END.search(text):
        return False
    if _BRACKETED.match(text) and not is_folio(text):
        return False
    return not (
        patterns.BYLINE.match(text)
        or patterns.DATELINE.match(text)
        or patterns.SOURCE_NOTE_START.match(text)
        or patterns.JUMP_WHOLE.match(text)
        or patterns.CREDIT_ONLY.match(text)
        or patterns.EDITOR_NOTE.match(text)
    )


@dataclass
class _Group:
    """The lines sharing one key, in input order."""

    indices: list[int]
    numbers: list[tuple[str, ...]]


def _groups(view: PageView) -> dict[str, _Group]:
    groups: dict[str, _Group] = {}
    for index, line in enumerate(view.lines):
        if index in view.marked or not could_be_furniture(line.text):
            continue
        key = furniture_key(line.text)
        group = groups.get(key)
        if group is None:
            group = groups[key] = _Group([], [])
        group.indices.append(index)
        group.numbers.append(numbers_in(line.text))
    return groups


def _page_number_slot(numbers: list[tuple[str, ...]]) -> bool:
    """Whether one number of the key rises from each occurrence to the next, as a page number does."""
    if len(numbers) < 2 or not numbers[0]:
        return False
    for slot in range(len(numbers[0])):
        values = [_as_int(n[slot]) for n in numbers if len(n) > slot]
        if len(values) == len(numbers) and all(b > a for a, b in itertools.pairwise(values)):
            return True
    return False


_CHINESE_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0}


def _as_int(number: str) -> int:
    if number.isdigit():
        return int(number)
    # 第十二版: a Chinese numeral up to the hundreds, enough for page numbers
    total, digit = 0, 0
    for ch in number:
        if ch in _CHINESE_DIGITS:
            digit = _CHINESE_DIGITS[ch]
        elif ch == "十":
            total += (digit or 1) * 10
            digit = 0
        elif ch == "百":
            total += (digit or 1) * 100
            digit = 0
    return total + digit


def at_page_edge(view: PageView, index: int) -> bool:
    """Whether a line sits among the first or last lines of its page."""
    before, after = view.rank_in_page(index)
    return min(before, after) < EDGE_LINES


def _spread_over_pages(view: PageView, group: _Group) -> bool:
    """At most two occurrences a page, on two or more pages (or far enough apart without form feeds)."""
    if view.paged:
        per_page: dict[int, int] = defaultdict(int)
        for index in group.indices:
            per_page[view.page_of[index]] += 1
        return len(per_page) >= 2 and max(per_page.values()) <= 2
    firsts = [view.lines[i].no for i in group.indices]
    return all(b - a >= MIN_PAGE_LINES for a, b in itertools.pairwise(firsts))


def _recurrence_reason(view: PageView, group: _Group) -> str | None:
    count = len(group.indices)
    if count < 2 or not _spread_over_pages(view, group):
        return None
    pages = len({view.page_of[i] for i in group.indices}) if view.paged else count
    if _page_number_slot(group.numbers):
        return f"recurs at {pages} page turns, its page number rising"
    if view.paged and all(at_page_edge(view, i) for i in group.indices):
        return f"recurs at the edge of {pages} pages"
    if not view.paged and count >= 3:
        return f"recurs {count} times, a page apart"
    return None


@rule("running-head", "pages", "§10")
def mark_running_heads(view: PageView) -> None:
    """§10: lines recurring at page turns with only their numbers changing are running heads or folios."""
    for group in _groups(view).values():
        reason = _recurrence_reason(view, group)
        if reason is not None:
            for index in group.indices:
                view.marked[index] = reason


def _near_marked(view: PageView, index: int) -> bool:
    """Whether the line stands next to furniture that recurrence found (a page turn)."""
    return index - 1 in view.marked or index + 1 in view.marked


@rule("folio", "pages", "§10")
def mark_folios(view: PageView) -> None:
    """§10: a line holding only a page number near a page edge is a folio."""
    candidates = [i for i, line in enumerate(view.lines) if i not in view.marked and is_folio(line.text)]
    if view.paged:
        for index in candidates:
            if at_page_edge(view, index):
                view.marked[index] = "a page number at the page's edge"
        return
    rising = [i for i in candidates if numbers_in(view.lines[i].text)]
    numbers = [numbers_in(view.lines[i].text) for i in rising]
    if len(rising) >= 2 and _page_number_slot(numbers) and _spread_over_pages(view, _Group(rising, numbers)):
        for index in rising:
            view.marked[index] = "a page number, rising from page to page"
        return
    for index in candidates:
        if _near_marked(view, index):
            view.marked[index] = "a page number beside a running head"
