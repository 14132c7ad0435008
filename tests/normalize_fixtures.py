"""Reading the normalizer's fixture files (``tests/fixtures/normalize/*.txt``), markdown-it-py style.

A case opens with ``=== title``; header lines ``decided: RULE``, ``also: RULE, RULE`` (other rules
whose decisions the case depends on) and ``disable: RULE, RULE`` follow; then the input text, a
``---`` line, and the expected blocks as ``type: text`` lines.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures" / "normalize"
HEADERS = ("decided", "also", "disable")


@dataclass(frozen=True)
class Case:
    """One fixture: input, expected blocks, the deciding rule and the options."""

    where: str
    title: str
    text: str
    expected: tuple[tuple[str, str], ...]
    decided: str
    also: frozenset[str] = frozenset()
    disable: frozenset[str] = frozenset()

    @property
    def named(self) -> frozenset[str]:
        """Every rule the case says its outcome depends on."""
        return self.also | {self.decided}


def _names(value: str) -> frozenset[str]:
    return frozenset(n.strip() for n in value.split(",") if n.strip())


def _case(where: str, title: str, body: list[str]) -> Case:
    headers: dict[str, str] = {}
    while body and body[0].split(":", 1)[0] in HEADERS:
        key, value = body.pop(0).split(":", 1)
        headers[key] = value.strip()
    cut = body.index("---")
    expected = tuple((t.strip(), x.strip()) for t, x in (line.split(":", 1) for line in body[cut + 1:] if line.strip()))
    return Case(where, title, "\n".join(body[:cut]), expected, headers["decided"],
                _names(headers.get("also", "")), _names(headers.get("disable", "")))


def load_cases() -> list[Case]:
    """Every case of every fixture file, in file order."""
    cases: list[Case] = []
    for path in sorted(FIXTURES.glob("*.txt")):
        title, body, start = "", [], 0
        for no, line in enumerate([*path.read_text(encoding="utf-8").splitlines(), "=== end"], 1):
            if line.startswith("==="):
                if title:
                    cases.append(_case(f"{path.name}:{start}", title, body))
                title, body, start = line[3:].strip(), [], no
            elif title:
                body.append(line)
    return cases
