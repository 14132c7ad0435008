"""Accuracy of the zh-TW and zh-HK variants on the hand-checked news sentences, ours against OpenCC.

Reads tests/data/variants/news.tsv (built by variants_testset.py).  An error is
one run of differing characters between a conversion and the reference (a word
converted wrongly counts once); figures are errors per 1,000 reference
characters, for digestconv and for OpenCC's ``s2twp`` / ``s2hk`` alone (with the
same corner-bracket quotes), by category and for the dev sentences, the held-out
third of news.src (``held``) and the later held-out sentences of fresh.src
(``fresh``), of blind.src (``blind``), blind2.src (``blind2``), blind3.src (``blind3``), blind4.src (``blind4``), blind5.src (``blind5``),
blind6.src (``blind6``), blind7.src (``blind7``), blind8.src (``blind8``), blind9.src (``blind9``),
blind10.src (``blind10``), blind11.src (``blind11``), blind12.src (``blind12``), blind13.src (``blind13``), blind14.src (``blind14``), blind15.src (``blind15``),
blind16.src (``blind16``), blind17.src (``blind17``), blind18.src (``blind18``), blind19.src (``blind19``), blind20.src (``blind20``), blind21.src (``blind21``),
blind22.src (``blind22``), blind23.src (``blind23``), blind24.src (``blind24``),
blind25.src (``blind25``), blind26.src (``blind26``), blind27.src (``blind27``),
blind28.src (``blind28``), blind29.src (``blind29``),
blind30.src (``blind30``), blind31.src (``blind31``),
blind32.src (``blind32``), blind33.src (``blind33``),
blind34.src (``blind34``), blind35.src (``blind35``),
blind36.src (``blind36``), blind37.src (``blind37``),
blind38.src (``blind38``), blind39.src (``blind39``),
blind40.src (``blind40``), blind41.src (``blind41``),
blind42.src (``blind42``), blind43.src (``blind43``),
blind45.src (``blind45``) and blind44.src (``blind44``, written last),
each measured before the tables were ever changed for its errors (its header gives that figure).
Also checks that converting a conversion again changes nothing, on the sentences,
the seeds' gold documents and the raw seed lines, for every variant, domain and
zh-Hant forms.  ``--show dev`` lists our errors on the dev
sentences (never on the held-out ones).  Exits 1 when a target is missed
(≤ 1 error per 1,000 characters on each held-out split, fewer than OpenCC).
Run: ``.venv/bin/python benchmarks/variants_accuracy.py``.
"""

from __future__ import annotations

import argparse
import csv
import difflib
import json
import sys
from collections import defaultdict
from pathlib import Path

import opencc

from digestconv.model import Document
from digestconv.transforms.variants import convert_quotes, convert_text, convert_texts

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "variants" / "news.tsv"
BASELINES = {"zh-TW": "s2twp", "zh-HK": "s2hk"}
TARGET = 1.0
HELD_OUT = ("held", "fresh", "blind", "blind2", "blind3", "blind4", "blind5", "blind6", "blind7", "blind8", "blind9",
            "blind10", "blind11", "blind12", "blind13", "blind14", "blind15", "blind16",
            "blind17", "blind18", "blind19", "blind20", "blind21", "blind22", "blind23", "blind24", "blind25",
            "blind26", "blind27", "blind28", "blind29", "blind30", "blind31",
            "blind32", "blind33", "blind34", "blind35", "blind36", "blind37", "blind38", "blind39", "blind40", "blind41", "blind42", "blind43", "blind45", "blind44")
SPLITS = ("dev", *HELD_OUT, "unseen", "all")  # unseen: the held-out splits together


def differences(output: str, reference: str) -> list[tuple[str, str]]:
    """Each run of characters where ``output`` and ``reference`` differ: (ours, reference)."""
    matcher = difflib.SequenceMatcher(None, output, reference, autojunk=False)
    return [(output[i1:i2], reference[j1:j2]) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"]


def load_rows(path: Path) -> list[dict[str, str]]:
    """The test sentences."""
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def score(rows: list[dict[str, str]], variant: str, convert: object) -> dict[tuple[str, str], tuple[int, int]]:
    """(split, category) -> (errors, reference characters), with 'all' totals."""
    tally: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for row in rows:
        errors = len(differences(convert(row["zh-Hans"]), row[variant]))  # type: ignore[operator]
        keys = [(row["split"], row["category"]), (row["split"], "all"), ("all", row["category"]), ("all", "all")]
        if row["split"] != "dev":
            keys += [("unseen", row["category"]), ("unseen", "all")]
        for key in keys:
            tally[key][0] += errors
            tally[key][1] += len(row[variant])
    return {key: (value[0], value[1]) for key, value in tally.items()}


def rate(errors: int, chars: int) -> float:
    """Errors per 1,000 characters."""
    return 1000 * errors / chars if chars else 0.0


def idempotence_failures(texts: list[str]) -> dict[str, int]:
    """How many texts a second conversion changes, per variant, domain and zh-Hant forms."""
    failures = {}
    for variant, domain, forms in (("zh-Hant", "news", "common"), ("zh-Hant", "news", "historical"),
                                   ("zh-TW", "news", "common"), ("zh-HK", "news", "common"),
                                   ("zh-Hant", "it", "common"), ("zh-TW", "it", "common"), ("zh-HK", "it", "common")):
        once = convert_texts(texts, variant, domain=domain, hant_forms=forms)
        again = convert_texts(once, variant, domain=domain, hant_forms=forms)
        failures[f"{variant} {domain} {forms}"] = sum(1 for a, b in zip(once, again, strict=True) if a != b)
    return failures


def seed_lines(seeds: Path) -> list[str]:
    """Every non-blank line of the raw seed texts."""
    return [line for path in sorted(seeds.glob("*.txt"))
            for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def gold_texts(gold: Path) -> list[str]:
    """Every text block of the gold documents."""
    texts: list[str] = []
    for path in sorted(gold.glob("*.json")):
        document = Document.from_dict(json.loads(path.read_text(encoding="utf-8")))
        texts.extend(block.text for block in document.text_blocks())
    return texts


def main() -> int:
    """Print the tables; 1 if a target is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--gold", type=Path, default=Path("/work/shared/gold"))
    parser.add_argument("--seeds", type=Path, default=Path("/work/shared/seeds"))
    parser.add_argument("--show", choices=("dev",), help="list our errors on the dev sentences")
    args = parser.parse_args()
    rows = load_rows(args.data)
    failed = False
    categories = [*sorted({row["category"] for row in rows}), "all"]
    for variant, config in BASELINES.items():
        baseline = opencc.OpenCC(config)
        ours = score(rows, variant, lambda text, v=variant: convert_text(text, v))
        theirs = score(rows, variant, lambda text, b=baseline: convert_quotes(b.convert(text)))
        print(f"\n{variant}: errors per 1,000 characters (errors / characters), digestconv vs OpenCC {config}")
        for split in SPLITS:
            for category in categories:
                if (split, category) not in ours:
                    continue
                (e1, n), (e2, _) = ours[(split, category)], theirs[(split, category)]
                print(f"  {split:6} {category:10} ours {rate(e1, n):6.2f} ({e1:3}/{n:5})   "
                      f"OpenCC {rate(e2, n):6.2f} ({e2:3})")
                if category != "all" and e2 and e1 >= e2:
                    failed = True
        for split in HELD_OUT:
            if (split, "all") in ours:
                failed |= rate(*ours[(split, "all")]) > TARGET
        if args.show:
            for row in rows:
                if row["split"] == "dev":
                    for got, want in differences(convert_text(row["zh-Hans"], variant), row[variant]):
                        print(f"    {row['id']:>4} {row['tests']}: {got!r} for {want!r} in {row[variant]}")
    texts = [row["zh-Hans"] for row in rows] + gold_texts(args.gold) + seed_lines(args.seeds)
    failures = idempotence_failures(texts)
    print(f"\nsecond conversion changes (of {len(texts)} texts): {failures}")
    failed |= any(failures.values())
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
