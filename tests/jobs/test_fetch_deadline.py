"""One deadline for the whole fetch: a server that dribbles its headers or its body a byte at a
time (each read well inside the read timeout) is cut off within a few seconds, not minutes."""

import socket
import threading
import time

import pytest

from claims import fetching, intake
from claims.fetching import FetchError
from claims.models import Source

HEAD = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Padding: " + b"a" * 400 + b"\r\n\r\n"


class Dribbler:
    """A socket server that answers every connection with `burst` bytes at once, then one byte every `pause` s."""

    def __init__(self, payload: bytes, pause: float = 0.1, burst: int = 0):
        self.payload, self.pause, self.burst = payload, pause, burst
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.stop = threading.Event()
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        self.sock.settimeout(0.2)
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            threading.Thread(target=self._dribble, args=(conn,), daemon=True).start()

    def _dribble(self, conn):
        with conn:
            conn.recv(65536)  # the request
            conn.sendall(self.payload[: self.burst])
            for i in range(self.burst, len(self.payload)):
                if self.stop.is_set():
                    return
                try:
                    conn.sendall(self.payload[i : i + 1])
                except OSError:
                    return  # the fetcher hung up: what the test wants
                time.sleep(self.pause)

    def url(self, path="/"):
        return f"http://127.0.0.1:{self.port}{path}"

    def close(self):
        self.stop.set()
        self.sock.close()


@pytest.fixture
def dribbler():
    servers = []

    def start(payload, pause=0.1, burst=0):
        servers.append(Dribbler(payload, pause, burst))
        return servers[-1]

    yield start
    for server in servers:
        server.close()


@pytest.fixture
def short_deadline(settings):
    # Each byte comes 0.1 s apart, far inside the 1 s read timeout; the whole fetch gets 2 s.
    settings.FACTDESK = {**settings.FACTDESK, "FETCH_ALLOW_PRIVATE": ["127.0.0.1/32"], "FETCH_TIMEOUT": 1.0}


def test_a_server_that_dribbles_its_headers_is_cut_off_at_the_deadline(short_deadline, dribbler):
    server = dribbler(HEAD)  # 40 s of headers at this pace
    started = time.monotonic()
    with pytest.raises(FetchError) as caught:
        fetching.fetch(server.url())
    assert time.monotonic() - started < 4
    assert caught.value.reason == "Timed out: no complete answer within 2 s" and caught.value.retryable


def test_a_server_that_dribbles_its_body_is_cut_off_at_the_deadline(short_deadline, dribbler):
    head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 400\r\n\r\n"
    server = dribbler(head + b"b" * 400, burst=len(head) + 10)  # the headers at once, then the body slowly
    started = time.monotonic()
    with pytest.raises(FetchError) as caught:
        fetching.fetch(server.url())
    assert time.monotonic() - started < 4 and caught.value.reason.startswith("Timed out")


def test_the_deadline_is_recorded_on_the_source(short_deadline, dribbler, checker, django_capture_on_commit_callbacks):
    server = dribbler(HEAD)
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        source = intake.add_source(checker, url=server.url("/story"))
    source = Source.objects.get(pk=source.pk)
    assert time.monotonic() - started < 5
    assert (source.fetch_state, source.fetch_error) == ("failed", "Timed out: no complete answer within 2 s")


def test_a_webhook_post_to_a_dribbling_server_is_cut_off_too(short_deadline, dribbler):
    server = dribbler(HEAD)
    started = time.monotonic()
    with pytest.raises(FetchError, match="Timed out"):
        fetching.post(server.url("/hook"), content=b"{}", headers={"Content-Type": "application/json"})
    assert time.monotonic() - started < 4


def test_a_webhook_receivers_answer_body_is_not_waited_for(short_deadline, dribbler):
    head = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 400\r\n\r\n"
    server = dribbler(head + b"c" * 400, burst=len(head))  # only the status matters: the body never is read
    started = time.monotonic()
    assert fetching.post(server.url("/hook"), content=b"{}", headers={"Content-Type": "application/json"}) == 200
    assert time.monotonic() - started < 1
