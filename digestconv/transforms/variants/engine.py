"""The conversion engine: OpenCC with our phrase tables inside it, in one pass.

Each phrase of our tables becomes an entry of an OpenCC text dictionary whose value
is a single marker character from a supplementary private-use plane.  That
dictionary joins OpenCC's own in the segmentation (longest match wins) and comes
first in the conversion, so a phrase of ours is matched where OpenCC would have
matched its own, and its marker passes the later stages untouched.  One regular
expression then puts each phrase's target where its marker stands.  The text goes
through OpenCC's C++ core once; no Python loop runs over its characters.

This chain is what merged.py computes its single dictionary from (and what serves
when OpenCC's dictionary tool is missing): the engine actually used is merged.

A second pass must change nothing.  After building, every target is converted as
if it were simplified input; a target the engine would change again (OpenCC's
演算法 -> 演演算法 class) is added to the dictionary as a phrase that stays as it is.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
import subprocess
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from digestconv.transforms.variants.opencc_dicts import opencc_entries, opencc_share, opencc_tool
from digestconv.transforms.variants.tables import Entry, character_map

__all__ = ["Engine", "build_engine", "convert_each", "opencc_share", "opencc_tool"]

# Markers are the private-use characters of planes 15 and 16 (U+F0000–U+FFFFD, then
# U+100000–U+10FFFD): a table of OpenCC's phrases joined with ours outgrows one plane.
_PLANE_15, _PLANE_16, _PER_PLANE = 0xF0000, 0x100000, 0xFFFE
_MARKER_LIMIT = 2 * _PER_PLANE
MARKER_RE = re.compile("[\U000f0000-\U000ffffd\U00100000-\U0010fffd]")


def _marker(index: int) -> str:
    """The marker character of phrase ``index``."""
    return chr(_PLANE_15 + index if index < _PER_PLANE else _PLANE_16 + index - _PER_PLANE)


def _marker_index(marker: str) -> int:
    """The phrase index a marker character stands for."""
    code = ord(marker)
    return code - _PLANE_15 if code < _PLANE_16 else code - _PLANE_16 + _PER_PLANE


# The stage that makes each variant's character forms from OpenCC's standard
# traditional text: OpenCC dictionaries, and our own character map (a file name
# of ours, marked by the ``@`` prefix).
_STAGE_TWO: dict[tuple[str, str], tuple[str, ...]] = {
    ("zh-Hant", "common"): ("@common",),
    ("zh-Hant", "historical"): (),
    ("zh-TW", "common"): ("TWPhrases.ocd2", "TWVariantsPhrases.ocd2", "TWVariants.ocd2"),
    ("zh-HK", "common"): ("@hk", "HKVariantsPhrases.ocd2", "HKVariants.ocd2"),
}
# The same stage without OpenCC's Taiwan phrases: what our table targets go through.
_FORMS_ONLY = {"TWPhrases.ocd2"}
# OpenCC's phrase dictionaries of the segmentation and of the first stage.
_SEGMENTATION_DICTS = ("STPhrases.ocd2", "STPhrases_GeneratedFromRegionalPhrases.ocd2")


@dataclass(frozen=True, slots=True)
class Engine:
    """A loaded OpenCC converter and the target of each marker it emits (none: it emits no markers).

    ``keys`` are the phrases of our dictionary (in marker order) and ``stage_key``
    the variant and forms it was built for: what merged.py folds into one dictionary.
    """

    opencc: Any
    targets: tuple[str, ...]
    keys: tuple[str, ...] = ()
    stage_key: tuple[str, str] = ("", "")

    def convert(self, text: str) -> str:
        """``text`` converted: OpenCC's pass, then each marker replaced by its phrase."""
        out: str = self.opencc.convert(text)
        if not self.targets or not MARKER_RE.search(out):
            return out
        targets = self.targets
        return MARKER_RE.sub(lambda match: targets[_marker_index(match.group())], out)


def build_engine(variant: str, hant_forms: str, entries: tuple[Entry, ...],
                 user: Mapping[str, str]) -> Engine:
    """The engine for ``variant`` with the built-in ``entries`` and the user's pairs (which win)."""
    stage_key = (variant, hant_forms if variant == "zh-Hant" else "common")
    phrases = _builtin_phrases(variant, hant_forms, entries, stage_key)
    if user:
        # The user's phrase wins wherever it occurs, even inside a longer built-in one.
        phrases = {key: value for key, value in phrases.items() if not any(word in key for word in user)}
        phrases.update(user)
    engine = _load(phrases, stage_key, phrases)
    # Only the tables' own phrases go to the second stage: the joined and the
    # fixed ones are whole words of the first, and a smaller table is faster.
    joined = {**_hidden_phrases(engine, phrases), **_segment_phrases(engine), **phrases}
    engine = _load(joined, stage_key, phrases)
    # A joined phrase can hide a longer one the first engine read right (两岸关系统,
    # added for 兩岸關系統, hides 两岸关系统一): the overlaps are read again.
    rehidden = {key: value for key, value in _hidden_phrases(engine, phrases).items() if key not in joined}
    longer = {**_longer_phrases(engine, joined, stage_key, phrases), **rehidden}
    if longer:
        joined = {**longer, **joined}
        engine = _load(joined, stage_key, phrases)
    unstable = [target for target in set(joined.values()) if target not in joined]
    settled = convert_each(engine, unstable)
    fixed = {target: target for target, again in zip(unstable, settled, strict=True) if again != target}
    if not fixed:
        return engine
    return _load({**fixed, **joined}, stage_key, phrases)


def _hidden_phrases(engine: Engine, phrases: Mapping[str, str]) -> dict[str, str]:
    # An OpenCC phrase starting before one of ours hides it (未获|通过): the joined
    # phrase is added, our target between the engine's own reading of the parts
    # before and after it.
    found: list[tuple[str, int, int]] = []
    for key, start, _, after in overlap_table():
        end = len(key) - len(after)
        if key[start:end] in phrases:
            found.append((key, start, end))
    if not found:
        return {}
    edges = convert_each(engine, [f"{key[:start]}\u3000{key[end:]}" for key, start, end in found])
    joined = [key for key, _, _ in found]
    now = convert_each(engine, joined)
    hidden: dict[str, str] = {}
    for (key, start, end), edge, got in zip(found, edges, now, strict=True):
        before, _, after = edge.partition("\u3000")
        target = before + phrases[key[start:end]] + after
        if got != target:
            hidden[key] = target
    return hidden


def _longer_phrases(engine: Engine, joined: Mapping[str, str], stage_key: tuple[str, str],
                    second_stage: Mapping[str, str]) -> dict[str, str]:
    # In the conversion the first dictionary with any match wins, not the longest:
    # a phrase of ours hides a longer OpenCC phrase starting at the same place
    # (世界 | 世界杯 reads 杯 alone).  Each such OpenCC phrase is added, read as the
    # chain reads it when OpenCC's phrase is matched: the longest match wins.
    keys = set(joined)
    longer = sorted(key for name in _SEGMENTATION_DICTS for key in opencc_entries(name, cache_dir())
                    if key not in keys and "\n" not in key and any(key[:end] in keys for end in range(1, len(key))))
    if not longer:
        return {}
    theirs_first = _load(joined, stage_key, second_stage, ours_first=False)
    wanted = convert_each(theirs_first, longer)
    now = convert_each(engine, longer)
    return {key: want for key, want, got in zip(longer, wanted, now, strict=True) if want != got}


def _stage_two_longer(second: Mapping[str, str], stage_key: tuple[str, str]) -> dict[str, str]:
    # The same in the second stage: a phrase of ours (in standard forms) hides a
    # longer phrase of the regional tables starting at the same place (航天 |
    # 航天飛機 → 太空梭); the regional phrase is added with its own reading.
    found: dict[str, str] = {}
    for name in _STAGE_TWO[stage_key]:
        if name.startswith("@"):
            continue
        for key, value in opencc_entries(name, cache_dir()).items():
            if key not in second and key not in found and any(key[:end] in second for end in range(1, len(key))):
                found[key] = value
    return found


def _segment_phrases(engine: Engine) -> dict[str, str]:
    # Strings OpenCC's longest match cuts across a common word (组|织里, 一出|现):
    # each is added as a phrase converted word by word, as a frequency model cuts
    # it (also where this engine reads it right: a joined phrase may not).
    rows = segment_table()
    cut = convert_each(engine, ["\u3000".join(words) for _, words in rows])
    return {text: target.replace("\u3000", "") for (text, _), target in zip(rows, cut, strict=True)}


@cache
def segment_table() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Strings and the words they are converted as (phrases/segments.tsv, made by benchmarks/variants_segments.py)."""
    path = resources.files("digestconv.transforms").joinpath("phrases", "segments.tsv")
    if not path.is_file():
        return ()
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            text, words = line.split("\t")
            rows.append((text, tuple(words.split(" "))))
    return tuple(rows)


@cache
def data_digest() -> str:
    """A digest of the data files the engine reads besides the phrase tables (overlaps, character maps)."""
    folder = resources.files("digestconv.transforms").joinpath("phrases")
    digest = hashlib.sha256()
    for name in ("overlaps.tsv", "hant_forms.toml", "segments.tsv"):
        file = folder.joinpath(name)
        digest.update(file.read_bytes() if file.is_file() else b"")
    return digest.hexdigest()[:24]


@cache
def overlap_table() -> tuple[tuple[str, int, str, str], ...]:
    """The OpenCC phrases that overlap ours (phrases/overlaps.tsv, made by benchmarks/variants_overlaps.py)."""
    text = resources.files("digestconv.transforms").joinpath("phrases", "overlaps.tsv").read_text(encoding="utf-8")
    rows = []
    for line in text.splitlines():
        if line and not line.startswith("#"):
            key, start, before, after = line.split("\t")
            rows.append((key, int(start), before, after))
    return tuple(rows)


def _builtin_phrases(variant: str, hant_forms: str, entries: tuple[Entry, ...],
                     stage_key: tuple[str, str]) -> dict[str, str]:
    chosen: dict[str, str] = {}
    for entry in entries:
        target = entry.target(variant, hant_forms)
        if target is not None:
            chosen[entry.zh] = target
    # Targets are written in any traditional forms; the variant's own forms are
    # made by the same character stage OpenCC's output goes through.
    forms = _forms_converter(stage_key)
    keys = list(chosen)
    values = convert_each(forms, [chosen[key] for key in keys])
    return dict(zip(keys, values, strict=True))


def convert_each(engine: Any, texts: list[str]) -> list[str]:
    """Each of ``texts`` converted by ``engine`` (anything with ``convert``), in one call when possible."""
    if not texts:
        return []
    out = engine.convert("\n".join(texts)).split("\n")
    if len(out) == len(texts):
        return list(out)
    return [engine.convert(text) for text in texts]


def _forms_converter(stage_key: tuple[str, str]) -> Any:
    import opencc

    dicts = [dict_spec(name, cache_dir()) for name in _STAGE_TWO[stage_key] if name not in _FORMS_ONLY]
    config: dict[str, Any] = {"name": f"digestconv forms {stage_key}", "conversion_chain": []}
    if dicts:
        config["conversion_chain"].append({"dict": {"type": "group", "match_policy": "short_circuit", "dicts": dicts}})
    else:  # historical zh-Hant: the forms OpenCC writes are kept
        config["conversion_chain"].append({"dict": dict_spec("@none", cache_dir())})
    return opencc.OpenCC(str(write_config(config)))


def _load(phrases: Mapping[str, str], stage_key: tuple[str, str], second_stage: Mapping[str, str], *,
          ours_first: bool = True) -> Engine:
    import opencc

    if len(phrases) > _MARKER_LIMIT:
        raise ValueError(f"too many phrases for one table ({len(phrases)} > {_MARKER_LIMIT})")
    keys = sorted(phrases)
    markers = {key: _marker(index) for index, key in enumerate(keys)}
    # The second stage sees OpenCC's standard traditional text: a phrase that sat
    # inside a longer OpenCC phrase (联合声明) is caught there by its s2t form, before
    # the regional phrase table (聲明 → 宣告) can take it.
    later_keys = [key for key in keys if key in second_stage]
    # A key written in traditional characters (a fixed point such as 范崗) is no
    # simplified text: its s2t form (範崗) is another word, which the first stage
    # writes for other input (示范岗 → 示範崗), so it gets no alias.
    simplified = convert_each(opencc.OpenCC("t2s"), later_keys)
    aliased = [key for key, plain in zip(later_keys, simplified, strict=True) if plain == key]
    standard_forms = convert_each(opencc.OpenCC("s2t"), aliased)
    second: dict[str, str] = {}
    for key, standard in zip(aliased, standard_forms, strict=True):
        second.setdefault(standard, markers[key])
    second.update({key: markers[key] for key in later_keys if key in second})  # an exact key wins over a converted one
    second = {**_stage_two_longer(second, stage_key), **second}
    first = compiled(write_file("phrases", _dict_text(markers)))
    later = compiled(write_file("phrases2", _dict_text(second)))
    config = _config(first, later, stage_key, ours_first=ours_first)
    return Engine(opencc=opencc.OpenCC(str(write_config(config))), targets=tuple(phrases[key] for key in keys),
                  keys=tuple(keys), stage_key=stage_key)


def compiled(text_file: Path) -> dict[str, str]:
    """The OpenCC dictionary spec of ``text_file``, compiled to OpenCC's binary format when the tool is there."""
    # OpenCC looks a text dictionary up by binary search on copied strings; its
    # own marisa-trie format (made by the opencc_dict tool its wheel ships) is
    # several times faster on large tables.  Without the tool the text serves.
    tool = opencc_tool()
    target = text_file.with_suffix(".ocd2")
    if not target.exists() and tool.exists():
        partial = target.with_name(f"{target.stem}.{os.getpid()}.part.ocd2")
        done = subprocess.run([str(tool), "-i", str(text_file), "-o", str(partial), "-f", "text", "-t", "ocd2"],
                              capture_output=True, check=False)
        if done.returncode == 0:
            os.replace(partial, target)
    if target.exists():
        return {"type": "ocd2", "file": str(target)}
    return {"type": "text", "file": str(text_file)}


def _dict_text(mapping: Mapping[str, str]) -> str:
    return "".join(f"{key}\t{mapping[key]}\n" for key in sorted(mapping))


def _config(ours: dict[str, str], ours_later: dict[str, str], stage_key: tuple[str, str], *,
            ours_first: bool = True) -> dict[str, Any]:
    # ``ours_first=False``: OpenCC's phrases come before ours in the first stage
    # (how the chain reads a segment when an OpenCC phrase of it is matched).
    directory = cache_dir()
    standard = {"type": "group", "match_policy": "union",
                "dicts": [dict_spec(name, directory) for name in _SEGMENTATION_DICTS]}
    first = [ours, standard] if ours_first else [standard, ours]
    chain: list[dict[str, Any]] = [{"dict": {"type": "group", "match_policy": "short_circuit",
                                             "dicts": [*first, dict_spec("STCharacters.ocd2", directory)]}}]
    second = [ours_later, *(dict_spec(name, directory) for name in _STAGE_TWO[stage_key])]
    chain.append({"dict": {"type": "group", "match_policy": "short_circuit", "dicts": second}})
    return {
        "name": f"digestconv {stage_key}",
        "normalization": [{"dict": dict_spec("CJK_Compatibility_Ideographs.ocd2", directory)}],
        "segmentation": {"type": "mmseg", "dict": {"type": "group", "match_policy": "union",
                                                   "dicts": [ours, *standard["dicts"]]}},
        "conversion_chain": chain,
    }


def dict_spec(name: str, directory: Path) -> dict[str, str]:
    """The spec of one of OpenCC's dictionaries, or of our character map ``@name``."""
    if name.startswith("@"):
        mapping = {} if name == "@none" else character_map(name[1:])
        # OpenCC needs a non-empty dictionary; a character mapped to itself changes nothing.
        lines = [f"{key}\t{value}" for key, value in sorted(mapping.items())] or ["\u3007\t\u3007"]
        return {"type": "text", "file": str(write_file(name[1:], "\n".join(lines) + "\n"))}
    return {"type": "ocd2", "file": str(opencc_share() / name)}


def stage_two(stage_key: tuple[str, str]) -> tuple[str, ...]:
    """The dictionaries of the stage that makes the variant's forms (``@`` names are ours)."""
    return _STAGE_TWO[stage_key]


# digestconv's own cache folder, if set; else the XDG base directory's
CACHE_ENV = "DIGESTCONV_CACHE_DIR"
XDG_CACHE_ENV = "XDG_CACHE_HOME"


@cache
def cache_dir() -> Path:
    """The private folder our dictionaries and configurations are written to, kept from run to run.

    ``opencc`` in ``$DIGESTCONV_CACHE_DIR``, else ``$XDG_CACHE_HOME/digestconv``, else
    ``~/.cache/digestconv``: the merged dictionaries take seconds to build, and a
    temporary folder is emptied at every boot (or lives in memory).  Without a usable
    home, a folder under the temporary directory, as before.
    """
    for directory in (_user_cache(), _temporary_cache()):
        if directory is not None and _private_folder(directory):
            return directory
    return Path(tempfile.mkdtemp(prefix="digestconv-opencc-"))


def _user_cache() -> Path | None:
    own = os.environ.get(CACHE_ENV, "").strip()
    if own:
        return Path(os.path.abspath(os.path.expanduser(own))) / "opencc"
    base = os.environ.get(XDG_CACHE_ENV, "").strip()
    if not os.path.isabs(base):  # the XDG rule: a relative path is ignored
        home = os.path.expanduser("~")
        if not os.path.isabs(home):  # no HOME, no password entry: "~" comes back as it was
            return None
        base = os.path.join(home, ".cache")
    return Path(base) / "digestconv" / "opencc"


def _uid() -> int:
    # Windows has no user ids: 0 there, which its stat results report too
    return os.getuid() if hasattr(os, "getuid") else 0


def _temporary_cache() -> Path:
    return Path(tempfile.gettempdir()) / f"digestconv-opencc-{_uid()}"


def _private_folder(directory: Path) -> bool:
    """True when ``directory`` exists or was made, is ours, and nobody else may write to it."""
    # A predictable name (the temporary one above all) could have been made first by another
    # user, who would then plant a dictionary in it: use it only when it is ours alone.
    try:
        directory.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        directory.mkdir(mode=0o700, exist_ok=True)
        info = os.lstat(directory)
        writable = os.access(directory, os.W_OK | os.X_OK)
    except OSError:
        return False
    return writable and stat.S_ISDIR(info.st_mode) and info.st_uid == _uid() and not info.st_mode & 0o022


def write_file(stem: str, content: str, suffix: str = ".txt", *, exact_name: bool = False) -> Path:
    """``content`` in the cache folder, in a file named by its digest (or ``stem`` itself, with ``exact_name``)."""
    # Named by content, written whole then renamed: parallel workers never read half a file.
    digest = hashlib.sha256(content.encode("utf-8")).hexdigest()[:20]
    path = cache_dir() / (f"{stem}{suffix}" if exact_name else f"{stem}-{digest}{suffix}")
    if exact_name or not path.exists():
        partial = path.with_name(f"{path.name}.{os.getpid()}.part")
        partial.write_text(content, encoding="utf-8")
        os.replace(partial, path)
    return path


def write_config(config: dict[str, Any]) -> Path:
    """An OpenCC configuration written to the cache folder."""
    return write_file("config", json.dumps(config, ensure_ascii=False, sort_keys=True), suffix=".json")
