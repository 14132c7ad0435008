"""The exceptions digestconv raises on purpose.

Each carries a one-line message fit to show a user as it is; the CLI prints it
and exits non-zero instead of showing a traceback.
"""

from __future__ import annotations


class DigestconvError(Exception):
    """Base of every error digestconv reports to a user."""


class ModelError(DigestconvError):
    """A document dump that does not follow the model (``spec/model.md``)."""


class InputError(DigestconvError):
    """An input that cannot be read: wrong encoding, binary data, empty, unreadable."""

    def __init__(self, message: str, path: str | None = None) -> None:
        self.path = path
        self.reason = message
        super().__init__(f"{path}: {message}" if path else message)


class PluginError(DigestconvError):
    """An unknown reader or writer, or a plug-in that failed to load."""


class StyleError(DigestconvError):
    """A house style that cannot be found or read, or a font that is missing."""


class VariantError(DigestconvError):
    """An unknown variant, or a variant asked of a document already converted."""
