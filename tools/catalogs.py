"""Make the command line's gettext catalogs: collect the messages, check zh_CN, derive zh_TW and zh_HK, compile.

    python tools/catalogs.py          # update digestconv/locale/*/LC_MESSAGES/digestconv.{po,mo}
    python tools/catalogs.py --check  # exit 1 if a message lacks a translation or a .mo is stale

The messages are every help text of the click commands (read from the command tree
itself), every literal ``_("…")`` in ``digestconv/cli``, and the words of click's own
that a help page or an error shows.  ``zh_CN/…/digestconv.po`` is translated by hand;
``zh_TW`` (OpenCC ``s2twp``: Taiwan's words) and ``zh_HK`` (``s2hk``) are made from it.
"""

from __future__ import annotations

import argparse
import datetime
import io
import os
import sys
from pathlib import Path

os.environ["LANGUAGE"] = "en"  # the messages as written, whatever this machine's locale

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))  # this checkout's commands, not an installed copy's
LOCALE = PROJECT / "digestconv" / "locale"
DOMAIN = "digestconv"
FIXED_DATE = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)  # reproducible headers
DERIVED = {"zh_TW": "s2twp", "zh_HK": "s2hk"}

# Click's own words on a help page and in its usage errors (click asks gettext for them);
# only those the installed click really has are kept (see click_messages).
CLICK_MESSAGES: tuple[str | tuple[str, str], ...] = (
    "Usage:", "Options", "Commands", "Show this message and exit.", "Show the version and exit.",
    "%(prog)s, version %(version)s", "default: {default}", "required", "Error: {message}",
    "Try '{command} {option}' for help.", "No such command {name!r}.", "No such option {name!r}.",
    "Missing argument", "Missing option", "Missing command.", "Invalid value for {param_hint}: {message}",
    "Invalid value: {message}", "{name} {filename!r} does not exist.", "{name} {filename!r} is a directory.",
    "{name} {filename!r} is a file.", "{value!r} is not a valid {number_type}.", "{value} is not in the range {range}.",
    "file", "directory", "path", "Aborted!",
    ("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})"),
    ("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments."),
    ("{value!r} is not {choice}.", "{value!r} is not one of {choices}."),
    ("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)"),
)
# Words asked for through a variable, which no extraction sees: log levels (where the CLI
# prints a record) and click's "required" mark.
LEVELS = ("debug", "info", "warning", "error", "critical", "required",
          "command line", "environment", "defaults file", "built-in")  # and digestconv config's sources


def help_messages() -> list[str]:
    """Every help text in the command tree."""
    from digestconv.cli import main

    found: list[str] = []

    def walk(command: object) -> None:
        import click

        assert isinstance(command, click.Command)
        found.extend(text for text in (command.help, command.short_help) if text)
        found.extend(p.help for p in command.params if isinstance(p, click.Option) and p.help)
        if isinstance(command, click.Group):
            for sub in command.commands.values():
                walk(sub)

    walk(main)
    return found


def code_messages() -> list[str]:
    """The literal messages of ``_("…")`` calls in the CLI's modules."""
    return [message for _, _, message, *_ in extract_from_dir(
        PROJECT / "digestconv" / "cli", method_map=[("**.py", "python")], keywords={"_": None},
    ) if isinstance(message, str)]


def click_messages() -> list[str | tuple[str, str]]:
    """The messages of ``CLICK_MESSAGES`` the installed click asks for."""
    import click

    present = {message for _, _, message, *_ in extract_from_dir(
        Path(click.__file__).parent, method_map=[("**.py", "python")], keywords={"_": None, "ngettext": (1, 2)},
    )}
    return [message for message in CLICK_MESSAGES if message in present]


def template() -> Catalog:
    """The catalog of every message, untranslated."""
    catalog = Catalog(domain=DOMAIN, project="digestconv", creation_date=FIXED_DATE, revision_date=FIXED_DATE)
    for message in dict.fromkeys([*help_messages(), *code_messages(), *click_messages(), *LEVELS]):
        catalog.add(message)
    return catalog


def _read(path: Path, locale: str) -> Catalog:
    if not path.exists():
        return Catalog(locale=locale, domain=DOMAIN)
    with path.open("rb") as stream:
        return read_po(stream, locale=locale, domain=DOMAIN)


def _po_bytes(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, omit_header=False, sort_output=False, include_previous=False)
    return buffer.getvalue()


def _mo_bytes(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    return buffer.getvalue()


def catalogs() -> tuple[dict[str, Catalog], list[str]]:
    """Each locale's catalog, up to date with the messages, and the messages zh_CN lacks."""
    import opencc

    source = _read(LOCALE / "zh_CN" / "LC_MESSAGES" / f"{DOMAIN}.po", "zh_CN")
    source.update(template(), no_fuzzy_matching=True)
    source.obsolete.clear()
    source.creation_date = source.revision_date = FIXED_DATE
    missing = [m.id for m in source if m.id and not (all(m.string) if isinstance(m.string, tuple) else m.string)]
    out = {"zh_CN": source}
    for locale, config in DERIVED.items():
        converter = opencc.OpenCC(config)
        derived = Catalog(locale=locale, domain=DOMAIN, project="digestconv",
                          creation_date=FIXED_DATE, revision_date=FIXED_DATE)
        for message in source:
            if message.id and message.string:
                strings = message.string if isinstance(message.string, tuple) else (message.string,)
                converted = tuple(converter.convert(text) for text in strings)
                derived.add(message.id, converted if isinstance(message.string, tuple) else converted[0])
        out[locale] = derived
    return out, missing


def main() -> int:
    """Write (or, with --check, compare) every catalog; 1 when a translation is missing or a file is stale."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check that the files are up to date")
    args = parser.parse_args()
    found, missing = catalogs()
    stale = []
    for locale, catalog in found.items():
        folder = LOCALE / locale / "LC_MESSAGES"
        for path, data in ((folder / f"{DOMAIN}.po", _po_bytes(catalog)), (folder / f"{DOMAIN}.mo", _mo_bytes(catalog))):
            if path.exists() and path.read_bytes() == data:
                continue
            stale.append(path)
            if not args.check:
                folder.mkdir(parents=True, exist_ok=True)
                path.write_bytes(data)
    for message in missing:
        print(f"zh_CN: no translation for {message!r}", file=sys.stderr)
    for path in stale:
        print(f"{'stale' if args.check else 'wrote'}: {path.relative_to(PROJECT)}", file=sys.stderr)
    return 1 if missing or (args.check and stale) else 0


if __name__ == "__main__":
    sys.exit(main())
