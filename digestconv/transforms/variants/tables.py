"""Phrase tables: the built-in TOML data files and the user's own tables.

A table maps a simplified phrase to its form in each variant.  The built-in tables
live in ``digestconv/transforms/phrases/`` (their format is described at the head of
``news.toml``); a user table is TOML of the same shape or OpenCC's text format
(``简体<TAB>繁體`` a line, ``#`` comments).  Loading returns plain dictionaries, one
per variant, so the conversion engine never sees the file formats.
"""

from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from digestconv.errors import VariantError

DOMAINS = ("news", "it")
"""``news``: news and government usage (the default); ``it``: computing usage (OpenCC's Taiwan phrases)."""

HANT_FORMS = ("common", "historical")
"""zh-Hant characters: the forms in common print use, or OpenCC's historical standard forms."""

# The field of a table entry that holds each variant's form.
VARIANT_FIELDS = {"zh-Hant": "hant", "zh-TW": "tw", "zh-HK": "hk"}

# Tables for every domain, and the ones each domain adds.
_COMMON_TABLES = ("characters.toml", "vocabulary.toml", "regional.toml", "everyday.toml", "names.toml",
                  "fixed_points.toml")
_DOMAIN_TABLES = {"news": ("news.toml",), "it": ("it.toml",)}


@dataclass(frozen=True, slots=True)
class Entry:
    """One phrase of a table: its simplified form and what each variant writes."""

    zh: str
    forms: dict[str, str]  # field (t, tw, hk, hant) -> traditional phrase
    usage: bool  # a ``t`` form that is a usage preference, not a correction of OpenCC

    def target(self, variant: str, hant_forms: str) -> str | None:
        """The phrase ``variant`` writes, or None when the entry says nothing for it."""
        field = VARIANT_FIELDS[variant]
        if field in self.forms:
            return self.forms[field]
        if "t" not in self.forms:
            return None
        if variant == "zh-Hant" and hant_forms == "historical" and self.usage:
            return None
        return self.forms["t"]


def builtin_entries(domain: str) -> tuple[Entry, ...]:
    """Every entry of the built-in tables that apply in ``domain``, later files overriding earlier ones."""
    if domain not in DOMAINS:
        raise VariantError(f"unknown domain {domain!r} (known: {', '.join(DOMAINS)})")
    names = _COMMON_TABLES + _DOMAIN_TABLES[domain]
    entries: list[Entry] = []
    for name in names:
        entries.extend(_builtin_table(name))
    return tuple(entries)


@cache
def builtin_digest(domain: str) -> str:
    """A digest of what ``builtin_entries(domain)`` is read from (its tables and this module), without parsing it.

    A merged engine cached under it is loaded without the tables being parsed
    (0.05-0.07 s, in every process that converts).
    """
    if domain not in DOMAINS:
        raise VariantError(f"unknown domain {domain!r} (known: {', '.join(DOMAINS)})")
    digest = hashlib.sha256(Path(__file__).read_bytes())
    folder = resources.files("digestconv.transforms").joinpath("phrases")
    for name in _COMMON_TABLES + _DOMAIN_TABLES[domain]:
        digest.update(name.encode("utf-8") + b"\0" + folder.joinpath(name).read_bytes())
    return digest.hexdigest()[:24]


@cache
def _builtin_table(name: str) -> tuple[Entry, ...]:
    text = resources.files("digestconv.transforms").joinpath("phrases", name).read_text(encoding="utf-8")
    return _parse_toml(text, f"built-in table {name}")


@cache
def character_map(section: str) -> dict[str, str]:
    """A character-for-character map of ``hant_forms.toml`` (``common`` for zh-Hant, ``hk`` for zh-HK)."""
    text = resources.files("digestconv.transforms").joinpath("phrases", "hant_forms.toml").read_text(encoding="utf-8")
    data = tomllib.loads(text)
    mapping = data.get(section, {}).get("map", {})
    return {str(key): str(value) for key, value in mapping.items()}


def load_user_table(path: str | Path) -> dict[str, dict[str, str]]:
    """The user's table at ``path``: variant code -> {simplified: traditional}.

    A ``.toml`` file holds ``[[entry]]`` tables like the built-in ones; any other
    file is OpenCC's text format, whose pairs apply to every variant.  A missing
    or malformed file raises :class:`VariantError` naming it.
    """
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise VariantError(f"{file}: cannot read the phrase table ({exc})") from None
    parse = _parse_toml if file.suffix.lower() == ".toml" else _parse_opencc_text
    entries = parse(text, str(file))
    table: dict[str, dict[str, str]] = {code: {} for code in VARIANT_FIELDS}
    for entry in entries:
        for code in VARIANT_FIELDS:
            target = entry.target(code, "common")
            if target is not None:
                table[code][entry.zh] = target
    return table


def _parse_toml(text: str, origin: str) -> tuple[Entry, ...]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise VariantError(f"{origin}: not valid TOML ({exc})") from None
    raw = data.get("entry", [])
    if not isinstance(raw, list):
        raise VariantError(f"{origin}: 'entry' must be an array of tables ([[entry]])")
    return tuple(_entry_from_toml(item, origin, number) for number, item in enumerate(raw, 1))


def _entry_from_toml(item: Any, origin: str, number: int) -> Entry:
    if not isinstance(item, dict) or not isinstance(item.get("zh"), str):
        raise VariantError(f"{origin}: entry {number} has no simplified phrase 'zh'")
    forms = {key: value for key, value in item.items() if key in ("t", "tw", "hk", "hant")}
    if not forms or not all(isinstance(value, str) and value for value in forms.values()):
        raise VariantError(f"{origin}: entry {number} ({item['zh']}) gives no traditional form (t, tw, hk or hant)")
    _check_phrase(item["zh"], origin, number)
    for value in forms.values():
        _check_phrase(value, origin, number)
    return Entry(zh=item["zh"], forms=forms, usage=item.get("kind") == "usage")


def _parse_opencc_text(text: str, origin: str) -> tuple[Entry, ...]:
    entries: list[Entry] = []
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        parts = stripped.split("\t")
        if len(parts) < 2 or not parts[0].strip() or not parts[1].strip():
            raise VariantError(f"{origin}: line {number} is not 'simplified<TAB>traditional'")
        # OpenCC's format may list alternatives after the first; the first is the one it uses.
        simplified, traditional = parts[0].strip(), parts[1].split()[0]
        _check_phrase(simplified, origin, number)
        entries.append(Entry(zh=simplified, forms={"t": traditional}, usage=False))
    return tuple(entries)


def _check_phrase(phrase: str, origin: str, number: int) -> None:
    if not phrase or any(char.isspace() for char in phrase):
        raise VariantError(f"{origin}: entry {number}: a phrase must be non-empty and hold no spaces ({phrase!r})")
