"""One dictionary for the whole conversion: OpenCC's tables and ours folded together.

The engine of ``engine.py`` runs OpenCC's chain as OpenCC builds it: a segmentation
over three dictionaries, then two conversion stages over up to four each, then a
regular expression putting our phrases where their markers stand.  Every segment
goes through the chain on its own, so what the chain makes of a segment can be
computed once per dictionary word: this module converts every word of every
dictionary of the chain with that engine and writes the results as one OpenCC
dictionary, which then does the segmentation and the single conversion stage.
No markers remain, so no second pass over the text either.

The words of the second stage (OpenCC's Taiwan phrases such as 軟件 → 軟體) match
inside runs of characters no phrase covers; they join the dictionary under their
simplified form, when the engine converts that form otherwise than character by
character.  Where such a word overlaps one of OpenCC's phrases, the merged
dictionary may read a text otherwise than the chain did (the longest match from
the left decides in both); benchmarks/variants_accuracy.py measures both.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from digestconv.transforms.variants.cache_pruning import index_config, index_text, prune_stale
from digestconv.transforms.variants.engine import (
    Engine,
    cache_dir,
    compiled,
    convert_each,
    dict_spec,
    opencc_tool,
    stage_two,
    write_config,
    write_file,
)
from digestconv.transforms.variants.opencc_dicts import opencc_entries

_SEGMENTATION_DICTS = ("STPhrases.ocd2", "STPhrases_GeneratedFromRegionalPhrases.ocd2")
_CHARACTERS = "STCharacters.ocd2"


def cache_key(parts: object) -> str:
    """A digest of ``parts`` (what the engine is built from), of this code and of OpenCC's version."""
    import opencc

    here = Path(__file__).parent
    code = [hashlib.sha256((here / name).read_bytes()).hexdigest() for name in ("engine.py", "merged.py")]
    text = json.dumps([parts, code, getattr(opencc, "__version__", "")], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]


def cached_engine(key: str) -> Engine | None:
    """The merged engine built before from the same inputs (``cache_key``), if its files are still there."""
    index = cache_dir() / f"merged-index-{key}.txt"
    try:
        config, _ = index_config(index)
        files = [Path(spec["file"]) for spec in _file_specs(json.loads(config.read_text(encoding="utf-8")))]
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return None
    if not all(file.exists() for file in files):
        return None
    with contextlib.suppress(OSError):  # in use: pruning keeps it while it is, whatever its generation
        os.utime(index)
    return Engine(opencc=MergedConverter(config), targets=())


def _file_specs(node: Any) -> list[dict[str, str]]:
    if isinstance(node, dict):
        found = [node] if "file" in node else []
        return found + [spec for value in node.values() for spec in _file_specs(value)]
    if isinstance(node, list):
        return [spec for value in node for spec in _file_specs(value)]
    return []


def merged_engine(engine: Engine, key: str | None = None) -> Engine | None:
    """An engine with one dictionary that converts as ``engine`` does; None without OpenCC's dictionary tool.

    With ``key`` (from ``cache_key``) the result is remembered for ``cached_engine``, and
    the files of engines built from other code or tables are pruned from the cache.
    """
    import opencc

    if not opencc_tool().exists() or not engine.keys:
        return None
    stage_key = engine.stage_key
    words = set(engine.keys)
    for name in _SEGMENTATION_DICTS:
        words.update(_opencc_keys(name))
    singles = {key for key in _opencc_keys(_CHARACTERS) if len(key) == 1}
    later = set().union(*(_stage_keys(name) for name in stage_two(stage_key)))
    singles.update(key for key in later if len(key) == 1)
    mapping = _converted(engine, sorted(words), keep_identity=True)
    mapping.update(_converted(engine, sorted(singles - words), keep_identity=False))
    mapping.update(_second_stage_words(engine, later, words, mapping))
    config_path = _merged_config(mapping, stage_key)
    # The chain's second stage matches our phrases in their standard forms too
    # (智能障礙 in a converted text), this dictionary only as words: a target it
    # would change again (智能 → 智慧 inside it) is added as a word that stays.
    targets = sorted(set(engine.targets) - set(mapping))
    again = convert_each(opencc.OpenCC(str(config_path)), targets)
    unstable = {target: target for target, second in zip(targets, again, strict=True) if second != target}
    if unstable:
        trial = config_path
        config_path = _merged_config({**mapping, **unstable}, stage_key)
        _remove_unused(trial, config_path)
    if key:
        write_file(f"merged-index-{key}", index_text(config_path), exact_name=True)
        prune_stale(cache_dir())
    return Engine(opencc=MergedConverter(config_path), targets=())


def _merged_config(mapping: Mapping[str, str], stage_key: tuple[str, str]) -> Path:
    # One dictionary, phrases and single characters together, does the segmentation
    # and the conversion.  A character has no entry of its own in the chain's
    # segmentation, but a phrase is always the longer match, so every phrase is cut
    # where it was and a run of characters converts the same either way.  Alone, not
    # in a group: OpenCC (1.4) builds a lookup table for a group's members when the
    # configuration is loaded, a tenth of a second or more for these dictionaries;
    # a single dictionary is searched as it is, which loads in a few hundredths.
    words = compiled(write_file("merged-words", _dict_text(mapping, sorted(mapping))))
    config = {
        "name": f"digestconv merged {stage_key}",
        "normalization": [{"dict": dict_spec("CJK_Compatibility_Ideographs.ocd2", cache_dir())}],
        "segmentation": {"type": "mmseg", "dict": words},
        "conversion_chain": [{"dict": words}],
    }
    return write_config(config)


def bulk_config(config: Path) -> Path:
    """The merged configuration ``config`` with its dictionary in a group: slower to load, faster on much text.

    The group's lookup table answers a match faster than the dictionary does (some
    30 %); segmentation and conversion share one table, since they name the same group.
    The other member is one character mapped to itself, which changes nothing.
    """
    spec = json.loads(config.read_text(encoding="utf-8"))
    words = spec["conversion_chain"][0]["dict"]
    group = {"type": "group", "match_policy": "union", "dicts": [words, dict_spec("@none", cache_dir())]}
    spec["segmentation"]["dict"] = group
    spec["conversion_chain"] = [{"dict": group}]
    return write_config(spec)


# Characters converted before the faster configuration pays for its loading time.
BULK_CHARS = 1_000_000


class MergedConverter:
    """OpenCC over a merged configuration: the quick-loading one, then, once much text has come, ``bulk_config``'s.

    Both convert alike; a batch of articles never waits for the slower load, a
    book-length text gets the faster matching.
    """

    def __init__(self, config: Path) -> None:
        import opencc

        self._config = config
        self._converter: Any = opencc.OpenCC(str(config))
        self._seen = 0
        self._bulk = False

    @property
    def bulk(self) -> bool:
        """True once the bulk configuration converts."""
        return self._bulk

    def convert(self, text: str) -> str:
        """``text`` converted."""
        if not self._bulk:
            self._seen += len(text)
            if self._seen > BULK_CHARS:
                self._converter, self._bulk = self._bulk_converter(), True
        out: str = self._converter.convert(text)
        return out

    def _bulk_converter(self) -> Any:
        import opencc

        try:
            return opencc.OpenCC(str(bulk_config(self._config)))
        except Exception:  # its files gone (pruned): the quick one converts the same
            return self._converter


def _remove_unused(trial: Path, kept: Path) -> None:
    # The files of a trial build the kept one does not share (its text sources too).
    files = {Path(spec["file"]) for spec in _file_specs(json.loads(trial.read_text(encoding="utf-8")))}
    kept_files = {Path(spec["file"]) for spec in _file_specs(json.loads(kept.read_text(encoding="utf-8")))}
    for file in files - kept_files:
        for path in (file, file.with_suffix(".txt")):
            with contextlib.suppress(OSError):
                path.unlink()
    if trial != kept:
        with contextlib.suppress(OSError):
            trial.unlink()


def _dict_text(mapping: Mapping[str, str], keys: list[str]) -> str:
    return "".join(f"{key}\t{mapping[key]}\n" for key in keys)


def _converted(engine: Engine, words: list[str], *, keep_identity: bool) -> dict[str, str]:
    # A phrase that stays as it is still shapes the segmentation; a single character
    # that stays needs no entry (no longer word can start where none did).
    words = [word for word in words if word and "\n" not in word]
    out = convert_each(engine, words)
    return {word: value for word, value in zip(words, out, strict=True) if keep_identity or value != word}


def _second_stage_words(engine: Engine, later: Iterable[str], words: set[str],
                        mapping: Mapping[str, str]) -> dict[str, str]:
    # A word of the second stage matches only inside a run no phrase covers: it is
    # left out where a phrase lies inside it (the chain always splits there), and
    # where a phrase starts inside it and runs on, the joined text is added too, so
    # that the longest match picks the chain's reading.
    import opencc

    phrases = sorted(key for key in later if len(key) > 1)
    candidates = {word for word in convert_each(opencc.OpenCC("t2s"), phrases) if word and "\n" not in word}
    by_first: dict[str, list[str]] = {}
    for key in words:
        by_first.setdefault(key[0], []).append(key)
    chosen: list[str] = []
    joined: list[tuple[str, str]] = []  # (word, the word joined with a phrase starting inside it)
    for word in sorted(candidates - set(mapping)):
        if any(key in word for start in range(len(word)) for key in by_first.get(word[start], ()) if len(key) > 1):
            continue
        chosen.append(word)
        joined.extend((word, word[:start] + key) for start in range(1, len(word))
                      for key in by_first.get(word[start], ()) if key.startswith(word[start:]) and key != word[start:])
    found: dict[str, str] = {}
    for word, value in zip(chosen, convert_each(engine, chosen), strict=True):
        if value != "".join(mapping.get(char, char) for char in word):
            found[word] = value
    # A joined text is needed wherever its word is in, even when it reads
    # character by character (位|图库 beside Taiwan's 位图 → 點陣圖).
    texts = [text for word, text in joined if word in found]
    found.update(zip(texts, convert_each(engine, texts), strict=True))
    return found


def _stage_keys(name: str) -> set[str]:
    if name.startswith("@"):
        return set(_at_map_keys(name))
    return _opencc_keys(name)


def _at_map_keys(name: str) -> list[str]:
    from digestconv.transforms.variants.tables import character_map

    return list(character_map(name[1:]))


def _opencc_keys(name: str) -> set[str]:
    """The keys of one of OpenCC's dictionaries (exported once to text, kept in the cache folder)."""
    return set(opencc_entries(name, cache_dir()))
