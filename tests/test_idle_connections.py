"""Idle and slow clients against gunicorn as deployed: `gunicorn careerpath.wsgi` from the
project root, so the committed gunicorn.conf.py chooses the workers (tracker issue 25). With
sync workers, two connections that sent nothing held both workers until they were killed, and a
plan waited 37 s behind them."""

import http.client
import socket
import subprocess
from urllib.parse import urlsplit

import pytest
from django.conf import settings

from bench.production import VENV_BIN, gunicorn_process
from tests.test_gunicorn import database_environment, free_port

pytestmark = pytest.mark.django_db(transaction=True)

# A guard, not a measurement: the answer must come while the idle connections are still held.
# A sync worker would sit behind them until its 30 s timeout killed it; this is far below that.
ANSWER_WITHIN = 10


@pytest.fixture
def deployed(django_db_setup, tmp_path):
    from bench.production import production_environment

    env = production_environment(settings.BASE_DIR / "unused.sqlite3")
    env.pop("DJANGO_SQLITE_PATH")
    env.update(database_environment())
    log = tmp_path / "gunicorn.log"
    with gunicorn_process(env, free_port(), workers=1, log_path=log) as (url, server):
        yield urlsplit(url), server, log


def held_open(server, count: int, first_bytes: bytes = b"") -> list[socket.socket]:
    """`count` connections that send `first_bytes` (maybe nothing) and then nothing more."""
    held = []
    for _ in range(count):
        sock = socket.create_connection((server.hostname, server.port))
        if first_bytes:
            sock.sendall(first_bytes)
        held.append(sock)
    return held


def still_open(sock: socket.socket) -> bool:
    """The server has not closed it (a closed socket reads as ready with no bytes)."""
    sock.setblocking(False)
    try:
        return sock.recv(1) != b""
    except BlockingIOError:
        return True
    finally:
        sock.setblocking(True)


def test_a_plan_is_answered_while_idle_and_slow_clients_hold_connections(deployed, catalog):
    server, process, log = deployed
    idle = held_open(server, 4)
    slow = held_open(server, 2, b"GET /plan/ HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
    try:
        conn = http.client.HTTPConnection(server.hostname, server.port, timeout=ANSWER_WITHIN)
        conn.request("GET", "/plan/?role=medical-coder-i&years=2", headers={"HX-Request": "true"})
        response = conn.getresponse()
        body = response.read().decode()
        conn.close()
        assert response.status == 200
        assert 'id="plan-result"' in body
        # The answer came while every idle and slow connection was still held open.
        assert all(still_open(sock) for sock in idle + slow)
    finally:
        for sock in idle + slow:
            sock.close()
    assert process.poll() is None
    assert "WORKER TIMEOUT" not in log.read_text()


def test_the_committed_configuration_chooses_threaded_workers():
    printed = subprocess.run(
        [str(VENV_BIN / "gunicorn"), "--print-config", "careerpath.wsgi"],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    config = dict(
        (name.strip(), value.strip())
        for name, _, value in (line.partition("=") for line in printed.splitlines())
    )
    assert config["worker_class"] == "gthread"
    assert int(config["threads"]) > 4  # more threads than a few idle clients can hold
    assert config["limit_request_line"] == "4094"
    assert config["limit_request_fields"] == "100"
    assert config["limit_request_field_size"] == "8190"
