"""Build tests/data/variants/news.tsv from its hand-marked source news.src.

In the source each line is ``category<TAB>what it tests<TAB>sentence``; a word in
``[简体|臺灣|香港]`` (or ``[简体|两地]``) carries its regional forms, written by
hand; the text around it is converted character by character with OpenCC's
``s2tw`` and ``s2hk`` (no phrase tables), Hong Kong's 峰 and 啟 put for OpenCC's
峯 and 啓, and quotes turned into corner brackets.  Every built line was then read
through.  Every third sentence of news.src (id divisible by 3) is held out: the
phrase tables are not tuned on it.  The sentences of fresh.src (split ``fresh``,
numbered after news.src's) were written later, before the tables were changed for
them, and are held out as well: a second measure of how the tables generalise.
Those of blind.src (split ``blind``) were written after fresh.src was measured and
before the tables changed; their errors were not looked at while tuning.  Those of
blind2.src (split ``blind2``) were written after the session's last table change, and
those of blind3.src (split ``blind3``) at the start of the next session, before its table review;
those of blind4.src (split ``blind4``) at the start of the session after, before any of its table changes,
those of blind5.src (split ``blind5``) at the start of the next session, before its vocabulary audit,
those of blind6.src (split ``blind6``) at the start of the session after, before any of its table changes,
those of blind7.src (split ``blind7``) at the start of the next session, before any of its table changes,
those of blind8.src (split ``blind8``) by a helper that never saw the phrase tables, on new topics,
those of blind9.src (split ``blind9``), short passages, by a helper before it opened the tables,
those of blind10.src (split ``blind10``), short passages on new topics, by a helper that never saw the tables,
those of blind11.src (split ``blind11``), short passages on everyday topics, by a helper that never saw the tables,
those of blind12.src (split ``blind12``), short passages on new topics, by a helper that never saw the tables,
those of blind13.src (split ``blind13``), short passages on new topics, by a helper that never saw the tables,
those of blind14.src (split ``blind14``), short passages on new topics, by a helper that never saw the tables,
those of blind15.src (split ``blind15``), short passages on new topics, by a helper that never saw the tables,
those of blind16.src (split ``blind16``), short passages on new topics, by a helper that never saw the tables,
those of blind17.src (split ``blind17``), short passages on new topics, by a helper that never saw the tables,
those of blind18.src (split ``blind18``), short passages on new topics, by a helper that never saw the tables,
those of blind19.src (split ``blind19``), short passages on new topics, by a helper that never saw the tables,
those of blind20.src (split ``blind20``), short passages on new topics, by a helper that never saw the tables,
those of blind21.src (split ``blind21``), short passages on new topics, by a helper that never saw the tables,
those of blind22.src (split ``blind22``), short passages on new topics, by a helper that never saw the tables,
those of blind23.src (split ``blind23``), short passages on new topics, by a helper that never saw the tables,
those of blind24.src (split ``blind24``), short passages on new topics, by a helper that never saw the tables,
those of blind25.src (split ``blind25``), short passages on new topics, by a helper that never saw the tables,
those of blind26.src (split ``blind26``), short passages on new topics, by a helper that never saw the tables,
those of blind27.src (split ``blind27``), short passages on new topics, by a helper that never saw the tables,
those of blind28.src (split ``blind28``), short passages on new topics, by a helper that never saw the tables,
those of blind29.src (split ``blind29``), short passages on new topics, by a helper that never saw the tables,
those of blind30.src (split ``blind30``), short passages on new topics, by a helper that never saw the tables,
those of blind31.src (split ``blind31``), short passages on new topics, by a helper that never saw the tables,
those of blind32.src (split ``blind32``), short passages on new topics, by a helper that never saw the tables,
those of blind33.src (split ``blind33``), short passages on new topics, by a helper that never saw the tables,
those of blind34.src (split ``blind34``), short passages on new topics, by a helper that never saw the tables,
those of blind35.src (split ``blind35``), short passages on new topics, by a helper that never saw the tables,
those of blind36.src (split ``blind36``), short passages on new topics, by a helper that never saw the tables,
those of blind37.src (split ``blind37``), short passages on new topics, by a helper that never saw the tables,
those of blind38.src (split ``blind38``), short passages on new topics, by a helper that never saw the tables,
those of blind39.src (split ``blind39``), short passages on new topics, by a helper that never saw the tables,
those of blind40.src (split ``blind40``), short passages on new topics, by a helper that never saw the tables,
those of blind41.src (split ``blind41``), short passages on new topics, by a helper that never saw the tables,
those of blind42.src (split ``blind42``), short passages on new topics, by a helper that never saw the tables,
those of blind43.src (split ``blind43``), short passages on new topics, by a helper that never saw the tables,
those of blind45.src (split ``blind45``), short passages on new topics, by a helper that never saw the tables,
and those of blind44.src (split ``blind44``), short passages on new topics, by a helper that never saw the tables.
The sentences after news.src's ``#@ dev`` line were added later as tuning sentences: all of
split ``dev``, numbered after every other file's, so that no held-out sentence's id or split moves.
Run: ``.venv/bin/python benchmarks/variants_testset.py``.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import opencc

from digestconv.transforms.variants import convert_quotes

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "variants"
_MARK = re.compile(r"\[([^\[\]|]+)\|([^\[\]|]+)(?:\|([^\[\]|]+))?\]")
_HK_FORMS = str.maketrans({"峯": "峰", "啓": "啟"})
# Each source file and the split of all its sentences (None: every third held out, the rest dev).
SOURCES = (("news.src", None), ("fresh.src", "fresh"), ("blind.src", "blind"), ("blind2.src", "blind2"),
           ("blind3.src", "blind3"), ("blind4.src", "blind4"), ("blind5.src", "blind5"),
           ("blind6.src", "blind6"), ("blind7.src", "blind7"), ("blind8.src", "blind8"),
           ("blind9.src", "blind9"), ("blind10.src", "blind10"),
           ("blind11.src", "blind11"), ("blind12.src", "blind12"), ("blind13.src", "blind13"),
           ("blind14.src", "blind14"), ("blind15.src", "blind15"), ("blind16.src", "blind16"),
           ("blind17.src", "blind17"), ("blind18.src", "blind18"), ("blind19.src", "blind19"),
           ("blind20.src", "blind20"), ("blind21.src", "blind21"), ("blind22.src", "blind22"), ("blind23.src", "blind23"),
           ("blind24.src", "blind24"), ("blind25.src", "blind25"),
           ("blind26.src", "blind26"), ("blind27.src", "blind27"),
           ("blind28.src", "blind28"), ("blind29.src", "blind29"),
           ("blind30.src", "blind30"), ("blind31.src", "blind31"),
           ("blind32.src", "blind32"), ("blind33.src", "blind33"),
           ("blind34.src", "blind34"), ("blind35.src", "blind35"),
           ("blind36.src", "blind36"), ("blind37.src", "blind37"),
           ("blind38.src", "blind38"), ("blind39.src", "blind39"),
           ("blind40.src", "blind40"), ("blind41.src", "blind41"),
           ("blind42.src", "blind42"), ("blind43.src", "blind43"),
           ("blind45.src", "blind45"), ("blind44.src", "blind44"))
COLUMNS = ("id", "split", "category", "tests", "zh-Hans", "zh-TW", "zh-HK")


def build_line(sentence: str, taiwan: opencc.OpenCC, hongkong: opencc.OpenCC) -> tuple[str, str, str]:
    """The simplified sentence and its zh-TW and zh-HK references."""
    simplified, tw, hk = [], [], []
    last = 0
    for match in _MARK.finditer(sentence):
        plain = sentence[last : match.start()]
        simplified.append(plain + match.group(1))
        tw.append(taiwan.convert(plain) + match.group(2))
        hk.append(hongkong.convert(plain).translate(_HK_FORMS) + (match.group(3) or match.group(2)))
        last = match.end()
    plain = sentence[last:]
    simplified.append(plain)
    tw.append(taiwan.convert(plain))
    hk.append(hongkong.convert(plain).translate(_HK_FORMS))
    return "".join(simplified), convert_quotes("".join(tw)), convert_quotes("".join(hk))


DEV_ONLY = "#@ dev"  # in news.src: the sentences after this line are all dev, numbered last


def source_lines(path: Path) -> list[str]:
    """The sentence lines of a source file (blank lines and ``#`` comments dropped)."""
    return _sentences(path.read_text(encoding="utf-8"))


def split_dev_only(path: Path) -> tuple[list[str], list[str]]:
    """The sentence lines of a source file before its ``#@ dev`` line, and those after it."""
    before, _, after = path.read_text(encoding="utf-8").partition("\n" + DEV_ONLY + "\n")
    return _sentences(before), _sentences(after)


def _sentences(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _row(number: int, split: str, line: str, taiwan: opencc.OpenCC, hongkong: opencc.OpenCC) -> str:
    """One line of news.tsv from one source line."""
    category, tests, sentence = line.split("\t")
    simplified, tw, hk = build_line(sentence, taiwan, hongkong)
    return "\t".join((str(number), split, category, tests, simplified, tw, hk))


def main() -> int:
    """Write news.tsv next to news.src."""
    taiwan, hongkong = opencc.OpenCC("s2tw"), opencc.OpenCC("s2hk")
    rows = ["\t".join(COLUMNS)]
    number = 0
    dev_only: list[str] = []
    for source, later_split in SOURCES:
        lines = source_lines(DATA / source)
        if later_split is None:
            lines, dev_only = split_dev_only(DATA / source)
        for line in lines:
            number += 1
            split = later_split or ("held" if number % 3 == 0 else "dev")
            rows.append(_row(number, split, line, taiwan, hongkong))
    for line in dev_only:
        number += 1
        rows.append(_row(number, "dev", line, taiwan, hongkong))
    (DATA / "news.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    print(f"{number} sentences written to {DATA / 'news.tsv'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
