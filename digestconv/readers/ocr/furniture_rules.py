"""The rules of the ``pages`` chain (spec §10): which lines are running heads and folios.

Both rules weigh where a line sits against the page turns: the same text, digits aside,
at two or more page turns (recurrence), or a line holding only a page number at a page's
edge (the folio's pattern).  Where the input has no form feeds, the page turns are where
the recurring lines are.  A line that reads as a block of its own — a sentence, a source
note, a byline, a jump — is never furniture, however often it recurs.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from itertools import pairwise

from digestconv.readers.ocr import patterns
from digestconv.readers.ocr.furniture import PageView
from digestconv.readers.ocr.rulebook import rule

EDGE_LINES = 4  # a running head or folio sits among the first or last lines of its page
MIN_PAGE_LINES = 8  # without form feeds, two occurrences this close are not two pages
MAX_FURNITURE_CHARS = 60

_SPACES = re.compile(r"\s+")
_NUMBER = re.compile(r"\d+|(?<=第)[〇零一二三四五六七八九十百]+(?=[版页])")
_FOLIO = re.compile(
    r"^(?:[-—–‐−－~·•_一]\s*)?\d{1,4}(?:\s*[-—–‐−－~·•_一])?$"  # OCR reads — as 一 or _
    r"|^第\s*(?:\d{1,4}|[〇零一二三四五六七八九十百]{1,4})\s*[版页]$"
    r"|^(?:page|p\.)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$"
    r"|^\d{1,4}\s*/\s*\d{1,4}$",
    re.IGNORECASE,
)
# a folio in a form no body text takes, set on one line with its running head
_FOLIO_FORM = r"(?:[-—–‐−－]\s*\d{1,4}\s*[-—–‐−－]|第\s*\d{1,4}\s*[版页]|[Pp]age\s*\d{1,4})"
_FOLIO_AFFIX = re.compile(f"^{_FOLIO_FORM}\\s+(?P<after>.+)$|^(?P<before>.+?)\\s+{_FOLIO_FORM}$")
_BRACKETED = re.compile(r"^[（(【\[〔].*[）)】\]〕]$")
_SENTENCE_WORDS = re.compile(r"[，,。；;]")
# a clause's mark anywhere in the line, or a Latin one at its end (as ``$`` reads an end: before a
# final line feed too); the marks alone as the pattern, so the engine skips straight to the first
_CLAUSE_MARK = re.compile(r"[，、。；：！？]")
_LATIN_CLAUSE_LAST = frozenset(",;:!?")


def furniture_key(text: str) -> str:
    """The text as recurrence compares it: spaces dropped, every number one placeholder."""
    return _NUMBER.sub("#", _SPACES.sub("", text))


def numbers_in(text: str) -> tuple[str, ...]:
    """The numbers of a line, in order (the slots its key leaves open)."""
    return tuple(_NUMBER.findall(_SPACES.sub("", text)))


def key_and_numbers(text: str) -> tuple[str, tuple[str, ...]]:
    """:func:`furniture_key` and :func:`numbers_in` of one line, its spaces dropped once."""
    compact = _SPACES.sub("", text)
    numbers = tuple(_NUMBER.findall(compact))
    return (_NUMBER.sub("#", compact) if numbers else compact), numbers


def line_key(view: PageView, index: int) -> tuple[str, tuple[str, ...]]:
    """:func:`key_and_numbers` of line ``index``, worked out once per text (several rules group lines by it)."""
    found = view.keys.get(index)
    if found is None:
        found = view.keys[index] = key_and_numbers(view.lines[index].text)
    return found


_FOLIO_LAST = frozenset("0123456789-—–‐−－~·•_一版页")
_FOLIO_FIRST = "-—–‐−－第Pp"  # a folio set before its head opens so (a string: the empty line's "" is in it)


def is_folio(text: str) -> bool:
    """A line holding only a page number: ``3``, ``- 3 -``, ``— 3 —``, ``第3版``, ``Page 3``."""
    return len(text) <= 16 and text[-1:] in _FOLIO_LAST and bool(_FOLIO.match(text.strip()))


def folio_with_head(text: str) -> bool:
    """A folio and a running head on one line: ``- 2 - 经济周刊``, ``华夏经济报 2026年6月5日 Page 1``."""
    if " " in text and "  " in text:  # set apart by a run of spaces (OCR keeps the gap between the margin boxes)
        text = " ".join(text.split())
    if len(text) > MAX_FURNITURE_CHARS or (text[-1:] not in _FOLIO_LAST and not text[:1].isdigit()
                                            and text[:1] not in _FOLIO_FIRST):
        return False
    m = _FOLIO_AFFIX.match(text.strip())
    if m is None:
        return False
    head = m.group("after") or m.group("before")
    return len(head) <= 30 and could_be_furniture(head) and not _SENTENCE_WORDS.search(head)


def _clause_end(text: str) -> bool:
    """The text holds a clause's mark (``，、。；：！？``) or ends in a Latin one (``, ; : ! ?``)."""
    return _latin_clause_end(text) or _CLAUSE_MARK.search(text) is not None


def _latin_clause_end(text: str) -> bool:
    """The text ends in a Latin clause's mark (``, ; : ! ?``), before a last line feed too."""
    return (text[-2:-1] if text.endswith("\n") else text[-1:]) in _LATIN_CLAUSE_LAST


def could_be_furniture(text: str) -> bool:
    """Whether a line may be a running head at all: short, no sentence, not a block of its own."""
    if len(text) > MAX_FURNITURE_CHARS or _clause_end(text):
        return False
    return _no_block_of_its_own(text)


_BRACKET_OPENS = "（(【[〔"  # what ``_BRACKETED`` opens with (strings: the empty line's "" is in them)
_PAREN_OPENS = "（("  # what a source note and a jump open with


def _no_block_of_its_own(text: str) -> bool:
    """The line reads as no bracketed note, byline, dateline, source note, jump, credit or editor's note."""
    if text[:1] in _BRACKET_OPENS and _BRACKETED.match(text) and not is_folio(text):
        return False
    reporter, dateline = patterns.names_reporter(text), patterns.may_open_dateline(text)  # what the patterns need
    paren = text[:1] in _PAREN_OPENS
    return not (
        (reporter and patterns.BYLINE.match(text))
        or (dateline and patterns.DATELINE.match(text))
        or (paren and patterns.SOURCE_NOTE_START.match(text))
        or (paren and patterns.JUMP_WHOLE.match(text))
        or (reporter and patterns.CREDIT_ONLY.match(text))
        or (dateline and patterns.EDITOR_NOTE.match(text))
    )


def furniture_candidates(view: PageView) -> set[int]:
    """The lines that could be furniture at all, found once per text (every rule asks)."""
    found = view.notes.get("candidates")
    if found is None:
        # most lines hold a clause's mark: that test first, without the calls, then could_be_furniture's others
        found = view.notes["candidates"] = {
            i for i, text in enumerate(line.text for line in view.lines)
            if not _CLAUSE_MARK.search(text) and len(text) <= MAX_FURNITURE_CHARS
            and not _latin_clause_end(text) and _no_block_of_its_own(text)}
    return found


@dataclass
class _Group:
    """The lines sharing one key, in input order."""

    indices: list[int]
    numbers: list[tuple[str, ...]]


def _groups(view: PageView) -> dict[str, _Group]:
    groups: dict[str, _Group] = {}
    for index in sorted(furniture_candidates(view)):  # in input order
        if index in view.marked:
            continue
        key, numbers = line_key(view, index)
        group = groups.get(key)
        if group is None:
            group = groups[key] = _Group([], [])
        group.indices.append(index)
        group.numbers.append(numbers)
    return groups


def _page_number_slot(numbers: list[tuple[str, ...]]) -> bool:
    """Whether one number of the key rises from each occurrence to the next, as a page number does."""
    if len(numbers) < 2 or not numbers[0]:
        return False
    for slot in range(len(numbers[0])):
        values = [_as_int(n[slot]) for n in numbers if len(n) > slot]
        if len(values) == len(numbers) and all(b > a for a, b in pairwise(values)):
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
        # a running head runs above a page's text: a page holding nothing else is the text itself
        with_text = {view.page_of[i] for i in group.indices if sum(view.rank_in_page(i)) + 1 > per_page[view.page_of[i]]}
        return len(with_text) >= 2 and max(per_page.values()) <= 2
    firsts = [view.lines[i].no for i in group.indices]
    return all(b - a >= MIN_PAGE_LINES for a, b in pairwise(firsts))


PAGE_LENGTH_SPREAD = 1.5  # pages of one text differ in length by less than this factor


def _evenly_spaced(view: PageView, group: _Group) -> bool:
    """Without form feeds: whether the occurrences come a page apart, pages being of a length."""
    numbers = [view.lines[i].no for i in group.indices]
    gaps = sorted(b - a for a, b in pairwise(numbers))
    return gaps[-1] <= PAGE_LENGTH_SPREAD * gaps[len(gaps) // 2]


PASSAGE_WALK = 6  # lines walked out from each occurrence when looking for a repeated passage


def _repeated_passage(view: PageView, group: _Group) -> bool:
    """Whether the occurrences sit in text quoted twice: the same body lines around each of them.

    Walking out from the occurrences while their lines stay identical, a line that cannot be
    furniture shows a repeated passage; identical heads beside each other (paper, date) do not.
    """
    lines = view.lines
    candidates = furniture_candidates(view)
    for step in (-1, 1):
        offset = step
        while abs(offset) <= PASSAGE_WALK:
            at = [i + offset for i in group.indices]
            if not all(0 <= k < len(lines) for k in at) or len({lines[k].text for k in at}) != 1:
                break
            if at[0] not in candidates:
                return True
            offset += step
    return False


def _recurrence_reason(view: PageView, group: _Group) -> str | None:
    count = len(group.indices)
    if count < 2 or not _spread_over_pages(view, group) or _repeated_passage(view, group):
        return None
    if _page_number_slot(group.numbers):
        return f"recurs at {count} page turns, its page number rising"
    if not view.paged:
        if count >= 3 and _evenly_spaced(view, group):
            return f"recurs {count} times, a page apart"
        turns = _inferred_turns(view)
        return f"recurs at {count} page turns marked by folios" if all(i in turns for i in group.indices) else None
    pages = {view.page_of[i] for i in group.indices}
    at_edges = sum(at_page_edge(view, i) for i in group.indices)
    if at_edges == count:
        return f"recurs at the edge of {len(pages)} pages"
    # an extractor that interleaves the margins with the columns sets the head mid-page
    once_a_page = len(pages) == count
    if once_a_page and len(pages) >= 3 and 4 * len(pages) >= 3 * view.page_count:
        return f"recurs once a page on {len(pages)} of {view.page_count} pages"
    return None


def _inferred_turns(view: PageView) -> set[int]:
    """Without form feeds: the lines within two of a rising folio, where the pages turn."""
    cached = view.notes.get("turns")
    if cached is None:
        cached = {i + d for i in rising_folios(view) for d in range(-2, 3)}
        view.notes["turns"] = cached
    return cached


@rule("running-head", "pages", "§10")
def mark_running_heads(view: PageView) -> None:
    """§10: lines recurring at page turns with only their numbers changing are running heads or folios."""
    undecided: list[_Group] = []
    for group in _groups(view).values():
        reason = _recurrence_reason(view, group)
        if reason is None:
            undecided.append(group)
            continue
        for index in group.indices:
            view.marked[index] = reason
    # a head recurring beside the page numbers found above, on the same side of them, stands at
    # those page turns too
    for group in undecided:
        above = {i - 1 in view.marked for i in group.indices}
        below = {i + 1 in view.marked for i in group.indices}
        if len(group.indices) >= 2 and (above == {True} or below == {True}) \
                and not _repeated_passage(view, group):
            for index in group.indices:
                view.marked[index] = f"recurs beside the page number at {len(group.indices)} page turns"


def _near_marked(view: PageView, index: int) -> bool:
    """Whether the line stands next to furniture that recurrence found (a page turn)."""
    return index - 1 in view.marked or index + 1 in view.marked


def _folio_shaped(view: PageView) -> list[int]:
    """The lines shaped like a folio (alone or beside a head), in input order, found once per text."""
    shaped = view.notes.get("folio-shaped")
    if shaped is None:
        # what both tests ask first, without the calls: a folio's last character, a folio's or a page
        # label's first, or a run of spaces (folio_with_head reads the line with its runs closed up)
        shaped = view.notes["folio-shaped"] = {
            i for i, text in enumerate(line.text for line in view.lines)
            if (text[-1:] in _FOLIO_LAST or text[:1] in _FOLIO_FIRST or text[:1].isdigit() or (" " in text and "  " in text))
            and (is_folio(text) or folio_with_head(text))}
    return sorted(shaped)


def _mark_folios_beside_heads(view: PageView) -> None:
    """A bare page number beside furniture already found is its folio (one beside it then counts too)."""
    for index in _folio_shaped(view):
        if index not in view.marked and _near_marked(view, index) and is_folio(view.lines[index].text):
            view.marked[index] = "a page number beside a running head"


def rising_folios(view: PageView) -> list[int]:
    """Without form feeds: the folio lines whose page numbers rise through the text, a page apart."""
    found = [i for i in _folio_shaped(view) if i not in view.marked]
    numbers = [line_key(view, i)[1][-1:] for i in found]
    if len(found) >= 2 and _page_number_slot(numbers) and _spread_over_pages(view, _Group(found, numbers)):
        return found
    return []


@rule("folio", "pages", "§10")
def mark_folios(view: PageView) -> None:
    """§10: a line holding only a page number (or a page number and a short head) near a page edge is a folio."""
    if view.paged:
        for index, line in enumerate(view.lines):
            # a folio numbers a page of text: a page holding nothing else is the text itself
            if index in view.marked or not at_page_edge(view, index) or not sum(view.rank_in_page(index)):
                continue
            if is_folio(line.text):
                view.marked[index] = "a page number at the page's edge"
            elif folio_with_head(line.text):
                view.marked[index] = "a page number and a running head at the page's edge"
    else:
        for index in rising_folios(view):
            view.marked[index] = "a page number, rising from page to page"
        _mark_folios_beside_heads(view)
    _mark_dated_heads(view)


# what only a front page's masthead carries: the issue number, the page count, the serial codes
_FRONT_PAGE = re.compile(r"第\s*\d+\s*[号期]|今日\s*\d+\s*版|\d+\s*号|CN\s*\d|ISSN|第$")


def _front_page_masthead(view: PageView, index: int) -> bool:
    lines = view.lines
    return any(_FRONT_PAGE.search(lines[k].text) for k in (index - 1, index, index + 1)
               if 0 <= k < len(lines) and k not in view.marked)


def _mark_dated_heads(view: PageView) -> None:
    """A dated page header (paper, date, weekday) beside a folio is that page's running head, not a masthead."""
    folios = [i for i, reason in view.marked.items() if "page number" in reason]
    for index in folios:
        for near in (index - 1, index + 1):
            if not 0 <= near < len(view.lines) or near in view.marked:
                continue
            text = view.lines[near].text
            if (patterns.masthead_score(text) >= 2 and could_be_furniture(text)
                    and not _front_page_masthead(view, near)):
                view.marked[near] = "a dated page header beside a folio"


# OCR misreads a running head's marks and digits (``第]版``, ``西部商报. 综合新闻``, ``一3一`` for
# ``— 3 —``), so its occurrences are compared by their letters alone.
_OCR_DASH = re.compile(r"一(?=\s*\d)|(?<=\d)\s*一")
# the page number of ``第3版`` misread as a letter (``第工版``, ``第l版``): the slot, whatever fills it
_OCR_PAGE_SLOT = re.compile(r"(?<=第)\s*[^\s版页]{1,3}\s*(?=[版页])")
_NOT_LETTER = re.compile(r"[^\u3400-\u4dbf\u4e00-\u9fffA-Za-z]+")
MIN_SKELETON = 4  # letters a head needs before its letters alone identify it


def skeleton_key(text: str) -> str:
    """The letters of a line, every mark, digit, page number and space dropped (what OCR reads reliably)."""
    if "一" in text:  # both misreads of a dash hold 一
        text = _OCR_DASH.sub("", text)
    if "第" in text:
        text = _OCR_PAGE_SLOT.sub("", text)
    return _NOT_LETTER.sub("", text)


def _skeleton_groups(view: PageView) -> dict[str, _Group]:
    groups: dict[str, _Group] = {}
    candidates = furniture_candidates(view)
    for index, line in enumerate(view.lines):
        # lines already marked count too: the misread occurrence joins the ones read right
        if index not in candidates:
            continue
        key = skeleton_key(line.text)
        if len(key) >= MIN_SKELETON:
            group = groups.setdefault(key, _Group([], []))
            group.indices.append(index)
            group.numbers.append(line_key(view, index)[1])
    return groups


def _ocr_reason(view: PageView, group: _Group) -> str | None:
    count = len(group.indices)
    if count < 2 or not _spread_over_pages(view, group) or _repeated_passage(view, group):
        return None
    numbered = [n[-1:] for n in group.numbers if n]
    if len(numbered) >= 2 and _page_number_slot(numbered):
        return f"its letters recur at {count} page turns, the page numbers read rising"
    if all(patterns.masthead_score(view.lines[i].text) >= 2 for i in group.indices):
        return f"a dated page header whose letters recur at {count} page turns"
    if count >= 3 and _evenly_spaced(view, group):
        return f"its letters recur {count} times, a page apart"
    return None


@rule("ocr-running-head", "pages", "§10")
def mark_misread_running_heads(view: PageView) -> None:
    """§10 (OCR): a running head misread differently on each page recurs by its letters alone."""
    for group in _skeleton_groups(view).values():
        if all(i in view.marked for i in group.indices):
            continue
        reason = _ocr_reason(view, group)
        for index in group.indices if reason is not None else ():
            view.marked.setdefault(index, reason or "")
    _mark_folios_beside_heads(view)  # a bare page number beside a head found this way is its folio
