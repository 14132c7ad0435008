"""The normalizer's options: rules switched off by name or by a house-style switch."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from digestconv.errors import DigestconvError
from digestconv.readers.ocr.registry import check_disable

# House-style switches (spec defaults on) and the rules each one stands for.
STYLE_RULES = {
    "fullwidth_punctuation": ("halfwidth-punctuation", "ellipsis"),
    "unify_dashes": ("fullwidth-dash",),
    "tidy_spaces": ("cjk-latin-spaces", "cjk-punctuation-spaces", "letter-spacing"),
}


def disabled_rules(disable: Iterable[str], style: Mapping[str, bool]) -> frozenset[str]:
    """The names of the rules to skip; an unknown rule or switch is an error."""
    off = set(check_disable(disable))
    for option, on in style.items():
        if option not in STYLE_RULES:
            raise DigestconvError(f"unknown normalizer option {option!r} (known: {', '.join(STYLE_RULES)})")
        if not on:
            off.update(STYLE_RULES[option])
    return frozenset(off)
