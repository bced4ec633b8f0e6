"""The jobs' fixtures (a local HTTP server, loopback allowed, a real worker) for the review tests."""

from tests.jobs.conftest import allow_loopback, site, worker  # noqa: F401
