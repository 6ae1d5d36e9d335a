"""Statements in docs/ that come from the data stay true: rendered from a fresh build."""

from __future__ import annotations

from pathlib import Path

import pytest

from stadstrends.warehouse.facts import BLOCKS, block, replace_block

DOCS = Path(__file__).resolve().parents[2] / "docs"


@pytest.mark.parametrize("name", list(BLOCKS))
def test_generated_doc_blocks_match_the_data(wh, name):
    file, render = BLOCKS[name]
    actual = block((DOCS / file).read_text(encoding="utf-8"), name)
    assert actual == render(wh), f"run `stadstrends docs --db DB` to regenerate docs/{file}"


def test_the_65_plus_statement_counts_what_the_warehouse_says(wh):
    """The docs say how many G40 cities rise significantly and how many only indicatively,
    with the counts the trends table holds (not a remembered list)."""
    text = block((DOCS / "analysis.md").read_text(encoding="utf-8"), "analysis-facts")
    significant, indicative = wh.execute(
        "SELECT count(*) FILTER (WHERE t.classification = 'rising'), "
        "count(*) FILTER (WHERE t.indicative AND t.last_value > t.first_value) "
        "FROM trends t JOIN region_sets s "
        "ON s.region_code = t.region_code AND s.set_id = 'G40' "
        "WHERE t.indicator_id = 'share_age_65_plus'"
    ).fetchone()
    assert significant + indicative > 0
    if significant:
        assert f"rises significantly in {significant} of the" in text
    if indicative:
        assert f"{indicative}" in text and "indicatively" in text
    if not significant:
        assert "significantly" not in text


def test_replace_block_rewrites_only_its_block():
    text = "a\n<!-- generated: x -->\nold\n<!-- end generated -->\nb"
    assert replace_block(text, "x", "new") == "a\n<!-- generated: x -->\nnew\n" \
        "<!-- end generated -->\nb"
    with pytest.raises(ValueError):
        replace_block(text, "y", "z")
