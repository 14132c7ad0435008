"""Dump the normalizer's output on a wide set of inputs, one file each, to compare two versions.

A change meant to keep the output (a speed-up, a refactor) is checked by dumping before and
after and comparing the folders: ``python tools/normalize_dump.py /tmp/a`` on the old tree,
the same into ``/tmp/b`` on the new one, then ``diff -rq /tmp/a /tmp/b``.

The inputs: the seeds, every committed corpus and held-out case's extracted text, every rule
fixture once as written and once with each rule switched off in turn, generated damaged pages
(``tests/pagegen.py``) and random texts built from the seeds' lines.  Each output holds the
document's JSON, the trace and the furniture, so a changed decision shows even where the
blocks come out the same.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def inputs(random_texts: int, pages: int) -> Iterator[tuple[str, str, frozenset[str]]]:
    """(name, text, rules switched off) for every input the dump covers."""
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        yield f"seed-{path.stem}", path.read_text(encoding="utf-8"), frozenset()
    for folder in ("tests/corpus/cases", "tests/heldout/cases"):
        for path in sorted((ROOT / folder).glob("*/*.txt")):
            yield f"{folder.split('/')[1]}-{path.parent.name}-{path.stem}", path.read_text(encoding="utf-8"), frozenset()
    yield from _fixture_inputs()
    yield from _generated_pages(pages)
    yield from _random_texts(random_texts)


def _fixture_inputs() -> Iterator[tuple[str, str, frozenset[str]]]:
    sys.path.insert(0, str(ROOT))
    from tests.normalize_fixtures import load_cases

    for n, case in enumerate(load_cases()):
        yield f"fixture-{n:04d}", case.text, case.disable
        for rule in sorted(case.named - case.disable):
            yield f"fixture-{n:04d}-no-{rule}", case.text, case.disable | {rule}


def _generated_pages(count: int) -> Iterator[tuple[str, str, frozenset[str]]]:
    from tests.pagegen import corpus, make_page

    gold = SHARED / "gold"
    if not gold.is_dir():
        return
    paragraphs, headings = corpus(gold)
    for n in range(count):
        yield f"page-{n:04d}", make_page(paragraphs, headings, random.Random(n)).text, frozenset()


def _random_texts(count: int) -> Iterator[tuple[str, str, frozenset[str]]]:
    lines = [line for p in sorted((ROOT / "seeds").glob("*.txt"))
             for line in p.read_text(encoding="utf-8").splitlines()]
    for n in range(count):
        rng = random.Random(1000 + n)
        start = rng.randrange(len(lines))
        picked = lines[start:start + rng.randint(5, 80)]
        picked += rng.sample(lines, rng.randint(0, 10))
        if rng.random() < 0.3:
            rng.shuffle(picked)
        yield f"random-{n:04d}", "\n".join(picked), frozenset()


def dump(name: str, text: str, off: frozenset[str]) -> str:
    """The document, trace and furniture of one input, as stable text."""
    from digestconv.readers.ocr.pipeline import normalize_text
    from digestconv.writers.json import dumps

    result = normalize_text(text, disable=sorted(off))
    trace = [repr(entry) for entry in result.trace]
    furniture = [repr(item) for item in result.furniture]
    return "\n".join([dumps(result.document), json.dumps(trace, ensure_ascii=False, indent=0),
                      json.dumps(furniture, ensure_ascii=False, indent=0), repr(result.page_turns)])


def main() -> None:
    """Write one dump file per input into the folder given."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--random", type=int, default=2000, help="random texts (default 2000)")
    parser.add_argument("--pages", type=int, default=2000, help="generated pages (default 2000)")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    count = 0
    for name, text, off in inputs(args.random, args.pages):
        out = dump(name, text, off)
        (args.out / f"{name}.txt").write_text(out, encoding="utf-8")
        digest.update(out.encode("utf-8"))
        count += 1
    print(f"{count} inputs dumped into {args.out}; digest {digest.hexdigest()[:16]}")


if __name__ == "__main__":
    main()
