"""influxdb-client's write path (V2Writer) against a small fake ``/api/v2/write`` server.

No InfluxDB 2.x/3.x can be installed here; the fake checks what the client sends
and answers as a v2 server would.
"""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest

from netops.store.adapter import V2Writer
from netops.store.errors import StoreRejectedError, StoreUnavailableError
from netops.store.transport import Credentials
from netops.store.writer import Target, detect_writer

pytestmark = pytest.mark.integration


@dataclass
class Fake:
    """What the fake server received and what it answers next."""

    url: str = ""
    status: int = 204
    requests: list[tuple[str, dict[str, str], bytes]] = field(default_factory=list)


@pytest.fixture
def fake() -> Iterator[Fake]:
    """A v2-speaking HTTP server on 127.0.0.1."""
    state = Fake()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(204)
            self.send_header("X-Influxdb-Version", "v2.7.4")
            self.end_headers()

        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            state.requests.append((self.path, dict(self.headers), body))
            self.send_response(state.status)
            answer = (
                b'{"code":"invalid","message":"unable to parse"}' if state.status != 204 else b""
            )
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    yield state
    server.shutdown()
    server.server_close()
    thread.join()


def test_auto_detects_v2_and_writes_with_token(fake: Fake) -> None:
    target = Target(fake.url, bucket="netops", org="bureau", credentials=Credentials(token="t0k"))
    writer = detect_writer(target)
    assert isinstance(writer, V2Writer)
    writer.write(["m n=1i 1700000000", "m n=2i 1700000001"])
    writer.close()
    [(path, headers, body)] = fake.requests
    assert path.startswith("/api/v2/write?")
    assert "org=bureau" in path and "bucket=netops" in path and "precision=s" in path
    assert headers["Authorization"] == "Token t0k"
    assert body == b"m n=1i 1700000000\nm n=2i 1700000001"


def test_v1_user_on_1_8_becomes_token_and_db_rp_bucket(fake: Fake) -> None:
    creds = Credentials(username="netops", password="pw")
    writer = detect_writer(Target(fake.url, "netops", "raw", creds), "v2")
    writer.write(["m n=1i 1700000000"])
    writer.close()
    path, headers, _ = fake.requests[0]
    assert "bucket=netops%2Fraw" in path and headers["Authorization"] == "Token netops:pw"


@pytest.mark.parametrize(
    ("status", "error"), [(400, StoreRejectedError), (503, StoreUnavailableError)]
)
def test_errors_are_translated(fake: Fake, status: int, error: type[Exception]) -> None:
    fake.status = status
    writer = V2Writer(fake.url, "netops")
    with pytest.raises(error):
        writer.write(["m n=1i 1700000000"])
    writer.close()


def test_refused_connection_is_unavailable(fake: Fake) -> None:
    writer = V2Writer("http://127.0.0.1:1", "netops", timeout=1.0)
    with pytest.raises(StoreUnavailableError, match="no answer"):
        writer.write(["m n=1i 1700000000"])
    writer.close()
