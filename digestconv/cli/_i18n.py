"""The command line's language: its messages and ``--help`` in Chinese when the locale asks for it.

The catalogs (gettext ``.mo`` files, domain ``digestconv``) ship in the package under
``digestconv/locale``: ``zh_CN`` written by hand, ``zh_TW`` and ``zh_HK`` made from it
with OpenCC by ``tools/catalogs.py``, which also compiles them.  gettext picks the
language from ``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES`` and ``LANG``, in that order;
any other locale (or none) gives English, the messages as written.
"""

from __future__ import annotations

import gettext
from functools import cache
from importlib.resources import files

import click

DOMAIN = "digestconv"


def locale_dir() -> str:
    """The folder of the shipped catalogs."""
    return str(files("digestconv") / "locale")


@cache
def catalog() -> gettext.NullTranslations:
    """The catalog of the user's language, or one that returns every message as it is."""
    return gettext.translation(DOMAIN, locale_dir(), fallback=True)


def _(message: str) -> str:
    """``message`` in the user's language."""
    return catalog().gettext(message)


def use_for_click() -> None:
    """Have click's own words (Usage, Options, Show this message and exit) come from our catalog too.

    Click asks the process-wide gettext domain; only the command line, which owns the
    process, calls this, never the library.
    """
    gettext.bindtextdomain(DOMAIN, locale_dir())
    gettext.textdomain(DOMAIN)


def translate_help(command: click.Command) -> None:
    """Put every help text of ``command`` and its subcommands (and their options) in the user's language."""
    if command.help:
        command.help = _(command.help)
    if command.short_help:
        command.short_help = _(command.short_help)
    for param in command.params:
        if isinstance(param, click.Option) and param.help:
            param.help = _(param.help)
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            translate_help(sub)
