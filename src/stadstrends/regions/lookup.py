"""Resolve user input (codes, names, aliases) to region codes.

Matching ignores case, accents and punctuation; a leading article (``'s-``/``'t``) may be
left out (``'Hertogenbosch'``). When a name fits several regions: an alias wins, then
current regions beat dissolved ones, then (without an explicit ``level``) the level order
gemeente > provincie > landsdeel > corop > land decides (``'Utrecht'`` = the municipality).
A tie that remains (``'Bergen'``) raises :class:`AmbiguousRegion` listing the candidates.
A name that fits nothing suggests first what the name before a suffix in brackets names
(``'Den Haag (gemeente)'``: 's-Gravenhage), then the regions with a name or word starting
with it (``'Nuenen'``, ``'Gerwen'``), then current regions with a name close to it
(``'Zwole'``); a
province, COROP region or the country asked for as a municipality is named as such.
Names shared by several regions are shown as CBS labels them (:func:`display_names`); how
names are compared: :mod:`.names`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from stadstrends.closest import alike, closest
from stadstrends.errors import CatalogueError, InvalidParameter, RegionNotFound, echo
from stadstrends.regions.names import (
    bracket_base,
    display_names,
    has_article,
    key_of,
    later_words,
    missing_last,
    normalise,
    records,
    without_article,
)
from stadstrends.yamlfiles import read_yaml

if TYPE_CHECKING:  # the index works on plain rows: the command line's lookups skip pandas
    import pandas as pd

__all__ = ["AmbiguousRegion", "RegionIndex", "display_names", "load_aliases", "normalise"]

ALIASES_FILE = Path(__file__).with_name("aliases.yaml")
LEVEL_ORDER = {"gemeente": 0, "provincie": 1, "landsdeel": 2, "corop": 3, "land": 4}
_PREFIX_OF_LEVEL = {
    "gemeente": "GM",
    "corop": "CR",
    "provincie": "PV",
    "landsdeel": "LD",
    "land": "NL",
}
#: the noun of a level, in the words of the language files (``errors.noun_<level>``)
_NOUN = {
    None: "municipality",
    "gemeente": "municipality",
    "corop": "COROP region",
    "provincie": "province",
    "landsdeel": "landsdeel",
    "land": "country",
}


def _noun(level: str | None) -> dict[str, str]:
    """A level's noun in every language with words for it ('COROP-gebied', 'COROP region')."""
    from stadstrends.vocabulary import languages, section

    key = f"noun_{(_NOUN[level]).replace(' ', '_').lower()}"
    return {lang: section(lang, "errors").get(key, _NOUN[level]) for lang in languages()}


_CODE = re.compile(r"(?i)(gm|cr|pv|ld|nl)?\s*(\d{1,4})")
SUGGESTIONS = 8  # at most this many names suggested for an unknown name
_TYPED_CODE = re.compile(r"(?i)(gm|cr|pv|nl)\d")  # a region code typed: no name to search


class AmbiguousRegion(RegionNotFound):
    """A name fits several regions equally well; ``suggestions`` lists their codes."""

    status = 400
    code = "region_ambiguous"


def load_aliases(path: Path = ALIASES_FILE) -> dict[str, str]:
    """Alias -> region code from ``aliases.yaml``."""
    data = read_yaml(path, "the region aliases")
    if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
        raise CatalogueError.worded("aliases_not_mapping", path=str(path))
    return {str(k): v for k, v in data.items()}


class RegionIndex:
    """Name/code index over a region list (see :func:`~.history.region_list`).

    ``regions`` needs ``region_code, name, level, valid_to``; an optional ``label`` column
    (CBS label such as ``'Bergen (NH.)'``) is indexed too and shown for ambiguity."""

    def __init__(self, regions: pd.DataFrame | Iterable[Mapping[str, Any]],
                 aliases: Mapping[str, str]) -> None:
        rows: dict[str, dict[str, Any]] = {}
        for row in records(regions):  # the first row of each code
            rows.setdefault(row["region_code"], row)
        listed = list(rows.values())
        for row in listed:
            if row.get("label") is None:
                row["label"] = row["name"]
        for row, shown in zip(listed, display_names(listed), strict=True):
            row["display"], row["current"] = shown, row.get("valid_to") is None
        # (key, code, whole): the keys from each article on ('Agglomeratie 's-Gravenhage':
        # 'sgravenhage'), whole where the name starts with it; what ''s-' looks for
        self._article_keys = list(dict.fromkeys(
            (normalise(str(r[f])[m.start():]), r["region_code"], m.start() == 0)
            for r in listed for f in ("name", "label") if r[f] is not None
            for m in re.finditer(r"(?:^|(?<=\s))['’`][st](?![a-z0-9])", str(r[f]), re.I)))
        self.regions = rows  # code -> region (its columns, ``display`` and ``current``)
        unknown = sorted(set(aliases.values()) - set(rows))
        if unknown:
            raise CatalogueError.worded("aliases_unknown", codes=", ".join(unknown))
        self.aliases: dict[str, str] = {}
        for alias, code in aliases.items():
            key = normalise(alias)
            if self.aliases.get(key, code) != code:
                raise CatalogueError.worded("alias_twice", alias=str(alias))
            self.aliases[key] = code
        key = functools.lru_cache(maxsize=None)(key_of)  # labels and names mostly agree
        keys = ([(key(r["region_code"]), r["region_code"], "code") for r in listed]
                + [(key(r["name"]), r["region_code"], "name") for r in listed]
                + [(key(r["label"]), r["region_code"], "name") for r in listed]
                + [(key(without_article(r["name"])), r["region_code"], "name")
                   for r in listed]
                # the name in common use: 'Nuenen' for 'Nuenen, Gerwen en Nederwetten', 'Bergen'
                # for 'Bergen (Limburg)' (a shared name told apart: two Bergens, ambiguous)
                + [(key(re.split(r",| \(", r["name"])[0]), r["region_code"], "name")
                   for r in listed if r["current"] and re.search(r",| \(", str(r["name"]))]
                + [(k, code, "alias") for k, code in self.aliases.items()])
        # (key, region_code, kind), without empty keys and repeats
        self.keys = list(dict.fromkeys(k for k in keys if k[0] != ""))
        self._texts = ([(r["name"], r["region_code"]) for r in listed]
                       + [(r["label"], r["region_code"]) for r in listed] + list(aliases.items()))
        self._by_key: dict[str, list[str]] = {}
        for key, code, _ in self.keys:
            self._by_key.setdefault(key, []).append(code)

    @functools.cached_property
    def word_keys(self) -> list[tuple[str, str]]:
        """``(key, region_code)``: the keys of names, labels and aliases from each later word
        on (made when :meth:`search` first needs them; :meth:`resolve` does not)."""
        return list(dict.fromkeys(
            (word, code) for text, code in self._texts for word in later_words(str(text))))

    @classmethod
    def from_snapshot(
        cls, snapshot_dir: Path, aliases: Mapping[str, str] | None = None
    ) -> RegionIndex:
        """Index all regions of a snapshot with their CBS labels and the packaged aliases."""
        from stadstrends.regions.history import region_list
        from stadstrends.regions.sources import read_herindeling

        regions = region_list(snapshot_dir)
        labels = read_herindeling(snapshot_dir).set_index("code")["label"]
        regions["label"] = regions["region_code"].map(labels)
        return cls(regions, load_aliases() if aliases is None else aliases)

    # -- resolve ---------------------------------------------------------------------------

    def resolve(self, query: str, level: str | None = None) -> str:
        """The one region code meant by ``query`` (code, name, CBS label or alias)."""
        if level is not None and level not in LEVEL_ORDER:
            raise InvalidParameter.worded("unknown_level", value=str(level),
                                          choices=", ".join(LEVEL_ORDER))
        text = query.strip()
        code = self._as_code(text, level)
        if code is not None:
            if code in self.regions and self._fits(code, level):
                return code
            if level == "gemeente":
                raise self._not_a_municipality(text, code)
            if code.startswith("GM"):  # as a municipality asked for ('show GM9999 ...')
                raise RegionNotFound.worded("unknown_region_code", code=code)
            raise RegionNotFound.worded("unknown_code", code=code, search=text[:3].lower())
        key = normalise(text)
        alias = self.aliases.get(key)
        if alias is not None and self._fits(alias, level):
            return alias
        candidates = [c for c in self._by_key.get(key, []) if self._fits(c, level)]
        if not candidates:
            raise self._not_found(text, level)
        best = self._preferred(candidates, level)
        if len(best) == 1:
            return best[0]
        listed = [f"{c} {self.regions[c]['label']}" for c in best]
        said = {"query": text, "listed": ", ".join(listed), "code": best[0],
                "label": self.regions[best[0]]["label"], "suggestions": best,
                "named": dict(zip(best, listed, strict=True)),
                "details": [{"code": c, "label": self.regions[c]["label"]} for c in best]}
        if all(self.regions[c]["level"] == "gemeente" for c in best):
            raise AmbiguousRegion.worded("ambiguous_region", **said)
        raise AmbiguousRegion.worded("ambiguous_region_of", noun=_noun(level), **said)

    def _not_a_municipality(self, text: str, code: str) -> RegionNotFound:
        """A code asked for as a municipality: a current region of another level says what it
        is ('CR10 is a COROP region'; 'PV26', Utrecht, suggests the municipality of that
        name, as a former region does), no region at all is unknown ('GM9999')."""
        region = self.regions.get(code)
        if region is None:
            return RegionNotFound.worded("unknown_region_code", code=code)
        same = [c for c in self._by_key.get(normalise(str(region["name"])), [])
                if self.regions[c]["level"] == "gemeente" and self.regions[c]["current"]]
        named = {c: f"{self.regions[c]['name']} ({c})" for c in same}  # 'Utrecht (GM0344)'
        if region["current"] and region["level"] != "gemeente":  # 'CR10': a COROP region
            return RegionNotFound.worded(f"region_is_{region['level']}", query=text.upper(),
                                         name=region["name"], code=code, suggestions=same,
                                         named=named)
        return RegionNotFound.worded("not_a_municipality", query=text.upper(),
                                     name=region["name"], suggestions=same, named=named)

    def _as_code(self, text: str, level: str | None) -> str | None:
        match = _CODE.fullmatch(text)
        if match is None:
            return None
        prefix = (match.group(1) or _PREFIX_OF_LEVEL.get(level or "gemeente")).upper()
        return f"{prefix}{int(match.group(2)):0{4 if prefix == 'GM' else 2}d}"

    def _fits(self, code: str, level: str | None) -> bool:
        return level is None or self.regions[code]["level"] == level

    def _preferred(self, candidates: list[str], level: str | None) -> list[str]:
        rows = [self.regions[c] for c in dict.fromkeys(candidates)]
        if any(r["current"] for r in rows):
            rows = [r for r in rows if r["current"]]
        if level is None:
            ranks = [LEVEL_ORDER.get(r["level"]) for r in rows]
            best = min((r for r in ranks if r is not None), default=None)
            rows = [r for r, rank in zip(rows, ranks, strict=True)
                    if rank is not None and rank == best]
        return [r["region_code"] for r in rows]

    def other_level(self, text: str) -> dict[str, Any] | None:
        """The current region of another level than a municipality that ``text`` names
        exactly (name, CBS label or alias: 'Limburg', 'Friesland', 'Twente', 'Nederland'),
        provinces first; None when it names none (or also a municipality: 'Utrecht')."""
        key = normalise(text)
        codes = [*([self.aliases[key]] if key in self.aliases else []),
                 *self._by_key.get(key, [])]
        rows = [self.regions[c] for c in dict.fromkeys(codes) if self.regions[c]["current"]]
        if not rows or any(r["level"] == "gemeente" for r in rows):
            return None
        return min(rows, key=lambda r: LEVEL_ORDER.get(r["level"], 9))

    def _not_found(self, text: str, level: str | None) -> RegionNotFound:
        """The error for a name that fits no region: an empty one says so; a province, COROP
        region or the country asked for as a municipality says what it is ('Limburg is a
        province') and how to list its municipalities; else suggested are the regions whose
        name, label or alias starts with it or has a word starting with it ('Nuenen',
        'Gerwen': Nuenen, Gerwen en Nederwetten), then current regions with a name close to
        it ('Zwole': Zwolle), former ones only when very close ('Reiderlnd'; not
        'Rimburg', gone since 1886, for 'Limburgg'); a name of no letter or digit is
        unknown, named."""
        if not text.strip():
            return RegionNotFound.worded("empty_region", query=text)
        if not normalise(text):  # only symbols or controls ('😀', NUL): named, escaped
            return RegionNotFound.worded("unreadable_region", query=text)
        other = self.other_level(text) if level == "gemeente" else None
        if other is not None:
            return RegionNotFound.worded(f"region_is_{other['level']}", query=text,
                                         name=other["name"], code=other["region_code"])
        first: dict[bool, dict[str, str]] = {True: {}, False: {}}  # current? key -> code
        for key, code, _ in self.keys:
            if level is None or self.regions[code]["level"] == level:
                first[self.regions[code]["current"]].setdefault(key, code)
        close = [first[True][k] for k in closest(normalise(text), list(first[True]), n=5,
                                                 cutoff=0.8)]
        # a former region only for a typo of its whole name ('Reiderlnd'), not 'Reiderland'
        close += [first[False][k] for k in closest(normalise(text), list(first[False]), n=2,
                                                   cutoff=0.9)]
        codes = (self._bracketed(text, level) + self._with_article(text, level)
                 + self._word_matches(normalise(text), level) + close)
        names = list(dict.fromkeys(self.regions[c]["display"] for c in codes))
        prefix = self.search_prefix(text, level)  # a search offered only where it finds one
        if _NOUN[level] == "municipality":  # in the words of the command's language
            return RegionNotFound.worded(
                "unknown_municipality" if prefix else "unknown_municipality_list", query=text,
                search=echo(prefix or ""), suggestions=names[:SUGGESTIONS])
        return RegionNotFound.worded(
            "unknown_region_of" if prefix or not level else "unknown_region_of_list",
            noun=_noun(level), query=text, search=echo(prefix or text.strip()[:3].lower()),
            level=level or "", suggestions=names[:SUGGESTIONS])

    def _bracketed(self, text: str, level: str | None) -> list[str]:
        """The regions (of ``level``) the name before a suffix in brackets names exactly
        ('Den Haag (gemeente)': 's-Gravenhage by its alias; 'Bergen (Zeeland)': both
        Bergens), current ones where any is; [] without such a suffix."""
        base = bracket_base(text)
        key = normalise(base) if base else ""
        codes = [*([self.aliases[key]] if key in self.aliases else []),
                 *self._by_key.get(key, [])]
        codes = [c for c in codes if self._fits(c, level)]
        return self._preferred(codes, level) if codes else []

    def _with_article(self, text: str, level: str | None) -> list[str]:
        """For a query typed with the article (''s-', ''t'), too short for a word search: the
        regions (of ``level``) with the article and what follows it, whole names first."""
        key = normalise(text)
        if not has_article(text) or not key:
            return []
        found: dict[str, bool] = {}  # code -> whether its name starts with the article
        for k, code, whole in self._article_keys:
            if k.startswith(key) and self._fits(code, level):
                found[code] = found.get(code, False) or whole
        rows = sorted((self.regions[c] for c in found), key=lambda r: (
            not found[r["region_code"]], not r["current"], LEVEL_ORDER.get(r["level"], 9),
            r["display"]))
        return [r["region_code"] for r in rows]

    def _word_matches(self, key: str, level: str | None) -> list[str]:
        """Codes of the regions (of ``level``) whose name, label or alias starts with ``key``
        or has a later word starting with it (keys of 3 characters or more), best first:
        whole-name starts, current regions, the level order, shorter names."""
        if len(key) < 3:
            return []
        found: dict[str, bool] = {}  # code -> whether a whole name starts with the key
        for k, code, kind in self.keys:
            if kind != "code" and k.startswith(key):
                found[code] = True
        for word, code in self.word_keys:
            if word.startswith(key):
                found.setdefault(code, False)
        rows = [self.regions[c] for c in found if self._fits(c, level)]
        rows.sort(key=lambda r: (not found[r["region_code"]], not r["current"],
                                 LEVEL_ORDER.get(r["level"], 9), len(r["display"]),
                                 r["display"]))
        return [r["region_code"] for r in rows]

    # -- search ----------------------------------------------------------------------------

    def search_prefix(self, text: str, level: str | None = None) -> str | None:
        """The first three letters of ``text`` (lower case) where a name (of ``level``) or its
        word starts so: a search worth offering; None for a code ('GM9999': 'gm9' finds
        Groningen via Ten Boer's GM0009) or for 'Xyzstad' ('xyz': look-alikes only)."""
        prefix = text.strip()[:3].lower()
        if _TYPED_CODE.match(text.strip()) or not self._word_matches(normalise(prefix), level):
            return None
        return prefix

    def named(self, query: str) -> bool:
        """Whether a code, name, label or alias (or a word of one) starts with ``query``: not
        only look-alikes ('Xyzstad': Lelystad, Zaanstad)."""
        key = normalise(query)
        return bool(key) and (any(k.startswith(key) for k, _, _ in self.keys)
                              or any(w.startswith(key) for w, _ in self.word_keys)
                              or self._as_code(query.strip(), None) in self.regions)

    def search(self, query: str, limit: int = 10) -> list[tuple[str, str, str, float]]:
        """Best matches as ``(code, display name, level, score)``, score in 0..1, best first.

        An exact code, name, CBS label or alias scores 1.0; one starting with the query
        0.8-1.0; a name, label or alias with a later word starting with it 0.6-0.8
        ('amsterdam' finds Groot-Amsterdam, 'den bosch' not Oudenbosch, a set id not the
        municipality whose code holds its digits). A query typed with the article (''s-')
        finds the names with it ('s-Gravenhage, former ones, Agglomeratie 's-Gravenhage), not
        Sluis; 'Den Haag (gemeente)' what the name before the brackets names, at 0.9.
        Only when none of these match is a fuzzy ratio (x0.8) on names and aliases used, so
        'den haag' does not also find Oldenzaal. Dissolved regions lose 0.05 so current ones
        come first; a fuzzy hit below 0.5 after that is none.
        """
        key = normalise(query)
        if not key or limit <= 0:
            return []
        # ''s-': the names with the article from it on, whole names first
        hits = [(c, 1.0 if k == key else (0.8 if whole else 0.6) + 0.2 * len(key) / len(k))
                for k, c, whole in self._article_keys if k.startswith(key)
                ] if has_article(query) else []
        if not hits:
            hits = [(c, 1.0 if k == key else 0.8 + 0.2 * len(key) / len(k))
                    for k, c, _ in self.keys if k.startswith(key)]
            hits += [(c, 0.6 + 0.2 * len(key) / len(w)) for w, c in self.word_keys
                     if w.startswith(key)]
        if not hits:  # 'Den Haag (gemeente)': the name before the brackets, not 'gemeente'
            hits = [(c, 0.9) for c in self._bracketed(query, None)]
        fuzzy = not hits
        if fuzzy:
            hits = [(c, alike(key, k) * 0.8) for k, c, kind_ in self.keys if kind_ != "code"]
        code = self._as_code(query.strip(), None)
        if code is not None and code in self.regions:
            hits.append((code, 1.0))
        best: dict[str, float] = {}
        for c, score in hits:
            if score > 0:
                best[c] = max(best.get(c, score), score)
        result = []
        for c in sorted(best):
            region = self.regions[c]
            score = best[c] - (0.0 if region["current"] else 0.05)
            if fuzzy and score < 0.5 and c != code:  # a former one too: at least 0,5 alike
                continue  # (Wouw for 'ljouw': 0,48, shown as Roosendaal, until session 55)
            score = min(max(round(score * 1000) / 1000, 0.0), 1.0)  # as numpy rounds
            result.append((c, region["display"], region["level"], score))
        result.sort(key=lambda r: (-r[3], missing_last(LEVEL_ORDER.get(r[2])), missing_last(r[1])))
        return result[:limit]
