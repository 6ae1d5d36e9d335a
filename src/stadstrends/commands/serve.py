"""The `stadstrends serve` command."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from stadstrends.commands.options import (
    DEFAULT_DB,
    DbOption,
    console,
    language,
    said,
    warn_failed_checks,
)


def serve(
    db: DbOption = DEFAULT_DB,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port.")] = 8000,
    reports: Annotated[Path | None, typer.Option(
        "--reports", help="Folder with generated reports, served under /reports/ "
        "(default: ./reports when it exists).")] = None,
    workers: Annotated[int, typer.Option(min=1, max=8, help="Worker processes.")] = 1,
    lang: Annotated[str, typer.Option(
        "--lang", callback=language, help="Language of the command's messages and errors "
        "(nl, en, ...); the site's visitors choose theirs (?lang=).")] = "nl",
) -> None:
    """Serve the warehouse read-only: web pages and the JSON API (/api/v1)."""
    from stadstrends.publish.web.app import create_app
    from stadstrends.publish.web.server import free_port, run

    if reports is None and Path("reports").is_dir():
        reports = Path("reports")
    elif reports is not None and not reports.is_dir():  # a typo served nothing, silently
        from stadstrends.errors import InvalidParameter

        raise InvalidParameter.worded("reports_is_file" if reports.exists() else
                                      "reports_missing", path=str(reports))
    # fail early with a clear message: the warehouse, then the port
    create_app(db, reports, warm=False, reload_every=None).state.wh.close()
    free_port(host, port)
    warn_failed_checks()  # before it serves: a build that failed checks may lack figures
    console.print(said(lang, "serving", host=host, port=port), highlight=False, markup=False,
                  soft_wrap=True)
    run(db, host, port, reports, workers)
