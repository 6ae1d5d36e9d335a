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


def test_the_65_plus_statement_names_the_cities_the_warehouse_names(wh):
    text = block((DOCS / "analysis.md").read_text(encoding="utf-8"), "analysis-facts")
    flat = {r[0] for r in wh.execute(
        "SELECT r.name FROM trends t JOIN regions r USING (region_code) JOIN region_sets s "
        "ON s.region_code = t.region_code AND s.set_id = 'G40' "
        "WHERE t.indicator_id = 'share_age_65_plus' AND t.classification <> 'rising'"
    ).fetchall()}
    assert flat and all(name in text for name in flat)


def test_replace_block_rewrites_only_its_block():
    text = "a\n<!-- generated: x -->\nold\n<!-- end generated -->\nb"
    assert replace_block(text, "x", "new") == "a\n<!-- generated: x -->\nnew\n" \
        "<!-- end generated -->\nb"
    with pytest.raises(ValueError):
        replace_block(text, "y", "z")
