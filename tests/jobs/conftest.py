"""Fixtures for the jobs: a real local HTTP server, and fetching allowed to reach it (loopback only)."""

from __future__ import annotations

import socket
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


@dataclass
class Route:
    body: bytes | str = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict = field(default_factory=dict)
    delay: float = 0.0
    # Called with the request headers; returns a Route to serve instead (e.g. a 304).
    respond: object = None


class LocalSite:
    """An HTTP server on 127.0.0.1 serving whatever routes a test registers."""

    def __init__(self):
        self.routes: dict[str, Route | list[Route]] = {}
        self.requests: list[tuple[str, dict]] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                site.requests.append((self.path, dict(self.headers)))
                route = site.route_for(self.path)
                if route.respond:
                    route = route.respond(dict(self.headers)) or route
                if route.delay:
                    time.sleep(route.delay)
                body = route.body.encode() if isinstance(route.body, str) else route.body
                try:
                    self.send_response(route.status)
                    if route.content_type:
                        self.send_header("Content-Type", route.content_type)
                    for key, value in route.headers.items():
                        if value is not None:  # None: leave the header out
                            self.send_header(key, value)
                    if "Content-Length" not in route.headers:
                        self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (size cap, timeout): that is the point of some tests

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def route_for(self, path: str) -> Route:
        route = self.routes.get(path.split("?")[0], Route(body="not here", status=404, content_type="text/plain"))
        if isinstance(route, list):  # a sequence: serve each in turn, then keep the last
            return route.pop(0) if len(route) > 1 else route[0]
        return route

    def add(self, path: str, body: bytes | str = b"", **kwargs) -> str:
        self.routes[path] = Route(body=body, **kwargs)
        return self.url(path)

    def add_sequence(self, path: str, routes: list[Route]) -> str:
        self.routes[path] = list(routes)
        return self.url(path)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def hits(self, path: str) -> int:
        return sum(1 for p, _ in self.requests if p.split("?")[0] == path)

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def site():
    server = LocalSite()
    yield server
    server.close()


@pytest.fixture
def fake_dns(monkeypatch):
    """Answer DNS for *.test names from a table; everything else resolves for real."""
    table: dict[str, list[str]] = {}
    real = socket.getaddrinfo

    def getaddrinfo(host, port, *args, **kwargs):
        if host in table:
            return [
                (socket.AF_INET6 if ":" in a else socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, port))
                for a in table[host]
            ]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return table


@pytest.fixture
def allow_loopback(settings):
    """Let fetches reach the local test server (127.0.0.1 only); every other private range stays refused."""
    settings.FACTDESK = {**settings.FACTDESK, "FETCH_ALLOW_PRIVATE": ["127.0.0.1/32"], "FETCH_TIMEOUT": 2.0}
    return settings


def article(
    title: str,
    paragraphs: list[str],
    *,
    site_name: str = "Daily Planet",
    published: str = "2024-08-14",
    canonical: str = "",
) -> str:
    """An HTML news page with the furniture trafilatura has to see past."""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    link = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    return (
        f"<!doctype html><html><head><title>{title} | {site_name}</title>{link}"
        f'<meta property="og:site_name" content="{site_name}">'
        f'<meta property="article:published_time" content="{published}T09:00:00Z"></head>'
        f"<body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>{title}</h1>{body}</article>"
        f"<footer>© {site_name}. All rights reserved.</footer></body></html>"
    )


@pytest.fixture
def worker(transactional_db):
    """A real Celery worker on the real Redis broker (skips only when REDIS_URL is unset)."""
    from tests.jobs.worker import CeleryWorker, purge, require_redis

    broker = require_redis()
    purge(broker)
    running = CeleryWorker(broker).start()
    yield running
    running.stop()
