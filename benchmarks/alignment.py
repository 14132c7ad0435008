"""The alignment our scorer uses: a longest common subsequence of the two folded texts.

``shared/tools/score.py`` maps the candidate's positions onto the gold's through
``difflib.SequenceMatcher``, which takes the longest matching run first and splits the rest
around it.  Where a passage is printed twice (a caption repeating the body's first
sentence, wp-zh-11), an OCR misread inside the body's copy makes the caption's copy the
longest run: difflib then pairs the candidate's caption with the gold's body paragraph and
leaves everything between them unmatched, though the candidate holds both in the gold's
order.  A longest common subsequence pairs as many characters as any order-keeping
alignment can, so such a crossing never wins over the order the text has.  Among
alignments of equal length the earliest match is taken, as difflib does (``ab--c`` against
``ab-c`` pairs the first dash).

:func:`position_map` has the signature and the meaning of the shared scorer's and replaces
it on the loaded module (:func:`use_on`); the shared file is left as it is.

The common subsequence is computed with bit vectors (Hyyrö's formulation of the Allison–Dix
recurrence): one integer per candidate character, its zero bits marking where the row's
length steps up, so a row costs a few big-integer operations and the whole table is kept
for the trace back.
"""

from __future__ import annotations

from types import ModuleType

Opcode = tuple[str, int, int, int, int]


def _suffix_rows(a: str, b: str) -> list[int]:
    """Bit rows of the LCS table of reversed ``a`` against reversed ``b`` (row j after j characters of reversed b)."""
    masks: dict[str, int] = {}
    for k, ch in enumerate(reversed(a)):
        masks[ch] = masks.get(ch, 0) | (1 << k)
    full = (1 << len(a)) - 1
    v = full
    rows = [v]
    for ch in reversed(b):
        u = v & masks.get(ch, 0)
        v = ((v + u) | (v - u)) & full
        rows.append(v)
    return rows


def matched_pairs(a: str, b: str) -> list[tuple[int, int]]:
    """(position in a, position in b) of every character a longest common subsequence pairs, earliest matches first."""
    rows = _suffix_rows(a, b)
    m, n = len(a), len(b)

    def rest(i: int, j: int) -> int:  # LCS length of a[i:] and b[j:]
        left = m - i
        return left - (rows[n - j] & ((1 << left) - 1)).bit_count()

    pairs: list[tuple[int, int]] = []
    i = j = 0
    while i < m and j < n:
        if a[i] == b[j]:  # pairing equal characters at once is always part of some longest subsequence
            pairs.append((i, j))
            i += 1
            j += 1
        elif rest(i + 1, j) == rest(i, j):
            i += 1
        else:
            j += 1
    return pairs


def opcodes(a: str, b: str) -> list[Opcode]:
    """``SequenceMatcher.get_opcodes`` of the longest common subsequence: runs of pairs as ``equal``, the gaps between."""
    ops: list[Opcode] = []
    pi = pj = 0
    pairs = matched_pairs(a, b)
    k = 0
    while k < len(pairs):
        i0, j0 = pairs[k]
        run = 1
        while k + run < len(pairs) and pairs[k + run] == (i0 + run, j0 + run):
            run += 1
        _gap(ops, pi, i0, pj, j0)
        ops.append(("equal", i0, i0 + run, j0, j0 + run))
        pi, pj, k = i0 + run, j0 + run, k + run
    _gap(ops, pi, len(a), pj, len(b))
    return ops


def _gap(ops: list[Opcode], i1: int, i2: int, j1: int, j2: int) -> None:
    if i2 > i1 or j2 > j1:
        ops.append(("replace" if i2 > i1 and j2 > j1 else "delete" if i2 > i1 else "insert", i1, i2, j1, j2))


def position_map(a: str, b: str) -> tuple[dict[int, int], int, int]:
    """Map each position of b to a position of a, and count a's unmatched and b's unmatched characters (the shared scorer's contract)."""
    ops = opcodes(a, b)
    mapping: dict[int, int] = {}
    for tag, i1, i2, j1, j2 in ops:
        if tag == "equal":
            for k in range(j2 - j1 + 1):
                mapping[j1 + k] = i1 + k
        else:  # a gap's ends map to its ends; positions inside it to nothing
            mapping.setdefault(j1, i1)
            mapping[j2] = i2
    lost = sum(i2 - i1 for t, i1, i2, _, _ in ops if t in ("delete", "replace"))
    added = sum(j2 - j1 for t, _, _, j1, j2 in ops if t in ("insert", "replace"))
    return mapping, lost, added


def use_on(scorer: ModuleType) -> ModuleType:
    """The loaded shared scorer with this alignment in place of difflib's (``score`` looks it up at call time)."""
    scorer.position_map = position_map
    return scorer
