"""Benchmark: the normalizer on real extractors' text of typeset pages (``tests/corpus``).

Every case of ``tests/corpus/cases`` holds a typeset ``page.pdf``, the model that was typeset
(``gold.json``) and what each extractor made of the PDF (``<extractor>.txt``).  A *method* turns
a case into a document: one method per extractor normalizes that extractor's text; a reader of
``page.pdf`` plugs in as one more method (see :func:`register` and :func:`pdf_method`).  Each
document is scored against the gold with ``shared/tools/score.py``, and two figures are added:

  furniture_out  share of the gold furniture characters (running heads, folios) that are *not*
                 in the flow: a furniture string counts as in the flow for each occurrence in
                 the output blocks' text beyond its occurrences in the gold blocks' text
                 (whitespace removed, folded as the scorer folds), so a bare folio ``3`` is not
                 "found" just because the text has a ``3`` in it
  contiguous     reading order of the *extracted text itself* (not of the normalizer; for a reader
                 of the PDF, of its output blocks' text): share
                 of gold paragraphs (folded, 20 characters or more) that appear as one
                 contiguous run in the folded extracted text, once lines that are exactly a
                 furniture string are dropped and words hyphenated at line ends are joined.
                 Column interleaving shows as a low figure.

The figures are the shared scorer's own.  ``--lcs`` replaces its alignment by a longest common
subsequence (``benchmarks/alignment.py``: difflib's longest-run-first can pair a caption with the
body text it repeats and leave the text between unmatched), a second view of the same output.

Run:  python benchmarks/extraction.py [--json] [--method NAME] [--case ID] [--show N] [--lcs]
      python benchmarks/extraction.py --method pdf-ocr     (scanned pages, on OCR_SUBSET: slow)
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import re
import statistics
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "tests" / "corpus" / "cases"
SCORE_PY = Path(__file__).resolve().parents[1].parent / "shared/tools/score.py"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # this checkout's digestconv when run as a script
EXTRACTORS = ("pdftotext-raw", "pdftotext", "pdfminer", "pypdfium2", "pymupdf", "tesseract")
FIGURES = ("boundary_f1", "heading_f1", "exact_blocks", "text_fidelity")


def load_scorer(aligned: bool = False):
    """``shared/tools/score.py`` as a module; ``aligned`` swaps its alignment for ``benchmarks/alignment.py``'s (``--lcs``)."""
    from benchmarks.alignment import use_on

    spec = importlib.util.spec_from_file_location("digestconv_shared_score", SCORE_PY)
    if spec is None or spec.loader is None:
        raise FileNotFoundError(SCORE_PY)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return use_on(module) if aligned else module


def normalize_bytes(data: bytes, source: str) -> dict:
    """The one place the normalizer is called: raw bytes in, model JSON out (as the CLI does)."""
    import digestconv

    return digestconv.normalize(data, source=source).to_dict()


# --------------------------------------------------------------------------- methods

@dataclass(frozen=True)
class Method:
    """A way to turn a case into a document.

    ``run(case_dir)`` returns the document in model JSON form; ``text(case_dir)`` returns the
    text the method starts from, when it starts from text (for the reading-order figure).
    """

    name: str
    run: Callable[[Path], dict]
    available: Callable[[Path], bool]
    text: Callable[[Path], str | None] = lambda case: None


METHODS: dict[str, Method] = {}


def register(method: Method) -> Method:
    METHODS[method.name] = method
    return method


def text_method(extractor: str) -> Method:
    """Normalize the text ``extractor`` made of the case's PDF."""
    def path(case: Path) -> Path:
        return case / f"{extractor}.txt"

    def run(case: Path) -> dict:
        return normalize_bytes(path(case).read_bytes(), f"{case.name}/{extractor}.txt")

    def text(case: Path) -> str:
        return path(case).read_bytes().decode("utf-8")

    return Method(extractor, run, lambda case: path(case).is_file(), text)


def _pdf_reader():
    """The ``pdf`` reader: the registered plug-in, else this checkout's own class (before a reinstall)."""
    try:
        from digestconv.plugins import get_reader

        return get_reader("pdf")
    except Exception:
        pass
    try:
        from digestconv.readers.pdf import PdfReader
    except ImportError:
        return None
    return PdfReader()


def pdf_method() -> Method | None:
    """A reader of ``page.pdf``, where digestconv has one (registered as ``pdf``, or in this checkout); else ``None``."""
    reader = _pdf_reader()
    if reader is None:
        return None

    def run(case: Path) -> dict:
        path = case / "page.pdf"
        return reader.read(path.read_bytes(), source=path.name).to_dict()

    return Method("pdf", run, lambda case: (case / "page.pdf").is_file())


# Scanned pages: the corpus rendered to page images, read through tesseract.  OCR costs tens of seconds a
# page on this machine, so the method runs only when asked for, on this subset of two-page cases unless
# --case names others; tesseract's answers are kept in OCR_CACHE (keyed by the image) so a rerun is quick.
OCR_SUBSET = ("digest-zh-02", "lo-zh-02", "wp-en-03", "wp-zh-04", "wp-zh-05", "wp-zh-07")
OCR_DPI = 300  # a scanner's usual resolution
OCR_CACHE = Path(tempfile.gettempdir()) / "digestconv-ocr-cache"
ON_REQUEST = {"pdf-ocr"}  # methods left out unless --method names them


def scanned_pdf(pdf: bytes, dpi: int = OCR_DPI) -> bytes:
    """The same pages as grey page images only: a scan with no text layer."""
    import io

    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    try:
        images = [doc[i].render(scale=dpi / 72, grayscale=True).to_pil() for i in range(len(doc))]
    finally:
        doc.close()
    out = io.BytesIO()
    images[0].save(out, "PDF", resolution=dpi, save_all=True, append_images=images[1:])
    return out.getvalue()


def _cached(function, name: str):
    """``function`` (a pytesseract call on an image), answered from OCR_CACHE when the same image was read before."""
    import pickle

    def cached(image, *args, **kwargs):
        prefix = b"" if name == "image_to_data" else name.encode() + repr(image.size).encode()
        key = hashlib.sha256(prefix + image.tobytes() + repr((args, sorted(kwargs.items(), key=str))).encode()).hexdigest()
        path = OCR_CACHE / f"{key}.pickle"
        if path.is_file():
            return pickle.loads(path.read_bytes())
        data = function(image, *args, **kwargs)
        OCR_CACHE.mkdir(parents=True, exist_ok=True)
        path.write_bytes(pickle.dumps(data))
        return data

    return cached


OCR_CALLS = ("image_to_data", "image_to_string")


def pdf_ocr_method() -> Method | None:
    """The ``pdf`` reader on the case's pages rendered to images: the scanned path (tesseract's layout)."""
    reader = _pdf_reader()
    if reader is None:
        return None
    try:
        from digestconv.readers.pdf.scanned import ocr_available
    except ImportError:
        return None

    def run(case: Path) -> dict:
        import pytesseract

        scan = scanned_pdf((case / "page.pdf").read_bytes())
        real = {name: getattr(pytesseract, name) for name in OCR_CALLS}
        for name, function in real.items():
            setattr(pytesseract, name, _cached(function, name))
        try:
            return reader.read(scan, source="scan.pdf", options={"ocr": True}).to_dict()
        finally:
            for name, function in real.items():
                setattr(pytesseract, name, function)

    return Method("pdf-ocr", run, lambda case: (case / "page.pdf").is_file() and ocr_available())


for _name in EXTRACTORS:
    register(text_method(_name))
for _method in (pdf_method(), pdf_ocr_method()):
    if _method is not None:
        register(_method)


# --------------------------------------------------------------------------- figures

def _flat_texts(node) -> list[str]:
    out: list[str] = []
    if isinstance(node, list):
        for item in node:
            out.extend(_flat_texts(item))
    elif isinstance(node, dict):
        if isinstance(node.get("text"), str):
            out.append(node["text"])
        for key in ("blocks", "children", "items"):
            if key in node:
                out.extend(_flat_texts(node[key]))
    return out


def furniture_out(gold: dict, cand: dict, fold: Callable[[str], str]) -> tuple[int, int]:
    """(furniture characters kept out of the flow, furniture characters in the gold)."""
    furniture = [fold(f["text"]) for f in gold.get("meta", {}).get("furniture", []) if f.get("text")]
    if not furniture:
        return 0, 0
    gold_flow = "".join(fold(t) for t in _flat_texts(gold.get("blocks", [])))
    cand_flow = "".join(fold(t) for t in _flat_texts(cand.get("blocks", [])))
    total = sum(len(f) for f in furniture)
    in_flow = 0
    for s in set(furniture):
        copies = furniture.count(s)
        extra = max(0, cand_flow.count(s) - gold_flow.count(s))
        in_flow += min(copies, extra) * len(s)
    return total - in_flow, total


def contiguous(gold: dict, text: str, fold: Callable[[str], str]) -> float | None:
    """Share of gold paragraphs that the extracted text holds as one contiguous run."""
    furniture = {fold(f["text"]) for f in gold.get("meta", {}).get("furniture", []) if f.get("text")}
    lines = [ln for ln in re.split(r"[\r\n\f]+", re.sub(r"[-\u2010\u00ad]\r?\n", "", text))
             if fold(ln) not in furniture]
    flat = fold("".join(lines))
    paras = [fold(t) for t, kind in _typed(gold.get("blocks", [])) if kind == "paragraph"]
    paras = [p for p in paras if len(p) >= 20]
    if not paras:
        return None
    return sum(p in flat for p in paras) / len(paras)


def _typed(node) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    if isinstance(node, list):
        for item in node:
            out.extend(_typed(item))
    elif isinstance(node, dict):
        if isinstance(node.get("text"), str):
            out.append((node["text"], node.get("type", "paragraph")))
        for key in ("blocks", "children", "items"):
            if key in node:
                out.extend(_typed(node[key]))
    return out


def measure_case(case: Path, method: Method, scorer) -> dict:
    """Every figure of one method on one case."""
    gold = json.loads((case / "gold.json").read_text(encoding="utf-8"))
    try:
        cand = method.run(case)
        error = None
    except Exception as exc:  # a crash is a result too: report it, score an empty document
        cand, error = {"blocks": []}, f"{type(exc).__name__}: {exc}"
    result = scorer.score(gold, cand)
    out_chars, total = furniture_out(gold, cand, scorer.fold)
    result["furniture_chars"] = total
    result["furniture_out_chars"] = out_chars
    result["furniture_out"] = round(out_chars / total, 4) if total else None
    text = method.text(case)
    if text is None:  # a reader of the page itself: its reading order is that of its own blocks
        text = "\n".join(_flat_texts(cand.get("blocks", [])))
    result["contiguous"] = contiguous(gold, text, scorer.fold)
    result["case"], result["method"] = case.name, method.name
    if error:
        result["error"] = error
    return result


def summarize(rows: list[dict]) -> dict:
    """Per-method means (sums for lost/added; furniture_out weighted by characters)."""
    out: dict[str, dict] = {}
    for name in dict.fromkeys(r["method"] for r in rows):
        mine = [r for r in rows if r["method"] == name]
        s: dict = {"cases": len(mine)}
        for k in FIGURES:
            s[k] = round(statistics.fmean(r[k] for r in mine), 4)
        s["lost"] = sum(r["lost"] for r in mine)
        s["added"] = sum(r["added"] for r in mine)
        total = sum(r["furniture_chars"] for r in mine)
        s["furniture_out"] = round(sum(r["furniture_out_chars"] for r in mine) / total, 4) if total else None
        cont = [r["contiguous"] for r in mine if r["contiguous"] is not None]
        s["contiguous"] = round(statistics.fmean(cont), 4) if cont else None
        s["errors"] = sum(1 for r in mine if "error" in r)
        out[name] = s
    return out


def case_dirs(only: list[str] | None = None) -> list[Path]:
    dirs = sorted(p for p in CASES.iterdir() if (p / "gold.json").is_file()) if CASES.is_dir() else []
    if only:
        dirs = [p for p in dirs if p.name in set(only)]
    return dirs


def run(cases: list[Path], methods: list[Method], aligned: bool = False) -> list[dict]:
    scorer = load_scorer(aligned)
    return [measure_case(c, m, scorer) for c in cases for m in methods if m.available(c)]


def _fmt(v) -> str:
    return "   —  " if v is None else f"{v:6.3f}" if isinstance(v, float) else f"{v:6d}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--json", action="store_true", help="print per-case rows and the summary as JSON")
    ap.add_argument("--method", action="append", metavar="NAME", help=f"only this method ({', '.join(METHODS)})")
    ap.add_argument("--case", action="append", metavar="ID", help="only this case")
    ap.add_argument("--show", type=int, default=0, metavar="N", help="list the N worst cases of each method")
    ap.add_argument("--lcs", action="store_true", help="align by a longest common subsequence (benchmarks/alignment.py) instead of the shared scorer's difflib")
    args = ap.parse_args(argv)
    unknown = [m for m in args.method or [] if m not in METHODS]
    if unknown:
        print(f"unknown method {unknown[0]!r}; known: {', '.join(METHODS)}", file=sys.stderr)
        return 2
    methods = [METHODS[m] for m in args.method] if args.method else \
        [m for name, m in METHODS.items() if name not in ON_REQUEST]
    cases = case_dirs(args.case or (list(OCR_SUBSET) if any(m.name in ON_REQUEST for m in methods) else None))
    if not cases:
        print(f"no cases under {CASES}", file=sys.stderr)
        return 2
    rows = run(cases, methods, aligned=args.lcs)
    summary = summarize(rows)
    if args.json:
        print(json.dumps({"summary": summary, "cases": rows}, ensure_ascii=False, indent=1))
        return 0
    cols = ("boundary_f1", "heading_f1", "exact_blocks", "text_fidelity", "lost", "added", "furniture_out",
            "contiguous")
    heads = ("bound", "head", "exact", "fidel", "lost", "added", "furn-out", "contig")
    print(f"{len(cases)} cases")
    print(f"{'method':14}" + "".join(f"{h:>9}" for h in heads))
    for name, s in summary.items():
        print(f"{name:14}" + "".join(f"{_fmt(s[c]):>9}" for c in cols)
              + (f"   ({s['errors']} errors)" if s["errors"] else ""))
    if args.show:
        for name in summary:
            worst = sorted((r for r in rows if r["method"] == name), key=lambda r: (r["boundary_f1"], r["case"]))
            print(f"\nworst {name}:")
            for r in worst[: args.show]:
                print(f"  {r['case']:14} bound {r['boundary_f1']:.3f} head {r['heading_f1']:.3f} "
                      f"exact {r['exact_blocks']:.3f} fidel {r['text_fidelity']:.3f} lost {r['lost']} "
                      f"added {r['added']} furn-out {_fmt(r['furniture_out']).strip()}"
                      + (f"  {r['error']}" if "error" in r else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
