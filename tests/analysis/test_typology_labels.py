"""A type's label gives the type's profile, not each member's (real snapshot). Kerkrade is in
the type named after its low density ('gemeenten van type 6 (veel 65-plussers, dunbevolkt)')
while it is among the most densely populated municipalities of the country: the city page's
'Vergeleken met de 104 gemeenten van type 6 (..., dunbevolkt)' read as a claim about it. The
label now says the words are the type's typical profile ('doorgaans')."""

from __future__ import annotations

QUALIFIER = {"nl": "(doorgaans ", "en": "(typically "}


def test_a_member_can_be_the_opposite_of_its_type_s_words_so_the_label_says_doorgaans(wh
                                                                                     ) -> None:
    (set_id,) = wh.execute("SELECT set_id FROM typology WHERE region_code = 'GM0928'"
                           ).fetchone()
    sides = dict(wh.execute("SELECT concept, side FROM typology_types WHERE set_id = ?",
                            [set_id]).fetchall())
    assert sides.get("density") == "low"  # the type's words: 'dunbevolkt'
    latest = "(SELECT max(year) FROM indicator_values WHERE indicator_id = 'population_density')"
    own, national_median = wh.execute(f"""
        SELECT max(value) FILTER (WHERE region_code = 'GM0928'), median(value)
        FROM indicator_values v JOIN regions r USING (region_code)
        WHERE indicator_id = 'population_density' AND year = {latest}
          AND r.level = 'gemeente' AND r.valid_to IS NULL""").fetchone()
    assert own > 3 * national_median  # Kerkrade: not sparsely populated at all
    labels = wh.execute("SELECT set_id, label_nl, label_en FROM comparison_groups "
                        "WHERE family = 'typology'").fetchall()
    assert len(labels) >= 5
    for type_id, nl, en in labels:
        assert QUALIFIER["nl"] in nl and QUALIFIER["en"] in en, (type_id, nl, en)
