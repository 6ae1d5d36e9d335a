"""Running the app under uvicorn (one or more worker processes)."""

from __future__ import annotations

import inspect
import os
import socket
from pathlib import Path

from uvicorn.protocols.http.auto import AutoHTTPProtocol

# seconds a worker may take to answer uvicorn's health check before it is killed and
# replaced (uvicorn >= 0.30: 5 s). A worker busy warming its caches on a loaded machine
# answered late, was killed, and its replacement started cold again: for seconds no worker
# answered at all. A hung worker is still replaced, after this long.
HEALTHCHECK = 60.0


class NoDelayHTTP(AutoHTTPProtocol):  # type: ignore[misc,valid-type]
    """uvicorn's HTTP protocol with TCP_NODELAY on every connection.

    With ``--workers`` uvicorn binds the socket itself with protocol number 0, so asyncio does
    not switch Nagle off and small responses wait ~40 ms for the client's delayed ACK."""

    def connection_made(self, transport) -> None:  # noqa: ANN001 - asyncio transport
        sock = transport.get_extra_info("socket")
        if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
            try:
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            except OSError:
                pass
        super().connection_made(transport)


def free_port(host: str, port: int) -> None:
    """Raise :class:`~stadstrends.errors.InvalidParameter` (worded ``port_in_use``) when
    ``host:port`` cannot be listened on, before anything says the server runs; uvicorn binds
    as this does (SO_REUSEADDR), so a port it could use passes."""
    from stadstrends.errors import InvalidParameter, os_reason

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as exc:
        raise InvalidParameter.worded("unknown_host", host=host, reason=exc.strerror) from None
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(address)
        except OSError as exc:
            raise InvalidParameter.worded("port_in_use", host=host, port=port,
                                          reason=os_reason(exc),
                                          other=port + 1 if port < 65535 else 8000) from None


def run(db: Path, host: str = "127.0.0.1", port: int = 8000, reports: Path | None = None,
        workers: int = 1) -> None:
    """Serve ``db`` read-only until interrupted (workers get the paths from the environment)."""
    import uvicorn

    os.environ["STADSTRENDS_WEB_DB"] = str(Path(db).resolve())
    if reports is not None:
        os.environ["STADSTRENDS_WEB_REPORTS"] = str(Path(reports).resolve())
    extra = {}
    if "timeout_worker_healthcheck" in inspect.signature(uvicorn.Config).parameters:
        extra["timeout_worker_healthcheck"] = HEALTHCHECK
    uvicorn.run("stadstrends.publish.web.app:app_from_env", factory=True, host=host, port=port,
                workers=workers, http=NoDelayHTTP, log_level="warning", access_log=False,
                **extra)
