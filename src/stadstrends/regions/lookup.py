"""Resolve user input (codes, names, aliases) to region codes.

Matching ignores case, accents and punctuation; a leading article (``'s-``/``'t``) may be
left out (``'Hertogenbosch'``). When a name fits several regions: an alias wins, then
current regions beat dissolved ones, then (without an explicit ``level``) the level order
gemeente > provincie > landsdeel > corop > land decides (``'Utrecht'`` = the municipality).
A tie that remains (``'Bergen'``) raises :class:`AmbiguousRegion` listing the candidates.
Names shared by several regions are shown as CBS labels them (:func:`display_names`).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Mapping
from pathlib import Path

import pandas as pd
import yaml

from stadstrends.errors import CatalogueError, InvalidParameter, RegionNotFound
from stadstrends.regions.history import region_list
from stadstrends.regions.sources import read_herindeling
from stadstrends.yamlfiles import load_yaml

ALIASES_FILE = Path(__file__).with_name("aliases.yaml")
LEVEL_ORDER = {"gemeente": 0, "provincie": 1, "landsdeel": 2, "corop": 3, "land": 4}
_PREFIX_OF_LEVEL = {
    "gemeente": "GM",
    "corop": "CR",
    "provincie": "PV",
    "landsdeel": "LD",
    "land": "NL",
}
_NOUN = {
    None: "municipality",
    "gemeente": "municipality",
    "corop": "COROP region",
    "provincie": "province",
    "landsdeel": "landsdeel",
    "land": "country",
}
_CODE = re.compile(r"(?i)(gm|cr|pv|ld|nl)?\s*(\d{1,4})")
_ARTICLE = re.compile(r"^['’`]?[st][-\s]+(?=\w)", re.IGNORECASE)


class AmbiguousRegion(RegionNotFound):
    """A name fits several regions equally well; ``suggestions`` lists their codes."""

    status = 400
    code = "region_ambiguous"


def normalise(text: str) -> str:
    """Comparison key: no accents, case, spaces or punctuation (``'s-Hertogenbosch'`` ->
    ``'shertogenbosch'``)."""
    ascii_ = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]", "", ascii_.lower())


def _keys(series: pd.Series) -> pd.Series:
    return series.fillna("").map(normalise)


def _later_words(text: str) -> list[str]:
    """Comparison keys of ``text`` from each later word on ('Groot-Amsterdam' ->
    ``['amsterdam']``), so a query may match from a word start but not mid-word."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return [normalise(plain[m.start():]) for m in re.finditer(r"(?<=[^a-z0-9])[a-z0-9]", plain)]


def display_names(regions: pd.DataFrame) -> pd.Series:
    """The name to show per row: the CBS label (``'Bergen (NH.)'``, ``'Utrecht (PV)'``) when
    another region has the same name, else the name. ``regions`` has ``region_code, name``
    and optionally ``label``."""
    label = regions["label"] if "label" in regions else regions["name"]
    shared = regions.groupby("name")["region_code"].transform("nunique") > 1
    return regions["name"].where(~shared | label.isna(), label)


def load_aliases(path: Path = ALIASES_FILE) -> dict[str, str]:
    """Alias -> region code from ``aliases.yaml``."""
    try:
        data = load_yaml(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise CatalogueError(f"Cannot read aliases {path}: {exc}") from exc
    if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
        raise CatalogueError(f"{path} must map alias names to region codes")
    return {str(k): v for k, v in data.items()}


class RegionIndex:
    """Name/code index over a region list (see :func:`~.history.region_list`).

    ``regions`` needs ``region_code, name, level, valid_to``; an optional ``label``
    column (CBS label such as ``'Bergen (NH.)'``) is indexed too and shown for ambiguity.
    """

    def __init__(self, regions: pd.DataFrame, aliases: Mapping[str, str]) -> None:
        regions = regions.drop_duplicates("region_code").reset_index(drop=True)
        if "label" not in regions:
            regions = regions.assign(label=regions["name"])
        regions["label"] = regions["label"].fillna(regions["name"])
        regions["display"] = display_names(regions)
        regions["current"] = regions["valid_to"].isna()
        self.regions = regions.set_index("region_code", drop=False)
        unknown = sorted(set(aliases.values()) - set(self.regions.index))
        if unknown:
            raise CatalogueError(f"Aliases point to unknown region codes: {', '.join(unknown)}")
        self.aliases: dict[str, str] = {}
        for alias, code in aliases.items():
            key = normalise(alias)
            if self.aliases.get(key, code) != code:
                raise CatalogueError(f"Alias {alias!r} maps to two codes")
            self.aliases[key] = code
        code, name, label = regions["region_code"], regions["name"], regions["label"]
        without_article = name.str.replace(_ARTICLE, "", regex=True)
        keys = pd.concat(
            [
                pd.DataFrame({"key": _keys(code), "region_code": code, "kind": "code"}),
                pd.DataFrame({"key": _keys(name), "region_code": code, "kind": "name"}),
                pd.DataFrame({"key": _keys(label), "region_code": code, "kind": "name"}),
                pd.DataFrame({"key": _keys(without_article), "region_code": code,
                              "kind": "name"}),
                pd.DataFrame({"key": list(self.aliases),
                              "region_code": list(self.aliases.values()), "kind": "alias"}),
            ]
        )
        self.keys = keys[keys["key"] != ""].drop_duplicates(ignore_index=True)
        texts = pd.concat([pd.Series(code.values, index=name.values),
                           pd.Series(code.values, index=label.values),
                           pd.Series(list(self.aliases.values()), index=list(aliases))])
        self.word_keys = pd.DataFrame(
            [(word, c) for text, c in texts.items() for word in _later_words(str(text))],
            columns=["key", "region_code"]).drop_duplicates(ignore_index=True)
        self._by_key = self.keys.groupby("key")["region_code"].agg(list).to_dict()

    @classmethod
    def from_snapshot(
        cls, snapshot_dir: Path, aliases: Mapping[str, str] | None = None
    ) -> RegionIndex:
        """Index all regions of a snapshot with their CBS labels and the packaged aliases."""
        regions = region_list(snapshot_dir)
        labels = read_herindeling(snapshot_dir).set_index("code")["label"]
        regions["label"] = regions["region_code"].map(labels)
        return cls(regions, load_aliases() if aliases is None else aliases)

    # -- resolve ---------------------------------------------------------------------------

    def resolve(self, query: str, level: str | None = None) -> str:
        """The one region code meant by ``query`` (code, name, CBS label or alias)."""
        if level is not None and level not in LEVEL_ORDER:
            raise InvalidParameter(
                f"Unknown region level {level!r}", hint=f"use one of {', '.join(LEVEL_ORDER)}"
            )
        text = query.strip()
        code = self._as_code(text, level)
        if code is not None:
            if code in self.regions.index and self._fits(code, level):
                return code
            raise RegionNotFound(
                f"Unknown {_NOUN[level]} code '{code}'",
                hint=f"search by name, e.g. `stadstrends regions {text[:3].lower()}`",
            )
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
        listed = [f"{c} {self.regions.at[c, 'label']}" for c in best]
        raise AmbiguousRegion(
            f"Ambiguous {_NOUN[level]} '{text}': {', '.join(listed)}",
            hint="use a code or the CBS label, e.g. "
            f"'{self.regions.at[best[0], 'label']}' or {best[0]}",
            suggestions=best,
            details=[{"code": c, "label": self.regions.at[c, "label"]} for c in best],
        )

    def _as_code(self, text: str, level: str | None) -> str | None:
        match = _CODE.fullmatch(text)
        if match is None:
            return None
        prefix = (match.group(1) or _PREFIX_OF_LEVEL.get(level or "gemeente")).upper()
        return f"{prefix}{int(match.group(2)):0{4 if prefix == 'GM' else 2}d}"

    def _fits(self, code: str, level: str | None) -> bool:
        return level is None or self.regions.at[code, "level"] == level

    def _preferred(self, candidates: list[str], level: str | None) -> list[str]:
        rows = self.regions.loc[list(dict.fromkeys(candidates))]
        if rows["current"].any():
            rows = rows[rows["current"]]
        if level is None:
            rank = rows["level"].map(LEVEL_ORDER)
            rows = rows[rank == rank.min()]
        return rows["region_code"].tolist()

    def _not_found(self, text: str, level: str | None) -> RegionNotFound:
        keys = self.keys
        if level is not None:
            keys = keys[keys["region_code"].map(self.regions["level"]) == level]
        close = difflib.get_close_matches(normalise(text), keys["key"].unique(), n=5, cutoff=0.8)
        by_key = keys.groupby("key")["region_code"].first()
        codes = self._rank_current(by_key.loc[close].tolist()) if close else []
        names = list(dict.fromkeys(self.regions.loc[codes, "display"]))
        return RegionNotFound(
            f"Unknown {_NOUN[level]} '{text}'",
            hint=f"try `stadstrends regions {text[:3].lower()}`",
            suggestions=names,
        )

    def _rank_current(self, codes: list[str]) -> list[str]:
        current = self.regions.loc[codes, "current"]
        return [c for c in codes if current[c]] + [c for c in codes if not current[c]]

    # -- search ----------------------------------------------------------------------------

    def search(self, query: str, limit: int = 10) -> list[tuple[str, str, str, float]]:
        """Best matches as ``(code, display name, level, score)``, score in 0..1, best first.

        An exact code, name, CBS label or alias scores 1.0; one starting with the query
        0.8-1.0; a name, label or alias with a later word starting with it 0.6-0.8
        ('amsterdam' finds Groot-Amsterdam, 'den bosch' not Oudenbosch, a set id not the
        municipality whose code holds its digits).
        Only when none of these match is a fuzzy ratio (x0.8, at least 0.5) on names and
        aliases used, so 'den haag' does not also find Oldenzaal. Dissolved regions lose 0.05
        so current ones come first.
        """
        key = normalise(query)
        if not key or limit <= 0:
            return []
        keys, words = self.keys["key"], self.word_keys["key"]
        score = pd.Series(0.0, index=keys.index).mask(
            keys.str.startswith(key), 0.8 + 0.2 * len(key) / keys.str.len()).mask(keys == key, 1.0)
        hits = pd.concat([
            self.keys.assign(score=score)[["region_code", "score"]],
            self.word_keys.assign(score=0.6 + 0.2 * len(key) / words.str.len())[
                words.str.startswith(key)][["region_code", "score"]],
        ])
        if not (hits["score"] > 0).any():
            names = self.keys[self.keys["kind"] != "code"]
            ratio = names["key"].map(lambda k: difflib.SequenceMatcher(None, key, k).ratio())
            hits = names.assign(score=(ratio * 0.8).where(ratio * 0.8 >= 0.5, 0.0))
        code = self._as_code(query.strip(), None)
        if code is not None and code in self.regions.index:
            hits = pd.concat([hits, pd.DataFrame({"region_code": [code], "score": [1.0]})])
        hits = hits[hits["score"] > 0].groupby("region_code")["score"].max()
        meta = self.regions.loc[hits.index]
        result = meta.assign(score=(hits - 0.05 * (~meta["current"])).round(3).clip(0, 1))
        result = result.assign(order=result["level"].map(LEVEL_ORDER)).sort_values(
            ["score", "order", "display"], ascending=[False, True, True]
        )
        return [
            (r.region_code, r.display, r.level, float(r.score))
            for r in result.head(limit).itertuples(index=False)
        ]
