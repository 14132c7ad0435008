"""Which font families are installed, and which of a style's families the PDF will use.

WeasyPrint finds fonts through fontconfig and silently falls back when a family is
missing, which for Chinese text can mean a page of empty boxes.  So before rendering we
ask fontconfig (``fc-list``, once per process) which families exist and which of them
cover Chinese, and stop with a :class:`StyleError` when a role has none.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache

from digestconv.errors import StyleError
from digestconv.languages import language
from digestconv.logs import get_logger
from digestconv.styles import ROLES, Style
from digestconv.writers._font_sources import debian_package, font_source

FONT_PACKAGE = "fonts-noto-cjk"

# Hong Kong and Macau text is traditional Chinese: fontconfig's zh-hk and zh-mo orthographies are
# zh-tw's plus the HKSCS characters, which few fonts have (AR PL UKai HK has not). A font covering
# zh-tw sets their news, a rare HKSCS character falling back to another font glyph by glyph.
_COVERED_BY = {"zh-hk": "zh-tw", "zh-mo": "zh-tw"}


@cache
def installed_families() -> dict[str, frozenset[str]]:
    """Installed family names (folded to lower case) → the fontconfig languages they cover."""
    if shutil.which("fc-list") is None:
        raise StyleError("fontconfig's fc-list is not installed: install the Debian package fontconfig")
    try:
        result = subprocess.run(
            ["fc-list", "--format", "%{family}\t%{lang}\n"],
            capture_output=True, text=True, check=True, timeout=60,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        raise StyleError(f"cannot list the installed fonts with fc-list: {exc}") from None
    found: dict[str, set[str]] = {}
    for line in result.stdout.splitlines():
        names, _, langs = line.partition("\t")
        coverage = set(langs.split("|")) if langs else set()
        for name in names.split(","):
            name = name.strip().lower()
            if name:
                found.setdefault(name, set()).update(coverage)
    return {name: frozenset(langs) for name, langs in found.items()}


def covers_chinese(family: str, lang: str) -> bool:
    """Whether ``family`` is installed and covers the Chinese of ``lang``."""
    langs = installed_families().get(family.strip().lower())
    tag = language(lang).fontconfig
    return langs is not None and (tag in langs or _COVERED_BY.get(tag, tag) in langs)


def is_installed(family: str) -> bool:
    """Whether fontconfig knows a family of this name, whatever it covers."""
    return family.strip().lower() in installed_families()


def pdf_fonts(style: Style, lang: str, overrides: Mapping[str, str] | None = None) -> dict[str, tuple[str, ...]]:
    """Role → families for the PDF: the first installed family of each role's list, checked to cover ``lang``.

    ``overrides`` (the ``--font ROLE=FAMILY`` option) replace a role's list; an override
    for a role that does not exist, or one that is not installed, is an error too.
    """
    overrides = dict(overrides or {})
    unknown = sorted(set(overrides) - set(ROLES))
    if unknown:
        raise StyleError(f"--font {unknown[0]}=…: unknown font role (roles: {', '.join(ROLES)})")
    lists = style.font_lists("pdf", lang)
    chosen: dict[str, tuple[str, ...]] = {}
    for role in ROLES:
        if role in overrides:
            family = overrides[role]
            if not covers_chinese(family, lang):
                raise StyleError(
                    f"font {family!r} (--font {role}=…) is not installed or has no {lang} Chinese glyphs "
                    f"(see fc-list :lang={language(lang).fontconfig} family)"
                )
            chosen[role] = (family,)
            continue
        usable = [f for f in lists[role] if covers_chinese(f, lang)]
        if not usable:
            raise StyleError(
                f"no installed font for the {role} text of style {style.name!r} ({', '.join(lists[role])}): "
                f"install the Debian package {FONT_PACKAGE} or name a font with --font {role}=FAMILY"
            )
        chosen[role] = (usable[0],)
        _warn_if_other_kind(style.name, role, lists[role][0], usable[0])
    return chosen


# what a family's name says of its design; a role set in another kind of face has fallen back
_FACE_KINDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("FangSong", ("fangsong", "仿宋", "fang")),
    ("Kai", ("kai", "楷")),
    ("Hei", ("hei", "黑", "sans", "gothic")),
    ("Song/Ming", ("song", "宋", "simsun", "ming", "明", "serif")),
)


def face_kind(family: str) -> str | None:
    """The kind of face a family's name says it is (FangSong, Kai, Hei, Song/Ming), if it says."""
    name = family.lower()
    for kind, hints in _FACE_KINDS:
        if any(hint in name for hint in hints):
            return kind
    return None


# (style, role, family asked for, family used): the stand-ins of another kind already said
_SAID: set[tuple[str, str, str, str]] = set()


def mark_said(problem: FontProblem) -> None:
    """Note that ``problem`` was said, so that a write choosing the same stand-in does not say it again."""
    _SAID.update(problem.stand_ins)


def _warn_if_other_kind(style: str, role: str, wanted: str, used: str) -> None:
    """Say once (on stderr) when a role's first family is missing and the one used is of another kind."""
    want, got = face_kind(wanted), face_kind(used)
    if want is None or want == got or (style, role, wanted, used) in _SAID:
        return
    _SAID.add((style, role, wanted, used))
    get_logger(__name__).warning(
        "style %r: no %s font installed for the %s text (%s …); using %s%s — see the style's font list, "
        "or name one with --font %s=FAMILY", style, want, role, wanted, used, f" (a {got} face)" if got else "", role)


def portable_fonts(style: Style, lang: str, overrides: Mapping[str, str] | None = None) -> dict[str, tuple[str, ...]]:
    """Role → families for HTML and EPUB, read on other machines: the override, the PDF list, then the Word names."""
    overrides = dict(overrides or {})
    pdf_lists = style.font_lists("pdf", lang)
    docx_lists = style.font_lists("docx", lang)
    out: dict[str, tuple[str, ...]] = {}
    for role in ROLES:
        names = ([overrides[role]] if role in overrides else []) + list(pdf_lists[role]) + list(docx_lists[role])
        out[role] = tuple(dict.fromkeys(names))
    return out


@dataclass(frozen=True)
class FontProblem:
    """A font the PDF cannot use as the style or ``--font`` asks; ``fatal`` when no substitute will do."""

    message: str
    fatal: bool
    same_kind: bool = False  # the substitute is a face of the kind the style asks for (a Kai for a Kai)
    # (style, role, family, substitute) of each role the message speaks for (:func:`mark_said`)
    stand_ins: tuple[tuple[str, str, str, str], ...] = ()


def check_fonts(style: Style, langs: Iterable[str], overrides: Mapping[str, str] | None = None) -> list[FontProblem]:
    """Every role's font for the PDF in each of ``langs``, checked once before a batch.

    An override that is not installed, or a role with no installed font, is fatal; a
    style's first choice that is missing is substituted by the next installed one
    (a warning, fatal only with ``--strict-fonts``).  One problem per missing family.
    """
    overrides = dict(overrides or {})
    problems: list[FontProblem] = []
    missing: dict[tuple[str, str, str | None], list[str]] = {}  # (family, lang, substitute) → roles
    for lang in dict.fromkeys(langs):
        lists = style.font_lists("pdf", lang)
        for role in ROLES:
            if role in overrides:
                if not covers_chinese(overrides[role], lang):
                    problems.append(FontProblem(
                        f"--font {role}={overrides[role]}: not installed or has no {lang} Chinese glyphs "
                        f"(see fc-list :lang={language(lang).fontconfig} family)", fatal=True))
                continue
            usable = [f for f in lists[role] if covers_chinese(f, lang)]
            if not usable or usable[0] != lists[role][0]:
                missing.setdefault((lists[role][0], lang, usable[0] if usable else None), []).append(role)
    problems.extend(_missing_font(style, family, lang, substitute, roles)
                    for (family, lang, substitute), roles in missing.items())
    return problems


def _missing_font(style: Style, family: str, lang: str, substitute: str | None, roles: list[str]) -> FontProblem:
    """The problem of a style's first choice ``family`` missing, with where to get it (or a packaged alternative)."""
    where = f"style {style.name!r}, {'/'.join(roles)} text in {lang}"
    chain = style.font_lists("pdf", lang)[roles[0]]
    skipped = chain[1:chain.index(substitute)] if substitute in chain else chain[1:]
    packaged = next(((f, p) for f in skipped if (p := debian_package(f))), None)
    alternative = f"; or install {packaged[1]} for {packaged[0]!r}" if packaged and not debian_package(family) else ""
    if substitute is None:
        return FontProblem(f"{where}: no font of {family!r}'s list is installed ({font_source(family)}"
                           f"{alternative}, or name one with --font {roles[0]}=FAMILY)", fatal=True)
    # installed, but fontconfig finds too few of the variant's characters in it: say that, not "install it"
    installed = is_installed(family)
    missing = f"has no {lang} Chinese glyphs" if installed else "is not installed"
    source = f"see fc-list :lang={language(lang).fontconfig} family" if installed else font_source(family)
    kind, got = face_kind(family), face_kind(substitute)
    # a face of another kind is said here, where the role's writer would say it again in its own words
    other = (f", {f'a {got} face' if got else 'a face'} where the style asks for a {kind} one"
             if kind is not None and kind != got else "")
    return FontProblem(f"{where}: font {family!r} {missing}, the PDF uses {substitute!r} "
                       f"instead{other} ({source}{alternative}, or name one with --font {roles[0]}=FAMILY)",
                       fatal=False, same_kind=kind is not None and kind == got,
                       stand_ins=tuple((style.name, role, family, substitute) for role in roles))
