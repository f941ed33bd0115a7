"""Spot checks in a sync against a centre that predates them: no error, just unsupported."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from desktop.store import Account
from desktop.store.spotchecks import SpotChecks
from sync.client import RetryPolicy, ServerError
from sync.client.transport import CentralClient

ONCE = RetryPolicy(attempts=1, base=0.01, cap=0.01)


class _OldCentre(BaseHTTPRequestHandler):
    """Answers every request with one status, as a centre without the route would."""

    status = 404

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        body = b'{"detail": "Not Found"}'
        self.send_response(self.status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _answer  # noqa: N815

    def log_message(self, format: str, *args: object) -> None:
        return


@pytest.fixture
def old_centre() -> Iterator[ThreadingHTTPServer]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _OldCentre)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def test_a_centre_without_spot_checks_is_not_an_error(
    account: Account, old_centre: ThreadingHTTPServer
) -> None:
    url = f"http://127.0.0.1:{old_centre.server_address[1]}"
    with CentralClient(url, token="t", retry=ONCE) as client:
        tally = SpotChecks(account.registry.engine).synchronise(client)
    assert (tally.supported, tally.assigned, tally.accepted) == (False, 0, 0)


def test_another_failure_of_the_centre_still_is(
    account: Account, old_centre: ThreadingHTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_OldCentre, "status", 403)
    url = f"http://127.0.0.1:{old_centre.server_address[1]}"
    with CentralClient(url, token="t", retry=ONCE) as client, pytest.raises(ServerError):
        SpotChecks(account.registry.engine).synchronise(client)
