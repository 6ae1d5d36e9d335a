"""A warehouse damaged after its build (a copy of the real build with 200 kB of random bytes
at 20 to 100 MB): pages and the API answer 503 naming the file (fixed JSON shape for the API,
an error page for pages), never a 500 'unexpected error'; an app that cannot even start
says so with the project's error."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from stadstrends.errors import WarehouseDamaged
from tests.test_cli_damaged import OFFSETS_MB, damaged_copy

URLS = ["/", "/gemeente/GM0917", "/gemeente/GM0193", "/indicator/population",
        "/vergelijk?regions=Heerlen,Zwolle", "/api/v1/profile/GM0917",
        "/api/v1/series?indicator=population&region=GM0917", "/ranglijst"]


def test_pages_and_api_of_a_damaged_warehouse_answer_503(warehouse_path, tmp_path) -> None:
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
                        if accept == "application/json" or path.startswith("/api/"):
                            err = answer.json()["error"]
                            assert set(err) == {"code", "message", "hint", "suggestions"}
                            assert err["code"] == "warehouse_damaged", err
                            assert "is damaged: Corrupt database file" in err["message"]
                            assert "stadstrends build" in err["hint"], err
                        else:
                            lead = re.search(r'class="error-message">(.*?)</p>',
                                             answer.text, re.S).group(1)
                            assert "beschadigd" in lead and "adres" not in lead, lead
        finally:
            app.state.wh.close()
            copy.unlink()
    assert met, "no damaged copy was read where it was damaged"
