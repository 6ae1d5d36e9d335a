"""CBS table numbers, the codes every stage keys a source by: ``TABLE_ID`` a StatLine table
(five digits and up to four letters: 03759ned, 85383NED, 37259eng), ``ENGLISH_EDITION`` one
of CBS's English editions (37259eng: the English edition of 37259ned). Shared by the ingest
(the titles of the snapshot's metadata) and publish (StatLine links), neither reading the
other's code."""

from __future__ import annotations

import re

TABLE_ID = re.compile(r"\d{5}[A-Za-z]{0,4}")
ENGLISH_EDITION = re.compile(r"(\d{5})eng", re.I)  # 37259eng: English edition of 37259ned
