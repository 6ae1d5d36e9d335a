"""'Opgehaald op' is when the data were retrieved from CBS, as the snapshot documents it."""

from __future__ import annotations

from stadstrends.ingest.snapshot_files import documented_date, snapshot_dates


def test_dates_documented_per_folder(shared_data):
    dates = snapshot_dates(shared_data / "SOURCES.md")
    assert dates["cbs_statline_dump"] == "2025-04"  # "Data retrieved from CBS in April 2025"
    assert dates["cbs_37259eng_population_dynamics"] == "2025-01-12"  # the origin commit
    assert documented_date(shared_data, "cbs_statline_dump/municipal_complete/x.csv") == \
        "2025-04"
    assert documented_date(shared_data, "somewhere/else.csv") is None


def test_documented_dates_from_a_hand_made_file(tmp_path):
    (tmp_path / "SOURCES.md").write_text(
        "## Sources\n### 1. `dump/` - x\n* Commit (2024-02-03). Data retrieved from CBS in "
        "March 2024.\n### 2. `other/` - y\n* Origin commit `abc` (2023-05-06).\n"
        "## 3. `none/` - z\n* no date\n", encoding="utf-8")
    assert snapshot_dates(tmp_path / "SOURCES.md") == {"dump": "2024-03", "other": "2023-05-06"}
    assert documented_date(tmp_path, "dump/sub/t.csv") == "2024-03"
