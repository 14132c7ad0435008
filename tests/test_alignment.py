"""Our scorer's alignment (``benchmarks/alignment.py``): a longest common subsequence, earliest matches first."""

from __future__ import annotations

import difflib
import itertools

from benchmarks.alignment import matched_pairs, opcodes, position_map
from benchmarks.extraction import load_scorer


def _lcs_length(a: str, b: str) -> int:
    row = [0] * (len(b) + 1)
    for ch in a:
        diagonal, row[0] = 0, 0
        for j, other in enumerate(b, 1):
            diagonal, row[j] = row[j], diagonal + 1 if ch == other else max(row[j], row[j - 1])
    return row[-1]


def test_pairs_are_a_longest_common_subsequence() -> None:
    for a, b in itertools.product(["", "a", "ab-c", "ab--c", "abcabc", "cba-ab", "aabb"], repeat=2):
        pairs = matched_pairs(a, b)
        assert len(pairs) == _lcs_length(a, b), (a, b)
        assert all(a[i] == b[j] for i, j in pairs)
        assert all(p < q and r < s for (p, r), (q, s) in itertools.pairwise(pairs))


def test_opcodes_cover_both_texts_and_agree_with_difflib_where_it_is_optimal() -> None:
    for a, b in [("ab--c", "ab-c"), ("abcdef", "abXdef"), ("abc", "abc"), ("", "xy"), ("xy", "")]:
        ops = opcodes(a, b)
        assert ops == difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes(), (a, b)


# The gold: a body paragraph, then a caption repeating its sentence.  The candidate misread one
# character of the body's copy and the word before the caption, so the caption's copy is the
# longest run of all and difflib pairs it with the gold's body (the earliest of two equal runs).
SENTENCE = "甲乙丙丁戊己庚辛壬癸子丑寅卯"
GOLD = "开头" + SENTENCE + "结尾" + SENTENCE
CAND = "开头" + SENTENCE.replace("庚", "康") + "末了" + SENTENCE


def test_a_caption_repeating_the_body_is_paired_with_the_caption() -> None:
    caption_start = len(GOLD) - len(SENTENCE)
    mapping, lost, added = position_map(GOLD, CAND)
    assert mapping[caption_start] == caption_start
    assert (lost, added) == (3, 3)
    greedy, _, greedy_lost = load_scorer(aligned=False).position_map(GOLD, CAND)
    assert greedy.get(caption_start) != caption_start and greedy_lost > 3  # difflib's own answer


def test_the_lcs_scorer_uses_it() -> None:
    module = load_scorer(aligned=True)
    assert module.position_map is position_map
    cut = len(GOLD) - len(SENTENCE)
    gold = {"blocks": [{"type": "paragraph", "text": GOLD[:cut]}, {"type": "caption", "text": GOLD[cut:]}]}
    cand = {"blocks": [{"type": "paragraph", "text": CAND[:cut]}, {"type": "caption", "text": CAND[cut:]}]}
    assert module.score(gold, cand)["boundary_f1"] == 1.0
    assert load_scorer(aligned=False).score(gold, cand)["boundary_f1"] == 0.0
