"""HTTPS through the fetcher's own connection pool (the one with the whole-request deadline):
the certificate is checked against the name asked for, not the pinned address."""

import ssl
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from claims import fetch_deadline, fetching
from claims.fetching import FetchError


@pytest.fixture
def tls_site(tmp_path, allow_loopback, fake_dns, monkeypatch):
    """A local HTTPS server with a certificate for tls.test, which the fetcher is told to trust."""
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=tls.test",
         "-addext", "subjectAltName=DNS:tls.test", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            body = b"<html><body><p>Served over TLS.</p></body></html>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    fake_dns["tls.test"] = ["127.0.0.1"]
    fake_dns["other.test"] = ["127.0.0.1"]
    monkeypatch.setattr(fetch_deadline, "_ssl_context", lambda: ssl.create_default_context(cafile=cert))
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


def test_an_https_page_is_fetched_with_its_name_checked(tls_site):
    page = fetching.fetch(f"https://tls.test:{tls_site}/")
    assert page.status == 200 and b"Served over TLS." in page.body


def test_a_certificate_for_another_name_is_refused(tls_site):
    with pytest.raises(FetchError, match="certificate verify failed"):
        fetching.fetch(f"https://other.test:{tls_site}/")
