"""The words of a comparison with members a cut copy of a CBS table left out
(publish/cut_members.py), as the position and group-clause tests look for them."""

SOME_CUT = {"nl": "{group} waarvan Stadstrends cijfers heeft",
            "en": "{group} for which Stadstrends has figures"}
WITHOUT_CUT = {"nl": ("{missing} van de {size} ontbreekt in het deel van CBS-tabel",
                      "{missing} van de {size} ontbreken in het deel van CBS-tabel",
                      "{missing} van de {size} hebben bij Stadstrends geen cijfer, "),
               "en": ("{missing} of the {size} is missing from the Stadstrends copy",
                      "{missing} of the {size} are missing from the Stadstrends copy",
                      "{missing} of the {size} have no figures in Stadstrends, ")}
