"""The check before digestconv replaces a WeasyPrint internal at run time.

:mod:`.justify`, :mod:`.compress` and :mod:`.subset` replace functions WeasyPrint does
not offer as an interface (``layout.inline.justify_line``, ``text.line_break.Layout.set_text``,
``pdf.fonts.Font._harfbuzz_subset`` and ``pdf.fonts.get_hb_object_data``).  They were
written against WeasyPrint 68–70, whose functions are the same there (read in the
68.0, 69.0 and 70.0 sources: the subsetting differs only in a warning's formatting,
and 70 adds a COLR branch to ``get_hb_object_data``, which :mod:`.subset` leaves to
WeasyPrint); pyproject.toml bounds the dependency to those releases.  A WeasyPrint outside them, or one whose function takes other parameters,
keeps its own function: the PDF is still written (with WeasyPrint's ragged Chinese
lines, whole-em marks, or its slower font subsetting), and one warning says so.
"""

from __future__ import annotations

import inspect
import logging
from collections.abc import Callable
from typing import Any

# the WeasyPrint major releases whose internals the replacements were read against
SUPPORTED_MAJORS = range(68, 71)
_LOG = logging.getLogger("digestconv")


def _major(version: str) -> int | None:
    head = version.split(".", 1)[0]
    return int(head) if head.isdigit() else None


def _parameters(function: Callable[..., Any]) -> tuple[str, ...] | None:
    try:
        return tuple(inspect.signature(function).parameters)
    except (TypeError, ValueError):
        return None


def replaceable(name: str, function: Callable[..., Any], parameters: tuple[str, ...], effect: str) -> bool:
    """Whether WeasyPrint's ``function`` (called ``name``) is the one digestconv's replacement was written for.

    When it is not (another WeasyPrint release, other ``parameters``), one warning names
    what the PDF goes without (``effect``) and the caller leaves WeasyPrint's function in place.
    """
    import weasyprint  # type: ignore[import-untyped]

    version = str(getattr(weasyprint, "__version__", "unknown"))
    found = _parameters(function)
    if _major(version) in SUPPORTED_MAJORS and found == parameters:
        return True
    expected = f"{SUPPORTED_MAJORS.start}–{SUPPORTED_MAJORS.stop - 1}"
    _LOG.warning(
        "digestconv: warning: WeasyPrint %s (%s%s) is not the %s digestconv supports; %s",
        version, name, "(" + ", ".join(found) + ")" if found is not None else "", expected, effect,
    )
    return False


def replace_once(owner: Any, attribute: str, parameters: tuple[str, ...], effect: str,
                 replacement: Callable[..., Any], installed: list[Callable[..., Any]], checked: list[bool]) -> None:
    """Put ``replacement`` in place of ``owner.attribute`` once per process, where :func:`replaceable` allows.

    ``checked`` remembers that the check ran; ``installed`` receives WeasyPrint's own
    function, which the replacement calls where it has nothing to change.
    """
    if checked:
        return
    checked.append(True)
    original = getattr(owner, attribute)
    name = f"{owner.__qualname__}.{attribute}" if hasattr(owner, "__qualname__") else attribute
    if replaceable(name, original, parameters, effect):
        installed.append(original)
        setattr(owner, attribute, replacement)
