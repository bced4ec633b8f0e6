"""Undoing a response's Content-Encoding with a cap on what comes out.

httpx's own decoders inflate a whole network chunk at once, so a few kilobytes of a
gzip bomb can become hundreds of megabytes before anyone counts them. Here each
chunk is inflated at most `room` bytes at a time: memory stays within the cap.
"""

from __future__ import annotations

import zlib

# What the fetcher asks for; anything else a server sends anyway is refused.
ACCEPT_ENCODING = "gzip, deflate"


class DecodeError(Exception):
    pass


class Identity:
    encoded = False

    def feed(self, data: bytes, room: int) -> bytes:
        return data

    def flush(self) -> bytes:
        return b""


class Inflate:
    """gzip (possibly several members) or deflate (zlib-wrapped, or raw as some servers send it)."""

    encoded = True

    def __init__(self, encoding: str):
        self.encoding = encoding
        self._gzip = encoding == "gzip"
        self._raw_fallback = not self._gzip  # "deflate" is meant to be zlib-wrapped; try raw on the first error
        self._z = self._new()
        self._pending = b""  # input not yet inflated because the output reached `room`

    def _new(self, raw: bool = False):
        return zlib.decompressobj(-zlib.MAX_WBITS if raw else (zlib.MAX_WBITS | 16 if self._gzip else zlib.MAX_WBITS))

    def feed(self, data: bytes, room: int) -> bytes:
        data = self._pending + data
        out = bytearray()
        while data and len(out) < room:
            try:
                out += self._z.decompress(data, room - len(out))
            except zlib.error as exc:
                if self._raw_fallback and not out:
                    self._raw_fallback = False
                    self._z = self._new(raw=True)
                    continue
                raise DecodeError(f"{self.encoding}: {exc}") from None
            self._raw_fallback = False
            if self._z.eof:
                data = self._z.unused_data.lstrip(b"\x00")  # a next gzip member, or padding
                if data and self._gzip:
                    self._z = self._new()
                    continue
                return bytes(out)  # trailing bytes after a deflate stream are ignored, as browsers do
            data = self._z.unconsumed_tail
        self._pending = data
        return bytes(out)

    def flush(self) -> bytes:
        # Only called with no input held back (else the cap was reached): what zlib still buffers is small.
        return b"" if self._pending else self._z.flush()


def decoder(content_encoding: str):
    """A decoder for the header's value; DecodeError names an encoding the fetcher cannot undo."""
    encoding = content_encoding.strip().lower()
    if encoding in ("", "identity"):
        return Identity()
    if encoding in ("gzip", "x-gzip"):
        return Inflate("gzip")
    if encoding == "deflate":
        return Inflate("deflate")
    raise DecodeError(f"Unsupported content encoding ({content_encoding.strip()[:40]})")
