"""What a normalization rule is: a named, documented function of one chain.

A rule module marks its functions with :func:`rule` (or a chain's own typed
decorator built on it); :mod:`digestconv.readers.ocr.registry` puts them in
their chains' ordered tables.  A rule says which evidence it weighs: a rule that
weighs nothing decides for sure, one that weighs evidence against other evidence
leaves a decision that ``digestconv inspect --uncertain`` lists.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

CHAINS = ("text", "pages", "lines", "boundary", "classify", "structure", "join", "markup", "inline")

F = TypeVar("F", bound=Callable[..., Any])


@dataclass(frozen=True, slots=True)
class Rule:
    """One named rule: its chain, its spec section, the evidence it weighs, and the function doing the work."""

    name: str
    chain: str
    section: str
    fn: Callable[..., Any]
    weighs: tuple[str, ...] = ()  # evidence weighed against other evidence; empty: a sure rule
    when: Any = None  # the chain's preconditions for asking the rule (a boundary rule's ``facts.When``); None: always asked

    @property
    def summary(self) -> str:
        """First line of the rule's docstring."""
        return (self.fn.__doc__ or "").strip().splitlines()[0] if self.fn.__doc__ else ""

    @property
    def sure(self) -> bool:
        """The rule decides on evidence that nothing else outweighs."""
        return not self.weighs


DEFINED: dict[str, Rule] = {}
"""Every rule defined so far, by name (the registry orders them into chains)."""


def rule(name: str, chain: str, section: str, *, weighs: tuple[str, ...] = (), when: Any = None) -> Callable[[F], F]:
    """Define the decorated function as rule ``name`` of ``chain`` (spec ``section``), asked where ``when`` holds."""
    if chain not in CHAINS:
        raise ValueError(f"unknown chain {chain!r}")

    def define(fn: F) -> F:
        if name in DEFINED and DEFINED[name].fn is not fn:
            raise ValueError(f"rule {name!r} defined twice")
        if not fn.__doc__:
            raise ValueError(f"rule {name!r} has no docstring")
        DEFINED[name] = Rule(name, chain, section, fn, weighs, when)
        return fn

    return define
