"""A transformers encoder (the bootstrapped e5 by default, or any folder AutoModel loads): batched,
length-bucketed mean-pooled embeddings, on the GPU when one is present."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import numpy as np

from nlp.batching import length_batches
from nlp.precision import resolve

E5_PREFIX = "query: "


class ModelNotAvailable(RuntimeError):
    """The encoder or classifier folder is missing or incomplete, or the device asked for is not present."""


def set_threads() -> None:
    import torch

    torch.set_num_threads(max(1, min(os.cpu_count() or 1, 8)))


def resolve_device(device: str = "auto"):
    """The torch device for `auto` (CUDA when torch sees a GPU, else the CPU), `cpu` or `cuda`."""
    import torch

    if device not in ("auto", "cpu", "cuda"):
        raise ValueError(f"unknown device {device!r} (auto, cpu or cuda)")
    if device == "cuda" and not torch.cuda.is_available():
        raise ModelNotAvailable("device is set to cuda but torch sees no CUDA GPU here (set device to auto or cpu)")
    return torch.device("cuda" if device != "cpu" and torch.cuda.is_available() else "cpu")


def load_encoder_model(path: Path):
    """The bare encoder of a transformers folder (any architecture whose output has last_hidden_state), fp32,
    without the pooling layer where the architecture has one."""
    import torch
    from transformers import AutoModel

    try:
        return AutoModel.from_pretrained(str(path), dtype=torch.float32, add_pooling_layer=False)
    except TypeError:  # architectures without a pooling layer do not take the argument
        return AutoModel.from_pretrained(str(path), dtype=torch.float32)


class Encoder:
    """Loads a transformers encoder folder (made by `vigia models bootstrap`, or any model AutoModel loads) and
    embeds texts with mean pooling, on `device` (auto: CUDA when present; int8 quantization runs on the CPU).

    `precision` (nlp/precision.py) is what the encoder computes in: fp32, bf16 where the device has it natively
    (weights cast to bfloat16, pooling in fp32), or int8 (dynamic quantization of the linear layers)."""

    def __init__(self, path: Path, precision: str = "fp32", device: str = "auto"):
        import inspect

        import transformers
        from transformers import AutoTokenizer

        transformers.utils.logging.disable_progress_bar()  # no "Loading weights" bar in the middle of a run
        set_threads()
        self.path = Path(path)
        self.tokenizer = AutoTokenizer.from_pretrained(str(self.path))
        self.model = load_encoder_model(self.path)
        # the tokenizer gives only what the model reads (a BERT tokenizer beside a DistilBERT has token_type_ids)
        accepted = set(inspect.signature(self.model.forward).parameters)
        self.tokenizer.model_input_names = [n for n in self.tokenizer.model_input_names if n in accepted]
        self.device = resolve_device("cpu" if precision == "int8" else device)
        self.model.to(self.device)
        self.model.eval()
        self.dim = self.model.config.hidden_size
        self.set_precision(precision)

    def set_precision(self, precision: str) -> None:
        """Put the (possibly LoRA-merged) model in `precision`; call once, after the weights are final."""
        import torch

        self.precision = resolve(precision, device=self.device.type)
        if self.precision.name == "int8":  # quantized kernels run on the CPU
            self.device = torch.device("cpu")
            self.model = torch.ao.quantization.quantize_dynamic(self.model.to(self.device), {torch.nn.Linear},
                                                                dtype=torch.qint8)
        else:
            self.model = self.model.to(self.precision.torch_dtype)

    def embed(self, texts: list[str], prefix: str = E5_PREFIX, batch_size: int = 32, max_length: int = 256,
              progress: Callable[[int], None] | None = None, cache: EmbeddingCache | None = None) -> np.ndarray:
        """(n, dim) float32 mean-pooled embeddings, not normalized. Texts are tokenized once and sorted by token
        count into batches of even size (nlp/batching.py), so padding stays small; the output keeps the input
        order. With a `cache`, texts embedded before (same encoder state, prefix and max_length) are not embedded
        again."""
        import torch

        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        keys = [cache.key(prefix, max_length, t) for t in texts] if cache else []
        todo = []
        for i in range(len(texts)):
            hit = cache.get(keys[i]) if cache else None
            if hit is None:
                todo.append(i)
            else:
                out[i] = hit
        if progress and len(todo) < len(texts):
            progress(len(texts) - len(todo))
        tokens = (self.tokenizer([prefix + texts[i] for i in todo], truncation=True, max_length=max_length)
                  if todo else {"input_ids": []})
        with torch.inference_mode():
            for positions in length_batches([len(ids) for ids in tokens["input_ids"]], batch_size):
                idx = [todo[k] for k in positions]
                batch = self.tokenizer.pad({name: [tokens[name][k] for k in positions] for name in tokens},
                                           return_tensors="pt").to(self.device)
                hidden = self.model(**batch).last_hidden_state.float()
                out[idx] = mean_pool(hidden, batch["attention_mask"]).cpu().numpy()
                if cache:
                    for i in idx:
                        cache.put(keys[i], out[i])
                if progress:
                    progress(len(idx))
        if cache:
            cache.flush()
        return out


class EmbeddingCache:
    """Embeddings by SHA-256 of (encoder state, prefix, max_length, text), kept in one .npz file that is
    rewritten every minute of work and at the end, so an interrupted run loses little."""

    def __init__(self, path: Path, encoder_state: str):
        import hashlib
        import time

        self.path, self.state, self._hashlib, self._time = Path(path), encoder_state, hashlib, time
        self.data: dict[str, np.ndarray] = {}
        if self.path.is_file():
            with np.load(self.path) as stored:
                self.data = {k: stored[k] for k in stored.files}
        self._saved = time.monotonic()

    def key(self, prefix: str, max_length: int, text: str) -> str:
        return self._hashlib.sha256(f"{self.state}\x00{prefix}\x00{max_length}\x00{text}".encode()).hexdigest()

    def get(self, key: str) -> np.ndarray | None:
        return self.data.get(key)

    def put(self, key: str, vector: np.ndarray) -> None:
        self.data[key] = vector.copy()
        if self._time.monotonic() - self._saved > 60:
            self.flush()

    def flush(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(self.path.stem + ".tmp.npz")
        np.savez(tmp, **self.data)
        tmp.replace(self.path)
        self._saved = self._time.monotonic()


def mean_pool(hidden, mask):
    mask = mask.unsqueeze(-1).to(hidden.dtype)
    return (hidden * mask).sum(1) / mask.sum(1).clamp(min=1.0)
