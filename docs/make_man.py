"""Write the man pages of the ``digestconv`` command and its subcommands into ``docs/man/`` (``make man``).

The pages come from the click commands themselves (click-man reads each command's help,
options and subcommands), so they say what ``--help`` says.  A page whose text did not
change keeps its date, so regenerating leaves the repository clean.  ``make_man.py DIR``
writes fresh pages into ``DIR`` instead (the test compares them with the committed ones).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
MAN_DIR = HERE / "man"


def page_body(text: str) -> list[str]:
    """The page without its ``.TH`` title line, which carries the date."""
    return [line for line in text.splitlines() if not line.startswith(".TH ")]


def generate(target: Path) -> list[Path]:
    """Write every page into ``target`` (dated today) and return their paths, sorted."""
    # The pages are in English whatever the maintainer's locale.
    os.environ["LC_ALL"] = os.environ["LANG"] = "C.UTF-8"
    os.environ.pop("LANGUAGE", None)
    from click_man.core import write_man_pages

    import digestconv
    from digestconv.cli import main

    target.mkdir(parents=True, exist_ok=True)
    write_man_pages("digestconv", main, version=digestconv.__version__, target_dir=str(target))
    return sorted(target.glob("*.1"))


def update(man_dir: Path = MAN_DIR) -> list[str]:
    """Regenerate ``man_dir``; the names of the pages that changed, were added or were removed."""
    changed: list[str] = []
    with tempfile.TemporaryDirectory() as scratch:
        fresh = {p.name: p.read_text(encoding="utf-8") for p in generate(Path(scratch))}
    man_dir.mkdir(parents=True, exist_ok=True)
    for old in man_dir.glob("*.1"):
        if old.name not in fresh:
            old.unlink()
            changed.append(old.name)
    for name, text in fresh.items():
        path = man_dir / name
        if path.is_file() and page_body(path.read_text(encoding="utf-8")) == page_body(text):
            continue
        path.write_text(text, encoding="utf-8")
        changed.append(name)
    return sorted(changed)


if __name__ == "__main__":
    sys.path.insert(0, str(HERE.parent))
    if len(sys.argv) > 1:
        generate(Path(sys.argv[1]))
    else:
        for name in update():
            print(f"wrote docs/man/{name}")
