"""The command line's hint after a wrong comparison group names each group by code and label
(real snapshot)."""

from __future__ import annotations

import pytest

from stadstrends.errors import GroupNotFound, InvalidParameter
from stadstrends.publish.groups import resolve_group


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_hint_of_a_wrong_group_gives_each_code_with_its_label(wh, lang) -> None:
    """'Tip: Deventer kan worden vergeleken binnen G40, CR11, G32_2017, GK6, ...': a council
    member could not tell what GK6 was; the web's menu already said it."""
    for wrong, kind in (("XYZ", GroupNotFound), ("G4", InvalidParameter)):
        with pytest.raises(kind) as err:
            resolve_group(wh, "GM0150", "Deventer", wrong)
        hint = err.value.in_language(lang)[1]
        size = {"nl": "GK6: gemeenten met 100.000 tot 150.000 inwoners op 1 januari 2025",
                "en": "GK6: municipalities with 100,000 to 150,000 inhabitants on 1 January "
                      "2025"}[lang]
        assert size in hint and "G40: " in hint and "PEERS: " in hint, hint
