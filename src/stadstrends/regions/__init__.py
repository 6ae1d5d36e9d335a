"""Stage: regions - municipality history (:mod:`.history`), COROP/province membership
(:mod:`.membership`), region sets (:mod:`.sets`), lookup (:mod:`.lookup`).

Import from the modules: the package itself loads none of them, so that the command line's
region lookups (:mod:`.lookup`, plain Python) do not load the stage's pandas modules."""
