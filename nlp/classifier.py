"""Task heads on a transformers encoder (the bootstrapped e5 by default), at inference: one encoder pass, one
small head per task. Training is nlp/head_training.py; the label types are nlp/labels.py.

A trained model is a folder of small files (committed under data/models/<name>/):
    manifest.json        tasks, labels, thresholds per language, calibration, data hashes, seed, metrics
    heads.safetensors    one linear head per task (the encoder's hidden size → n labels)
    adapter/             optional LoRA adapter of the encoder (peft), when trained with mode "lora"
    char_<task>.json/npz character n-gram models stacked with the heads (nlp/stacking.py)
    myth_taxonomy.yaml   the myths' names, claims and cues the stacked myth head uses as features
The encoder itself is rebuilt by `vigia models bootstrap`; nothing large is committed. A model trained on another
encoder (`vigia train --encoder`) names it in the manifest and finds it under models_dir (nlp/encoder_folders.py).

peft and safetensors are imported where they are used: `import nlp` stays light.
"""

from __future__ import annotations

import hashlib
import json
import warnings
from pathlib import Path

import numpy as np
from scipy.special import expit

from nlp import encoder_folders, stacking
from nlp.char_model import CharModel
from nlp.encoder import E5_PREFIX, EmbeddingCache, Encoder, ModelNotAvailable
from nlp.fitting import softmax
from nlp.labels import TaskResult

NAME = "vigia.xeno_e5"
VERSION = "1"
ENCODER_DIRNAME = encoder_folders.BOOTSTRAPPED
ADAPTER_INFO = "vigia-lora.json"  # how the adapter beside it was trained
MAX_LENGTH = 64  # tokens read per post unless a model says otherwise


def encoder_state(encoder_path: Path, adapter_dir: Path | None) -> str:
    """Identity of the encoder's weights (the bootstrap source hash or a placed encoder's fingerprint), plus the
    adapter's hash if any."""
    state = encoder_folders.state(encoder_path)
    weights = Path(adapter_dir) / "adapter_model.safetensors" if adapter_dir else None
    if weights is not None and weights.is_file():
        state += ":" + hashlib.sha256(weights.read_bytes()).hexdigest()
    return state


def embedding_cache(cache_dir: Path | None, encoder_path: Path, adapter_dir: Path | None,
                    precision: str = "fp32") -> EmbeddingCache | None:
    if cache_dir is None:
        return None
    state = encoder_state(encoder_path, adapter_dir) + ("" if precision == "fp32" else f":{precision}")
    return EmbeddingCache(Path(cache_dir) / f"{hashlib.sha256(state.encode()).hexdigest()[:16]}.npz", state)



class Classifier:
    """A trained model folder on top of the encoder its manifest names. `predict(texts, languages)`.

    `encoder_path` is the bootstrapped e5 folder (`<models_dir>/multilingual-e5-small`); a model trained on
    another encoder finds it in `encoders/` beside it (see nlp/encoder_folders.py)."""

    def __init__(self, model_dir: Path, encoder_path: Path, precision: str = "fp32", cache_dir: Path | None = None,
                 device: str = "auto"):
        from safetensors.torch import load_file

        model_dir = Path(model_dir)
        manifest_path = model_dir / "manifest.json"
        if not manifest_path.is_file():
            raise ModelNotAvailable(f"no trained classifier in {model_dir} (run `vigia train hate`)")
        self.manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        encoder_path = encoder_folders.find(self.manifest, Path(encoder_path))
        if not encoder_folders.encoder_ready(encoder_path):
            raise ModelNotAvailable(encoder_folders.missing_message(self.manifest, encoder_path))
        self.name, self.version = self.manifest["name"], self.manifest["version"]
        self.max_length = int(self.manifest.get("max_length", 128))
        self.encoder = Encoder(encoder_path, device="cpu" if precision == "int8" else device)
        if (model_dir / "adapter").is_dir():
            from peft import PeftModel

            with warnings.catch_warnings():  # peft calls a transformers method that warns of its own renaming
                warnings.filterwarnings("ignore", message=".*is_gradient_checkpointing.*", category=FutureWarning)
                self.encoder.model = PeftModel.from_pretrained(self.encoder.model, str(model_dir / "adapter"))
            self.encoder.model = self.encoder.model.merge_and_unload()
            self.encoder.model.to(self.encoder.device)
            self.encoder.model.eval()
        self.encoder.set_precision(precision)
        self.precision = self.encoder.precision
        adapter = model_dir / "adapter" if (model_dir / "adapter").is_dir() else None
        self.cache = (embedding_cache(cache_dir, encoder_path, adapter, self.precision.name)
                      if self.precision.name != "int8" else None)
        heads = load_file(str(model_dir / "heads.safetensors"))
        self.tasks = {t: (heads[f"{t}.weight"].numpy(), heads[f"{t}.bias"].numpy()) for t in self.manifest["tasks"]}
        for task, (w, _) in self.tasks.items():
            if w.shape[1] != self.encoder.dim:
                raise ModelNotAvailable(f"the {task} head of {model_dir} reads {w.shape[1]} features but the "
                                        f"encoder in {encoder_path} gives {self.encoder.dim}: not the encoder it was "
                                        "trained on")
        self.chars = {}
        self._myth_detector = None
        self.model_dir = model_dir
        for task, meta in self.manifest["tasks"].items():
            if "stack" in meta:
                self.chars[task] = CharModel.load(model_dir / f"char_{task}")

    def myth_detector(self):
        """The cues and anchors the stacked myth head was trained with, embedded with this encoder."""
        if self._myth_detector is None:
            self._myth_detector = stacking.myth_detector(self.model_dir / stacking.TAXONOMY_FILE, self.embed)
        return self._myth_detector

    def embed(self, texts: list[str], progress=None) -> np.ndarray:
        return self.encoder.embed(texts, prefix=self.manifest.get("prefix", E5_PREFIX), batch_size=32,
                                  max_length=self.max_length, progress=progress, cache=self.cache)

    def probabilities(self, emb: np.ndarray, task: str, texts: list[str], head_only: bool = False) -> np.ndarray:
        """Calibrated class probabilities (n, n_labels); `head_only` ignores the character model."""
        w, b = self.tasks[task]
        logits = emb @ w.T + b
        meta = self.manifest["tasks"][task]
        cal = meta["calibration"]
        if meta.get("multi_label") and "stack" in meta and not head_only:
            return stacking.myth_probabilities(meta, self.chars[task], self.myth_detector(), logits, emb, texts)
        if meta.get("multi_label"):
            out = np.zeros_like(logits)
            for k, label in enumerate(meta["labels"]):
                info = meta["per_label"][label]
                if info.get("trained"):
                    out[:, k] = expit(info["a"] * logits[:, k] + info["b"])
            return out
        if "stack" in meta and not head_only and len(meta["labels"]) > 2:
            return stacking.frame_probabilities(meta["stack"], self.chars[task], logits, texts)
        if "stack" in meta and not head_only:
            return stacking.binary_probabilities(meta["stack"], self.chars[task], logits, texts)
        if cal["method"] == "platt":
            p1 = expit(cal["a"] * (logits[:, 1] - logits[:, 0]) + cal["b"])
            return np.stack([1 - p1, p1], axis=1)
        return softmax(logits / cal["t"])

    def decide(self, probs: np.ndarray, task: str, languages: list[str | None],
               head_only: bool = False) -> list[TaskResult]:
        meta = self.manifest["tasks"][task]
        labels = meta["labels"]
        thresholds = meta.get("head_only_thresholds", meta.get("thresholds")) if head_only else meta.get("thresholds")
        out = []
        if meta.get("multi_label"):
            per_label = meta["per_label"]
            cut = {label: per_label[label]["stack"]["threshold"] if "stack" in per_label[label] and not head_only
                   else per_label[label].get("threshold") for label in labels}
            for p in probs:
                hits = sorted(((label, float(p[k])) for k, label in enumerate(labels)
                               if per_label[label].get("trained") and p[k] >= cut[label]), key=lambda h: -h[1])
                out.append(TaskResult(",".join(sorted(h[0] for h in hits)) or "none",
                                      hits[0][1] if hits else float(1 - p.max()) if len(p) else 1.0, None, hits,
                                      {label: float(p[k]) for k, label in enumerate(labels)
                                       if per_label[label].get("trained")}))
            return out
        for p, lang in zip(probs, languages):
            if len(labels) == 2:
                t = thresholds.get(lang or "", thresholds["*"])
                positive = p[1] >= t
                out.append(TaskResult(labels[1] if positive else labels[0], float(p[1] if positive else p[0]),
                                      float(p[1])))
            else:
                k = int(np.argmax(p))
                out.append(TaskResult(labels[k], float(p[k]),
                                      distribution={label: float(p[j]) for j, label in enumerate(labels)}))
        return out

    def predict(self, texts: list[str], languages: list[str | None] | None = None,
                progress=None, emb: np.ndarray | None = None) -> dict[str, list[TaskResult]]:
        """Every task's decision per text; `emb` reuses embeddings already computed for these texts."""
        languages = languages or [None] * len(texts)
        emb = self.embed(texts, progress=progress) if emb is None else emb
        return {task: self.decide(self.probabilities(emb, task, texts), task, languages) for task in self.tasks}
