"""A warehouse damaged after its build (a copy of the real build with 200 kB of random bytes
at 20 to 100 MB): pages and the API answer 503 (fixed JSON shape for the API, an error page
for pages), never a 500 'unexpected error', and show visitors no server path (they showed
'het warehouse /tmp/rev9/live.duckdb is beschadigd: IO Error ...' and the snapshot in the
hint): the file and DuckDB's words go to the server's log; an app that cannot even start
says so with the project's error (the command line's, naming the file)."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from stadstrends.errors import WarehouseDamaged
from tests.test_cli_damaged import OFFSETS_MB, damaged_copy

URLS = ["/", "/gemeente/GM0917", "/gemeente/GM0193", "/indicator/population",
        "/vergelijk?regions=Heerlen,Zwolle", "/api/v1/profile/GM0917",
        "/api/v1/series?indicator=population&region=GM0917", "/ranglijst"]


def test_pages_and_api_of_a_damaged_warehouse_answer_503(warehouse_path, tmp_path,
                                                          caplog) -> None:
    from stadstrends.publish.web.app import create_app

    met = 0
    for offset in OFFSETS_MB:
        copy = damaged_copy(warehouse_path, tmp_path, offset)
        try:
            app = create_app(copy, None, warm=False)
        except WarehouseDamaged as exc:  # a block read at start
            assert str(copy) in exc.message and exc.status == 503
            met += 1
            continue
        try:
            with TestClient(app, raise_server_exceptions=False) as client:
                for path in URLS:
                    for accept in ("text/html", "application/json"):
                        answer = client.get(path, headers={"accept": accept})
                        assert answer.status_code != 500, (offset, path, answer.text[:500])
                        if answer.status_code != 503:
                            continue
                        met += 1
                        assert str(tmp_path) not in answer.text, (path, answer.text[:500])
                        assert "Corrupt" not in answer.text and "stadstrends build" not in \
                            answer.text, (path, answer.text[:500])
                        assert str(copy) in caplog.text  # the server's log names the file
                        if accept == "application/json" or path.startswith("/api/"):
                            err = answer.json()["error"]
                            assert set(err) == {"code", "message", "hint", "suggestions"}
                            assert err["code"] == "warehouse_damaged", err
                            # Dutch, the API's language without lang (session 54)
                            assert err["message"] == ("de gegevens van deze site zijn "
                                                      "beschadigd"), err
                            assert err["hint"] == ("het gegevensbestand van de site is "
                                                   "beschadigd; vraag de beheerder van de "
                                                   "site het opnieuw te bouwen"), err
                        else:
                            lead = re.search(r'class="error-message">(.*?)</p>',
                                             answer.text, re.S).group(1)
                            assert "beschadigd" in lead and "adres" not in lead, lead
        finally:
            app.state.wh.close()
            copy.unlink()
    assert met, "no damaged copy was read where it was damaged"


def test_the_site_names_no_server_path_of_a_damaged_warehouse() -> None:
    """The words of a damaged warehouse on a page and in the API (in any language) name no
    file ('het warehouse /tmp/rev9/live.duckdb is beschadigd: IO Error ...', the snapshot in
    the hint) and no command; the command line's error keeps the file and the rebuild."""
    import duckdb

    from stadstrends.errors import warehouse_read_error
    from stadstrends.publish.web.errors import classify

    exc = warehouse_read_error(duckdb.IOException("IO Error: could not read block 7"),
                               "/tmp/rev9/live.duckdb")
    assert "/tmp/rev9/live.duckdb" in exc.in_language("nl")[0]  # the CLI's words
    assert "stadstrends build" in exc.in_language("nl")[1]
    for lang in ("nl", "en", None):
        for page in (True, False):
            status, body = classify(exc, lang, page=page)
            err = body["error"]
            assert status == 503 and err["code"] == "warehouse_damaged"
            said = f"{err['message']} {err['hint']}"
            assert "/tmp" not in said and "IO Error" not in said and "stadstrends" not in \
                said and "snapshot" not in said, (lang, page, err)
    assert classify(exc, "nl")[1]["error"]["message"] == "de gegevens van deze site zijn beschadigd"
