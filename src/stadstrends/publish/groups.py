"""Comparison groups as publish sees them: the group a municipality is compared with (its
default, or one chosen by id or by the region code that names it), its label and size, and
how a text names it ('de 64 gemeenten met 50.000 tot 100.000 inwoners', 'de <set>')."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from stadstrends import vocabulary
from stadstrends.errors import GroupNotFound, InvalidParameter
from stadstrends.paths import rebuild_command
from stadstrends.publish.format import fmt_number
from stadstrends.publish.relations import relations
from stadstrends.publish.sentence_words import GROUP_WORDS

if TYPE_CHECKING:  # annotations only: `regions` runs without the duckdb package's Python layer
    import duckdb

#: a municipality's ``peers`` rows (parameters: its code, its comparison group): those within
#: the group first where the build made them (the report's list, the page's first), then
#: those among all municipalities (the report's list otherwise, the page's second), then any
#: other set; nearest first within each (not two sets' first ranks in turn)
PEERS_SQL = ("SELECT peer_set, peer_rank, peer_code, peer_name, distance FROM peers "
             "WHERE region_code = ? ORDER BY peer_set = ? DESC, peer_set = 'all' DESC, "
             "peer_set, peer_rank")
COUNTED = ("size", "urbanity", "typology", "province", "corop", "country")  # '<n> <label>'


def group_row(con: duckdb.DuckDBPyConnection, set_id: str) -> dict[str, Any] | None:
    """``set_id, family, label_nl, label_en, n_members, population_year`` of a comparison
    group, or None."""
    cur = con.execute("SELECT set_id, family, label_nl, label_en, n_members, population_year "
                      "FROM comparison_groups WHERE set_id = ?", [set_id])
    row = cur.fetchone()
    return dict(zip([d[0] for d in cur.description], row, strict=True)) if row else None


def groups_of(con: duckdb.DuckDBPyConnection, code: str) -> list[str]:
    """The groups the municipality ``code`` can be compared within (those it is in, and
    those ``comparison_extra`` adds: a member of a small named set within a larger one),
    default first."""
    return [r[0] for r in con.execute("""
        WITH mine AS (
            SELECT set_id FROM comparison_group_members
            WHERE coalesce(focal_code, region_code) = $code
            UNION SELECT set_id FROM comparison_extra WHERE region_code = $code)
        SELECT m.set_id, d.set_id IS NOT NULL AS is_default FROM mine m
        LEFT JOIN default_group d ON d.region_code = $code AND d.set_id = m.set_id
        ORDER BY is_default DESC, m.set_id""", {"code": code}).fetchall()]


def choices(con: duckdb.DuckDBPyConnection, code: str) -> list[dict[str, Any]]:
    """The groups of :func:`groups_of` in one query, each as ``set_id, family, label_nl,
    label_en, n, population_year, member`` (for a menu of groups, its labels by
    :func:`group_label`; :func:`describe` gives one in full). ``n``: its members, a peer
    group's those of ``code``'s own (it and its peers); ``member``: whether ``code`` is one
    (not in a group of ``comparison_extra``)."""
    cur = con.execute("""
        WITH mine AS (
            SELECT set_id, bool_or(member) AS member FROM (
                SELECT set_id, true AS member FROM comparison_group_members
                WHERE coalesce(focal_code, region_code) = $code
                UNION ALL SELECT set_id, false FROM comparison_extra WHERE region_code = $code)
            GROUP BY set_id),
        own AS (SELECT set_id, count(*) AS n FROM comparison_group_members
                WHERE focal_code = $code GROUP BY set_id)
        SELECT g.set_id, g.family, g.label_nl, g.label_en,
               coalesce(o.n, g.n_members)::INTEGER AS n, g.population_year, m.member
        FROM mine m JOIN comparison_groups g USING (set_id) LEFT JOIN own o USING (set_id)
        LEFT JOIN default_group d ON d.region_code = $code AND d.set_id = m.set_id
        ORDER BY d.set_id IS NOT NULL DESC, m.set_id""", {"code": code})
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


def peer_members(con: duckdb.DuckDBPyConnection, set_id: str, code: str
                 ) -> list[dict[str, str]]:
    """The members of ``code``'s own peer group ``set_id`` but ``code``, ``code, name``, the
    nearest first (``peer_rank``, schema 39)."""
    return [{"code": c, "name": n} for c, n in con.execute("""
        SELECT m.region_code, (SELECT name FROM regions r WHERE r.region_code = m.region_code
                               ORDER BY valid_to IS NULL DESC LIMIT 1)
        FROM comparison_group_members m
        WHERE m.set_id = ? AND m.focal_code = ? AND m.region_code <> ?
        ORDER BY m.peer_rank, 1""", [set_id, code, code]).fetchall()]


def default_set(con: duckdb.DuckDBPyConnection, code: str) -> str | None:
    """The municipality's default comparison group (``default_group``), or None."""
    row = con.execute("SELECT set_id FROM default_group WHERE region_code = ?",
                      [code]).fetchone()
    return row[0] if row else None


def group_label(group: dict[str, Any], lang: str, dated: bool = True) -> str:
    """The group's label in ``lang``; a size group's with the date of the population CBS
    classed it on ('gemeenten met 20.000 tot 50.000 inwoners op 1 januari 2025': Hollands
    Kroon had 49.982 inhabitants then and 50.592 in 2026), unless ``dated`` is False. In a
    language without labels (a third language file on the dashboard): the English."""
    text = group.get(f"label_{lang}") or group["label_en"]
    year = group.get("population_year")
    if dated and group["family"] == "size" and year is not None and year == year:  # not NaN
        text += GROUP_WORDS[lang]["population"].format(year=int(year))
    return text


def phrase(group: dict[str, Any], lang: str, dated: bool = True, again: bool = False,
           count: int | str | None = None, sentence: bool = False) -> str:
    """How a text names the group: 'de 64 gemeenten met 50.000 tot 100.000 inwoners op 1
    januari 2025', 'alle 342 gemeenten van Nederland', 'de <set>', 'the <set> of 2017' (a
    named set's id without and with its year), the peers of ``group['city']`` (their number
    ``group['peers']``, see :func:`describe`): 'Zwolle en de 10 gemeenten die er qua
    structuur het meest op lijken' (``group_phrase``), not counted; a group of one: 'de
    enige gemeente van COROP-gebied ...'. Not ``dated``: without a size group's population
    date, for the sentences that name the group again and again (the cover and the method
    give the date; 56 times in Hollands Kroon's report was too many, and two dates in one
    clause).
    ``again``: the short name of a group already named in the same section, where the
    language file has one for its family (``group_again``: 'de 180 gemeenten van deze
    grootte'), else the same phrase. ``count``: a counted group's phrase with this count
    instead of its members ('de {n} gemeenten met ...', 'de {n} gemeenten van Nederland':
    those with a figure), '' for a group whose phrase does not count its members.
    ``sentence``: as a sentence about the city names the group after '... van': a type
    without its description in brackets ('de 13 gemeenten van type 1', not '... (veel
    inwoners met een migratieachtergrond, groot inwonertal) (mediaan ...)', two brackets in
    a row), the peers without the city, which is the sentence's subject ('de 11 structureel
    vergelijkbare gemeenten', counted, not 'Zwolle zit boven de mediaan van Zwolle en de
    10 ...'); the intros name a type in full (``intro_*`` of :func:`describe`)."""
    words = GROUP_WORDS[lang]
    label = group_label(group, lang, dated)
    if sentence and group["family"] == "peers" and group.get("city"):
        return vocabulary.section(lang, "group_phrase")["peers_sentence"].format(
            n=group["n_members"] if count is None else count)
    if sentence and group["family"] == "typology":
        label = label.split(" (")[0]  # the description in brackets: in the intros
    if group["family"] == "peers" and group.get("city"):
        # its label is a relative clause about 'deze gemeente', and leaves out the city,
        # which the group holds: 'Zwolle en de 10 gemeenten die er ... het meest op lijken'
        return "" if count is not None else vocabulary.section(lang, "group_phrase")[
            "peers"].format(city=group["city"], n=group["peers"])
    if group["family"] == "named":
        if count is not None:
            return ""
        name, _, year = group["set_id"].partition("_")
        return (words["named_year"].format(name=name, year=year) if year
                else words["named"].format(name=name))
    if group["family"] not in COUNTED:
        return "" if count is not None else label
    article = next((a for a in words["articles"] if label.lower().startswith(a)), None)
    rest = label[len(article):] if article else label
    lead = (article or words['article'] + ' ').strip()
    short = vocabulary.section(lang, "group_again").get(group["family"]) if again else None
    if count is not None:  # 'alle 342 gemeenten' but 'de 300 gemeenten' of them
        return f"{words['article']} {count} {short or rest}"
    if group["n_members"] == 1 and rest.startswith(words["plural"]):
        # a group of one (COROP-gebied Delfzijl en omgeving: Eemsdelta), not 'de 1 gemeenten'
        return f"{lead} {words['single']}{rest[len(words['plural']):]}"
    return f"{lead} {group['n_members']} {short or rest}"


def counted(group: dict[str, Any]) -> bool:
    """Whether :func:`phrase` names the group's number of members ('de 64 gemeenten met
    ...'; not 'de {group}')."""
    return group["family"] in COUNTED and group["n_members"] != 1


def short(group: dict[str, Any], lang: str) -> str:
    """The group in a legend or a column header: a named set's name ('<set>', '<set> (2017)'),
    else 'Vergelijkingsgroep' / 'Comparison group'."""
    if group["family"] == "named":
        name, _, year = group["set_id"].partition("_")
        return f"{name} ({year})" if year else name
    return GROUP_WORDS[lang]["short"]


def describe(con: duckdb.DuckDBPyConnection, set_id: str, code: str) -> dict[str, Any]:
    """The group as the report, web and API show it: id, family, labels, n, phrases and
    short names (nl, en), how an intro names it (``intro_*``: in full, undated), how
    sentences name it (``mention_*`` at first, ``again_*`` after in the same section;
    ``mention_n_*``, ``again_n_*``: counting ``{n}`` members, '' when the phrase does not
    count them; see :func:`phrase` ``sentence``), whether it is the municipality's
    default and whether the municipality is a member (one compared within a group of
    ``comparison_extra`` is not); a peer group's also ``city``, ``peers`` (their number) and
    ``peer_members`` (:func:`peer_members`); a size group's CBS size classes
    (``size_classes``, :func:`size_classes`)."""
    row = group_row(con, set_id)
    if row is None:
        examples = con.execute("SELECT string_agg(set_id, ', ' ORDER BY set_id) FROM ("
                               "SELECT max(set_id) AS set_id FROM comparison_groups "
                               "GROUP BY family)").fetchone()[0]
        raise GroupNotFound.worded("unknown_group", group=set_id, examples=examples or "")
    member = con.execute("SELECT count(*) FROM comparison_group_members WHERE set_id = ? "
                         "AND coalesce(focal_code, region_code) = ?", [set_id, code]
                         ).fetchone()[0] > 0
    if row["family"] == "peers":  # the city and its peers: 11 members, 10 peers
        row = {**row, **dict(zip(("city", "n_members"), con.execute(
            "SELECT (SELECT name FROM regions WHERE region_code = $code "
            "ORDER BY valid_to IS NULL DESC LIMIT 1), count(*) "
            "FROM comparison_group_members WHERE set_id = $set AND focal_code = $code",
            {"code": code, "set": set_id}).fetchone(), strict=True))}
        row["peers"] = row["n_members"] - 1  # its own group's size, not the largest one's
        row["peer_members"] = peer_members(con, set_id, code)  # as the page lists them
    return {**row, "n": row["n_members"], "member": member, "counted": counted(row),
            "class_inhabitants": class_inhabitants(con, row, [code]).get(code),
            "series_inhabitants": series_inhabitants(con, row, code),
            "size_classes": size_classes(con, row),
            "phrase_nl": phrase(row, "nl"),
            "phrase_en": phrase(row, "en"), "short_nl": short(row, "nl"),
            **{f"intro_{lang}": phrase(row, lang, dated=False, sentence=row["family"] == "peers")
               for lang in ("nl", "en")},  # the intros speak of the city too
            **{f"{key}_{lang}": phrase(row, lang, dated=False, again=again, count=count,
                                       sentence=True)
               for lang in ("nl", "en")
               for key, again, count in (("mention", False, None), ("again", True, None),
                                         ("mention_n", False, "{n}"),
                                         ("again_n", True, "{n}"))},
            "short_en": short(row, "en"), "is_default": set_id == default_set(con, code)}


def _size_year(group: dict[str, Any]) -> int | None:
    """The year of the inhabitants a size group is classed by (``population_year``), None for
    any other family or without one."""
    year = group.get("population_year")
    if group.get("family") != "size" or year is None or year != year:  # NaN
        return None
    return int(year)


def size_classes(con: duckdb.DuckDBPyConnection, group: dict[str, Any]) -> list[int]:
    """The CBS size classes (gemeentegrootte, 1-8) a size group holds, as the regions stage
    stored them from ``groups.yaml`` (``group_classes``): GK1 [1, 2], GK5 [5]; [] for any
    other family (or a warehouse without the table)."""
    if group.get("family") != "size" or "group_classes" not in relations(con):
        return []
    return [c for (c,) in con.execute(
        "SELECT class_code FROM group_classes WHERE set_id = ? AND class_column = 'size_class' "
        "ORDER BY class_code", [group["set_id"]]).fetchall()]


def class_inhabitants(con: duckdb.DuckDBPyConnection, group: dict[str, Any],
                      codes: list[str]) -> dict[str, int]:
    """Code -> inhabitants on 1 January of a size group's ``population_year``, the figure
    CBS classed the municipality by (``municipality_classes``, Gebieden in Nederland), for
    the ``codes`` in the group's year; {} for any other family. Eemnes: 9 927 in 2025 in
    GK1 ('minder dan 10.000 inwoners'), 10 065 in 2026, as its key figure says."""
    year = _size_year(group)
    if year is None:
        return {}
    return dict(con.execute("SELECT region_code, inhabitants FROM municipality_classes "
                            "WHERE year = ? AND list_contains(?, region_code) "
                            "AND inhabitants IS NOT NULL", [year, codes]).fetchall())


def series_inhabitants(con: duckdb.DuckDBPyConnection, group: dict[str, Any], code: str
                       ) -> float | None:
    """The city's inhabitants on 1 January of a size group's ``population_year`` in the
    population series (indicator ``population``, CBS's population tables), None without a
    figure or for any other family: it can differ by a few from the figure CBS classed the
    municipality by (Zevenaar 2025: 45 215 against 45 212)."""
    year = _size_year(group)
    if year is None:
        return None
    row = con.execute("SELECT value FROM indicator_results WHERE indicator_id = 'population' "
                      "AND region_code = ? AND year = ? AND value IS NOT NULL",  # the view
                      [code, year]).fetchone()  # indicator_values' rows, without its joins
    return None if row is None or row[0] is None else float(row[0])


#: the lower bounds of CBS's size classes 2-8 (gemeentegrootte: 1 fewer than 5 000
#: inhabitants, ..., 8 250 000 or more), for the class of a figure the population series has
SIZE_CLASS_FROM = (5_000, 10_000, 20_000, 50_000, 100_000, 150_000, 250_000)


def _size_class(n: float) -> int:
    """CBS's size class (1-8) of ``n`` inhabitants."""
    return 1 + sum(round(n) >= bound for bound in SIZE_CLASS_FROM)


def series_moves(group: dict[str, Any]) -> bool:
    """Whether the population series' figure for the classing date (``series_inhabitants``)
    would put the city in a size class the group does not hold (``size_classes``, the
    warehouse's ``group_classes``; without them the class of the classed figure): then the
    two figures change the group and page 1 names both. None of the 342 in 2025: the
    nearest, Vaals (10.015 classed, 10.007 in the series) and Hardinxveld-Giessendam
    (19.987, 19.983), stay within their class."""
    series, n = group.get("series_inhabitants"), group.get("class_inhabitants")
    if series is None or n is None or round(series) == n:
        return False
    return _size_class(series) not in (group.get("size_classes") or [_size_class(n)])


def class_sentence(group: dict[str, Any], city: str, lang: str, *, page: bool = True,
                   pointer: bool = False) -> str:
    """' Het CBS deelde de gemeente in met 9.927 inwoners op 1 januari 2025, de datum van die
    indeling.'
    (short: the longest name's cover keeps a line to spare) after the line naming a size
    group the city is in (``group['class_inhabitants']``, :func:`describe`), so its newer
    key figure (10.065 in 2026) does not seem to contradict 'minder dan 10.000 inwoners';
    where the population series has another figure for that date, both, each with its
    date and source (Zevenaar: 45.212 in Gebieden in Nederland, 45.215 in its population
    figures, both 1 January 2025), on page 1 (``page``) only where the other figure would
    change the group (:func:`series_moves`), else in the Verantwoording (``page=False``:
    that sentence or ''; 269 of the 342 reports said it on page 1 before session 56, Dijk en
    Waard's 90.745 and 90.747); '' otherwise. ``pointer`` (the report's page 1, which has a
    Verantwoording): where the other figure stands there, page 1's sentence says so
    ('...; de bevolkingscijfers van het CBS geven voor die dag een iets ander aantal (zie
    Verantwoording)': a reader saw 39.576 on page 1 and 39.586 in the charts, unexplained)."""
    n = group.get("class_inhabitants")
    if n is None or not group.get("member", True):
        return ""
    year = int(group["population_year"])
    series = group.get("series_inhabitants")
    both = series is not None and round(series) != n  # two CBS figures for one date
    if both and page == series_moves(group):  # page 1 where it changes the group
        return " " + vocabulary.word(lang, "report", "group_class_series", city=city,
                                     year=year, n=fmt_number(n, 0, lang),
                                     m=fmt_number(series, 0, lang))
    key = "group_class_see" if both and pointer else "group_class"
    return " " + vocabulary.word(lang, "report", key, city=city, year=year,
                                 n=fmt_number(n, 0, lang)) if page else ""


def resolve_group(con: duckdb.DuckDBPyConnection, code: str, name: str,
                  text: str | None = None) -> dict[str, Any]:
    """The group municipality ``code`` is compared within: its default when ``text`` is
    empty, else the group ``text`` names (an id such as GK5, TY3, PEERS, a named set, or the
    province or COROP code of a group: PV26, CR17). A clear error naming ``text`` when no
    group has that name or the municipality is not in it."""
    mine = groups_of(con, code)
    if not text or not text.strip():
        if not mine:
            raise GroupNotFound.worded("no_group", name=name, code=code,
                                     build=rebuild_command(con))
        return describe(con, default_set(con, code) or mine[0], code)
    key = text.strip().upper()
    known = {r[0] for r in con.execute("SELECT set_id FROM comparison_groups").fetchall()}
    match = key if key in known else next(
        (s for s in sorted(known) if s.split("_")[0] == key), None)
    if match is None:  # 'Bedoelde u: ...?': the municipality's groups closest to a typo
        from stadstrends.closest import closest

        close = closest(key, sorted(mine))
        raise GroupNotFound.worded("unknown_group_for", group=text.strip(), name=name,
                                   groups=_coded(con, code), labels=_labels(con, code),
                                   suggestions=close)
    if match not in mine:
        raise InvalidParameter.worded("not_in_group", name=name, code=code, group=match,
                                      groups=_coded(con, code), labels=_labels(con, code),
                                      label=_label(con, match))
    return describe(con, match, code)


def _labels(con: duckdb.DuckDBPyConnection, code: str) -> dict[str, str]:
    """The groups of :func:`choices` per language as an error names them to a page's
    reader: their labels ('COROP-gebied Utrecht; ...'), not their ids."""
    rows = choices(con, code)
    return {lang: "; ".join(group_label(r, lang) for r in rows) for lang in vocabulary.languages()}


def _coded(con: duckdb.DuckDBPyConnection, code: str) -> dict[str, str]:
    """The groups of :func:`choices` per language as the command line's hint names them: the
    code to type with its label ('CR17: COROP-gebied Utrecht; GK6: gemeenten met
    100.000 tot 150.000 inwoners op 1 januari 2025; ...'): codes alone told nothing."""
    rows = choices(con, code)
    return {lang: "; ".join(f"{r['set_id']}: {group_label(r, lang)}" for r in rows)
            for lang in vocabulary.languages()}


def _label(con: duckdb.DuckDBPyConnection, set_id: str) -> dict[str, str]:
    row = group_row(con, set_id)
    return {lang: group_label(row, lang) if row else set_id for lang in vocabulary.languages()}
