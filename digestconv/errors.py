"""The exceptions digestconv raises on purpose.

Each carries a one-line message fit to show a user as it is; the CLI prints it
and exits non-zero instead of showing a traceback.  An argument of the wrong type
is a programming error and raises :class:`TypeError` instead.  ``docs/errors.md``
lists what raises which.
"""

from __future__ import annotations


class DigestconvError(Exception):
    """Base of every error digestconv reports to a user."""


class ModelError(DigestconvError):
    """A document dump that does not follow the model (``docs/spec/model.md``)."""


class InputError(DigestconvError):
    """An input that cannot be read: missing, not a regular file, over the size limit, binary, undecodable.

    ``path`` is the input's name (``None`` for bytes given without one), ``reason`` the problem alone.
    """

    def __init__(self, message: str, path: str | None = None) -> None:
        self.path = path
        self.reason = message
        super().__init__(f"{path}: {message}" if path else message)


class MissingInputError(InputError, FileNotFoundError):
    """An input path that names no file; ``except FileNotFoundError`` catches it too."""


class PluginError(DigestconvError):
    """An unknown reader or writer, or a plug-in that failed to load."""


class StyleError(DigestconvError):
    """A house style that cannot be found or read, has a value out of range, names a file outside its
    folder or a URL it may not load, or needs a font that is missing."""


class VariantError(DigestconvError):
    """An unknown variant, or a variant asked of a document already converted."""
