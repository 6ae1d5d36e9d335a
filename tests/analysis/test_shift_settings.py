"""The thresholds of humps, steps and small counts are build settings (settings.yaml), not
constants in code: a changed value changes the tables, the build records it in
``build_info``, the report's method states the recorded value, and a bad value is refused
naming the field."""

from __future__ import annotations

import math
import shutil

import duckdb
import pytest
import yaml

from stadstrends.analysis.humps import build_humps
from stadstrends.analysis.steps import build_steps
from stadstrends.errors import InvalidParameter
from stadstrends.publish.report.data import load_city
from stadstrends.publish.report.sections import accountability
from stadstrends.settings import LIST_FIELDS, BuildSettings, default_settings, load_settings

FIELDS = ("shift_min_change", "shift_usual_multiple", "shift_own_multiple",
          "shift_resolution_multiple", "hump_max_years", "step_min_years_after", "small_count")


def test_the_build_records_the_thresholds(wh) -> None:
    info = dict(zip([d[0] for d in wh.execute("SELECT * FROM build_info").description],
                    wh.execute("SELECT * FROM build_info").fetchone(), strict=True))
    s = default_settings()
    for name in FIELDS:
        assert float(info[name]) == float(getattr(s, name)), name
    assert BuildSettings.from_info(info) == s


def test_a_larger_minimum_change_keeps_only_larger_shifts(warehouse_path, tmp_path) -> None:
    copy = tmp_path / "w.duckdb"
    shutil.copy(warehouse_path, copy)
    with duckdb.connect(str(copy)) as con:
        before = con.execute("SELECT count(*) FROM series_humps").fetchone()[0]
        steps_before = con.execute("SELECT count(*) FROM series_steps").fetchone()[0]
        wide = default_settings().model_copy(update={"shift_min_change": 0.3,
                                                     "step_min_years_after": 3})
        build_humps(con, settings=wide)
        build_steps(con, settings=wide)
        sizes = [r[0] for r in con.execute("SELECT size FROM series_humps").fetchall()]
        steps = con.execute("SELECT size, year, last_year FROM series_steps").fetchall()
    assert 0 < len(sizes) < before and len(steps) < steps_before
    assert min(sizes) >= math.log(1.3) - 1e-12
    assert all(size >= math.log(1.3) - 1e-12 and last - year >= 3 for size, year, last in steps)


def test_the_method_states_the_recorded_values(wh) -> None:
    data = load_city(wh, "GM0193")
    assert "minstens 10%" in accountability(data, "nl")["intro"]
    data.settings = data.settings.model_copy(update={
        "shift_min_change": 0.25, "hump_max_years": 2, "step_min_years_after": 4,
        "small_count": 50})
    nl = " ".join(accountability(data, "nl")["intro"].split())
    assert "Ligt een cijfer 1 tot 2 jaar minstens 25% hoger of lager" in nl
    assert "blijft het daarna minstens 4 jaar binnen 25% van dat nieuwe niveau" in nl
    assert "gemiddeld minder dan 50 mensen of gebeurtenissen per jaar" in nl
    en = " ".join(accountability(data, "en")["intro"].split())
    assert "at least 25% above or below" in en and "for 1 to 2 years" in en


@pytest.mark.parametrize(("field", "value"), [("shift_min_change", 1.5),
                                              ("hump_max_years", 0), ("small_count", -1)])
def test_a_bad_threshold_is_refused_naming_it(tmp_path, field, value) -> None:
    path = tmp_path / "settings.yaml"
    text = (default_settings().model_dump() | {field: value})
    for name in LIST_FIELDS:  # YAML has no tuples
        text[name] = list(text[name])
    path.write_text(yaml.safe_dump(text))
    with pytest.raises(InvalidParameter) as err:
        load_settings(path)
    assert field in str(err.value)
