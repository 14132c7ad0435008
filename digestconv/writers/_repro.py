"""Reproducible output: one fixed timestamp per document, and ZIP files without wall-clock dates.

The timestamp is ``SOURCE_DATE_EPOCH`` when set (https://reproducible-builds.org/specs/source-date-epoch/),
else the input file's modification time (``WriteOptions.source_date``, which the batch
sets), else the document's ``meta.date`` at midnight UTC, else a constant.  Two runs over
the same unchanged input therefore give byte-identical DOCX, EPUB and PDF files.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import uuid
import zipfile
from collections.abc import Iterable
from datetime import UTC, date, datetime

from digestconv.errors import InputError
from digestconv.model import Document

DEFAULT_TIMESTAMP = datetime(2000, 1, 1, tzinfo=UTC)
_ZIP_MIN = datetime(1980, 1, 1, tzinfo=UTC)
_ZIP_MAX = datetime(2107, 12, 31, 23, 59, 58, tzinfo=UTC)


def fixed_timestamp(document: Document, source_date: datetime | None = None) -> datetime:
    """The timestamp every output of ``document`` carries (UTC, whole seconds).

    ``source_date`` is the input file's modification time, used when ``SOURCE_DATE_EPOCH`` is unset.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), UTC)
        except (ValueError, OverflowError, OSError):
            raise InputError(f"SOURCE_DATE_EPOCH must be a whole number of seconds, not {epoch!r}") from None
    if source_date is not None:
        return source_date.astimezone(UTC).replace(microsecond=0)
    if document.meta.date:
        try:
            day = date.fromisoformat(document.meta.date.strip()[:10])
        except ValueError:
            return DEFAULT_TIMESTAMP
        return datetime(day.year, day.month, day.day, tzinfo=UTC)
    return DEFAULT_TIMESTAMP


def w3c_datetime(when: datetime) -> str:
    """``when`` as ``YYYY-MM-DDThh:mm:ssZ``."""
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def content_digest(document: Document) -> str:
    """A SHA-256 of the document's JSON form: the same content, the same digest."""
    dump = json.dumps(document.to_dict(), ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(dump.encode("utf-8", "surrogatepass")).hexdigest()


def content_uuid(document: Document) -> uuid.UUID:
    """A UUID5 naming the document's content, for identifiers that must not change between runs."""
    return uuid.uuid5(uuid.NAMESPACE_URL, f"urn:digestconv:{content_digest(document)}")


def _zip_date(when: datetime) -> tuple[int, int, int, int, int, int]:
    when = min(max(when.astimezone(UTC), _ZIP_MIN), _ZIP_MAX)
    return (when.year, when.month, when.day, when.hour, when.minute, when.second)


def normalize_zip(data: bytes, when: datetime, first: Iterable[str] = (), stored: Iterable[str] = ()) -> bytes:
    """``data`` (a ZIP) rewritten with every entry dated ``when``, in a fixed order, with fixed attributes.

    Entries named in ``first`` come first (EPUB's ``mimetype``); those in ``stored`` are
    not compressed.  The rest keep the order the library wrote them in.
    """
    first, stored = list(first), set(stored)
    stamp = _zip_date(when)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        names = src.namelist()
        ordered = [n for n in first if n in names] + [n for n in names if n not in first]
        for name in dict.fromkeys(ordered):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_STORED if name in stored else zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            dst.writestr(info, src.read(name), compresslevel=6 if name not in stored else None)
    return out.getvalue()
