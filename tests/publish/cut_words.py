"""The words of a comparison with members a cut copy of a CBS table left out
(publish/cut_members.py), as the position and group-clause tests look for them."""

SOME_CUT = {"nl": "{group} die in deze momentopname cijfers hebben",
            "en": "{group} that have figures in this snapshot"}
WITHOUT_CUT = {"nl": ("{missing} van de {size} ontbreekt in de momentopname",
                      "{missing} van de {size} ontbreken in de momentopname"),
               "en": ("{missing} of the {size} is missing from the snapshot",
                      "{missing} of the {size} are missing from the snapshot")}
