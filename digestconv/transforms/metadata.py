"""Metadata given by the user (pandoc's ``-M KEY=VALUE``), laid over what the reader found."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import replace

from digestconv.errors import DigestconvError
from digestconv.model import Document

METADATA_KEYS = ("title", "publication", "date", "author", "source")
"""The keys ``-M`` sets: the model's own fields, and ``author`` (kept in ``meta.extra``)."""


def check_metadata(values: Mapping[str, str]) -> dict[str, str]:
    """The values with their keys checked (and ``date`` an ISO date); :class:`DigestconvError` otherwise."""
    checked: dict[str, str] = {}
    for key, value in values.items():
        name = key.strip().lower()
        if name not in METADATA_KEYS:
            raise DigestconvError(f"-M {key}=…: unknown metadata key (keys: {', '.join(METADATA_KEYS)})")
        if name == "date":
            try:
                datetime.date.fromisoformat(value.strip())
            except ValueError:
                raise DigestconvError(f"-M date={value}: not a date in the form YYYY-MM-DD") from None
        checked[name] = value.strip()
    return checked


def with_metadata(document: Document, values: Mapping[str, str]) -> Document:
    """``document`` with ``values`` replacing its metadata; ``author`` goes into ``meta.extra``."""
    values = check_metadata(values)
    if not values:
        return document
    meta = document.meta
    extra = dict(meta.extra)
    if "author" in values:
        extra["author"] = values["author"]
    meta = replace(
        meta, extra=extra, title=values.get("title", meta.title), date=values.get("date", meta.date),
        publication=values.get("publication", meta.publication), source=values.get("source", meta.source),
    )
    return replace(document, meta=meta)
