"""One deadline for a whole request: connect, TLS, headers and body.

httpx's timeouts apply to each socket operation, so a server that sends one byte
a second never trips them and holds the worker for as long as it likes. Here
every read and write on the connection gets at most the time left before the
deadline, and none starts after it.
"""

from __future__ import annotations

import functools
import time

import httpcore
import httpx


class DeadlineBackend(httpcore.NetworkBackend):
    def __init__(self, deadline: float):
        self.deadline = deadline
        self._inner = httpcore.SyncBackend()

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        left = _left(self.deadline, httpcore.ConnectTimeout, timeout)
        stream = self._inner.connect_tcp(host, port, left, local_address, socket_options)
        return DeadlineStream(stream, self.deadline)

    def connect_unix_socket(self, path, timeout=None, socket_options=None):  # pragma: no cover - never used
        raise httpcore.ConnectError("Unix sockets are not fetched")

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


class DeadlineStream(httpcore.NetworkStream):
    def __init__(self, stream: httpcore.NetworkStream, deadline: float):
        self._stream = stream
        self.deadline = deadline

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, _left(self.deadline, httpcore.ReadTimeout, timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, _left(self.deadline, httpcore.WriteTimeout, timeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(self, ssl_context, server_hostname=None, timeout=None):
        left = _left(self.deadline, httpcore.ConnectTimeout, timeout)
        return DeadlineStream(self._stream.start_tls(ssl_context, server_hostname, left), self.deadline)

    def get_extra_info(self, info: str):
        return self._stream.get_extra_info(info)


def _left(deadline: float, error: type[Exception], timeout: float | None) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise error("deadline passed")
    return left if timeout is None else min(timeout, left)


class _Transport(httpx.HTTPTransport):
    """httpx's transport over our pool: httpx builds its pool with no way to pass a network backend."""

    def __init__(self, pool: httpcore.ConnectionPool):
        self._pool = pool


@functools.cache
def _ssl_context():
    return httpx.create_ssl_context(trust_env=False)  # certifi's roots, loaded once per process


def client(timeout: float, deadline: float) -> httpx.Client:
    """An httpx client whose every connection ends at `deadline` (time.monotonic()), whatever the server does."""
    pool = httpcore.ConnectionPool(ssl_context=_ssl_context(), network_backend=DeadlineBackend(deadline))
    return httpx.Client(
        transport=_Transport(pool), timeout=httpx.Timeout(timeout), follow_redirects=False, trust_env=False
    )
