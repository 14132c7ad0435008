"""Named normalization rules, in the spirit of markdown-it-py's rule chains.

Every rule is a small function registered under a name in one of the chains
(``text``, ``pages``, ``lines``, ``boundary``, ``classify``, ``inline``, ``structure``).
The pipeline runs each chain in order; a rule named in ``disable`` is skipped.
``digestconv rules`` and ``rule_names()`` list them with their spec sections.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

CHAINS = ("text", "pages", "lines", "boundary", "classify", "structure", "join", "markup", "inline")


@dataclass(frozen=True, slots=True)
class Rule:
    """One named rule: its chain, its spec section, and the function doing the work."""

    name: str
    chain: str
    section: str
    fn: Callable[..., Any]

    @property
    def summary(self) -> str:
        """First line of the rule's docstring."""
        return (self.fn.__doc__ or "").strip().splitlines()[0] if self.fn.__doc__ else ""


_RULES: dict[str, Rule] = {}
_ORDER: dict[str, list[str]] = {chain: [] for chain in CHAINS}


def rule(name: str, chain: str, section: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register the decorated function as rule ``name`` at the end of ``chain``."""
    if chain not in CHAINS:
        raise ValueError(f"unknown chain {chain!r}")

    def register(fn: Callable[..., Any]) -> Callable[..., Any]:
        if name in _RULES:
            raise ValueError(f"rule {name!r} registered twice")
        _RULES[name] = Rule(name, chain, section, fn)
        _ORDER[chain].append(name)
        return fn

    return register


def chain(name: str, disable: Iterable[str] = ()) -> list[Rule]:
    """The enabled rules of one chain, in order."""
    off = set(disable)
    return [_RULES[n] for n in _ORDER[name] if n not in off]


def all_rules() -> list[Rule]:
    """Every registered rule, chain by chain."""
    return [_RULES[n] for c in CHAINS for n in _ORDER[c]]


def rule_names() -> list[str]:
    """Names of every registered rule."""
    return [r.name for r in all_rules()]


def check_disable(disable: Iterable[str]) -> frozenset[str]:
    """Validate rule names given to ``disable``; unknown names are an error."""
    from digestconv.errors import DigestconvError

    names = frozenset(disable)
    unknown = sorted(names - set(_RULES))
    if unknown:
        raise DigestconvError(f"unknown rule {unknown[0]!r} (see `digestconv rules`)")
    return names
