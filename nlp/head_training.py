"""Training the task heads on a transformers encoder (the bootstrapped e5 by default): the model folder that
nlp/classifier.py loads (its layout is described there).

Two training modes: `frozen` (heads on mean-pooled embeddings; minutes) and `lora` (LoRA on the attention
and feed-forward projections plus heads, multi-task; hours on 2 cores). Scores are Platt-calibrated on a
held-out calibration slice and thresholds are chosen per language on that slice (global where a language
has too few examples of either class).

torch, peft, safetensors and scikit-learn are imported where they are used: `import nlp` stays light.
"""

from __future__ import annotations

import json
import math
import random
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
from scipy.special import expit

from nlp import encoder_folders, stacking
from nlp.classifier import ADAPTER_INFO, MAX_LENGTH, embedding_cache
from nlp.datasets import Example, data_hash
from nlp.encoder import E5_PREFIX, Encoder, ModelNotAvailable, mean_pool, set_threads
from nlp.fitting import (
    MIN_POSITIVES_FOR_A_MYTH,
    SEED,
    fit_head,
    fit_platt,
    fit_temperature,
    language_thresholds,
    seed_everything,
    split_calibration,
)
from nlp.labels import MULTI_LABEL, TASK_LABELS, myth_set
from nlp.precision import resolve

DEFAULT_TAXONOMY = Path(__file__).resolve().parent.parent / "data" / "myths" / "taxonomy.yaml"

# LoRA on attention and feed-forward projections for the BERT family (the shipped adapter's choice); other
# architectures get peft's default for their model_type, or else every linear layer of the encoder
BERT_FAMILY_LORA_TARGETS = ["dense", "key", "query", "value"]
BERT_FAMILY = {"bert", "roberta", "xlm-roberta", "camembert", "electra"}


def _embed(encoder: Encoder, texts: list[str], max_length: int, progress, cache=None, prefix: str = E5_PREFIX
           ) -> np.ndarray:
    return encoder.embed(texts, prefix=prefix, batch_size=32, max_length=max_length, progress=progress,
                         cache=cache)




def train(encoder_path: Path, examples: dict[str, list[Example]], out_dir: Path, name: str,
          mode: str = "frozen", seed: int = SEED, max_length: int = MAX_LENGTH, epochs: int = 2,
          lora_rank: int = 8, lora_tasks: tuple[str, ...] | None = None, char_features: bool = False,
          init_adapter: Path | None = None, cache_dir: Path | None = None, taxonomy_path: Path | None = None,
          prefix: str | None = None, device: str = "auto", precision: str = "fp32",
          progress: Callable[[str, int, int], None] | None = None) -> dict:
    """Train heads for every task in `examples` (task → train examples); returns the manifest written.

    Each task's examples are split into fit and calibration parts; heads are fit on the first, calibration
    and per-language thresholds on the second. With `char_features` every head is stacked with character
    n-gram models (nlp/stacking.py; myths also with the similarity to and cues of `taxonomy_path`). `prefix` is put before every text (default: `query: ` for e5 encoders,
    nothing for others); `device` is auto, cpu or cuda. `precision` is what the encoder computes in: LoRA
    fine-tuning runs its forward pass under bf16 autocast (the adapter's weights and the optimizer stay fp32),
    and the embedding pass of the heads runs in it too."""
    import torch
    from safetensors.torch import save_file

    seed_everything(seed)
    set_threads()
    started = time.perf_counter()
    encoder = Encoder(encoder_path, device=device)
    encoder_info = encoder_folders.identity(encoder_path, encoder.dim)
    prefix = encoder_folders.default_prefix(encoder_info) if prefix is None else prefix
    run_precision = resolve(precision, device=encoder.device.type)
    if run_precision.name == "int8":
        raise ValueError("training runs in fp32 or bf16, not int8 (int8 is for inference)")
    splits = {task: split_calibration(exs) for task, exs in examples.items()}  # one slice, whatever the run's seed
    if mode == "lora":
        from peft import PeftModel

        # the adapter learns from the single-label tasks; multi-label heads (myth) are fitted on top of it
        lora_tasks = lora_tasks or tuple(t for t in splits if t not in MULTI_LABEL)

        out_dir.mkdir(parents=True, exist_ok=True)
        adapter_info = out_dir / "adapter" / ADAPTER_INFO
        if init_adapter is not None:  # refit heads on an adapter trained earlier
            base = json.loads((Path(init_adapter) / "adapter_config.json").read_text(encoding="utf-8")).get(
                "base_model_name_or_path")
            if base not in (None, encoder_info.get("equivalent_to"), encoder_info["name"]):
                raise ModelNotAvailable(f"the adapter in {init_adapter} was trained on the encoder {base}, not on "
                                        f"{encoder_info['name']}: pass that encoder with --encoder")
            if Path(init_adapter).resolve() != (out_dir / "adapter").resolve():
                shutil.copytree(init_adapter, out_dir / "adapter", dirs_exist_ok=True)
            lora_info = (json.loads(adapter_info.read_text(encoding="utf-8")) if adapter_info.is_file()
                         else {"rank": lora_rank, "note": "adapter trained elsewhere; its training is not recorded"})
        else:
            lora_finetune(encoder, {t: s[0] for t, s in splits.items() if t in lora_tasks},
                           seed, max_length, epochs, lora_rank, progress, prefix, run_precision.name == "bf16")
            encoder.model.save_pretrained(str(out_dir / "adapter"))
            _portable_adapter(out_dir / "adapter", encoder_info)
            encoder.model = encoder.model.unload()  # back to the plain encoder, then merge the saved adapter
            lora_info = {"rank": lora_rank, "epochs": epochs, "tasks": sorted(lora_tasks), "seed": seed,
                         "max_length": max_length, "precision": run_precision.name,
                         "data_sha256": {t: data_hash(examples[t], t) for t in sorted(lora_tasks)}}
            adapter_info.write_text(json.dumps(lora_info, indent=2) + "\n", encoding="utf-8")
        encoder.model = PeftModel.from_pretrained(encoder.model, str(out_dir / "adapter")).merge_and_unload()
        encoder.model.to(encoder.device)
        encoder.model.eval()
    elif mode != "frozen":
        raise ValueError(f"unknown training mode {mode!r} (frozen or lora)")
    encoder.set_precision(run_precision.name)

    all_ex = {e.id: e for exs in examples.values() for e in exs}
    ids = sorted(all_ex)
    done = [0]

    def tick(n: int) -> None:
        done[0] += n
        if progress:
            progress("embedding", done[0], len(ids))

    cache = embedding_cache(cache_dir, encoder_path, out_dir / "adapter" if mode == "lora" else None,
                            run_precision.name)
    emb = _embed(encoder, [all_ex[i].text for i in ids], max_length, tick, cache, prefix)
    row = {i: k for k, i in enumerate(ids)}
    mean, std = emb.mean(axis=0), emb.std(axis=0) + 1e-6
    heads: dict[str, torch.Tensor] = {}
    tasks_meta: dict[str, dict] = {}
    chars: dict = {}
    out_dir.mkdir(parents=True, exist_ok=True)
    for task, (fit, calib) in splits.items():
        labels = TASK_LABELS[task]
        if task in MULTI_LABEL:
            heads[f"{task}.weight"], heads[f"{task}.bias"], tasks_meta[task] = fit_multilabel_heads(
                task, fit, calib, emb, row, mean, std, seed, examples[task])
            if char_features and calib:
                taxonomy = Path(taxonomy_path or DEFAULT_TAXONOMY)
                tasks_meta[task]["taxonomy_sha256"] = stacking.write_taxonomy(
                    taxonomy, out_dir / stacking.TAXONOMY_FILE)
                detector = stacking.myth_detector(out_dir / stacking.TAXONOMY_FILE,
                                                  lambda texts: _embed(encoder, texts, max_length, None, cache, prefix))
                e_fit, e_cal = emb[[row[e.id] for e in fit]], emb[[row[e.id] for e in calib]]
                chars[task], tasks_meta[task] = stacking.stack_myth(
                    tasks_meta[task], fit, calib, (e_fit - mean) / std, (e_cal - mean) / std,
                    heads[f"{task}.weight"].numpy(), heads[f"{task}.bias"].numpy(), e_fit, e_cal, detector, seed)
            continue
        x_fit = (emb[[row[e.id] for e in fit]] - mean) / std
        y_fit = np.array([labels.index(e.labels[task]) for e in fit])
        w, b = fit_head(x_fit.astype(np.float32), y_fit, len(labels), seed)
        heads[f"{task}.weight"] = torch.from_numpy(np.ascontiguousarray(w, dtype=np.float32))
        heads[f"{task}.bias"] = torch.from_numpy(np.ascontiguousarray(b, dtype=np.float32))
        x_cal = (emb[[row[e.id] for e in calib]] - mean) / std
        y_cal = np.array([labels.index(e.labels[task]) for e in calib])
        logits = x_cal @ w.T + b
        meta: dict = {"labels": labels, "train_examples": len(fit), "calibration_examples": len(calib),
                      "data_sha256": data_hash(examples[task], task),
                      "datasets": sorted({e.dataset for e in examples[task]}),
                      "languages": sorted({e.language for e in examples[task]})}
        if len(labels) == 2:
            margin = logits[:, 1] - logits[:, 0]
            a, c = fit_platt(margin, y_cal) if len(set(y_cal)) == 2 else (1.0, 0.0)
            p = expit(a * margin + c)
            meta["calibration"] = {"method": "platt", "a": a, "b": c}
            if char_features and len(set(y_fit)) == 2 and len(set(y_cal)) == 2:
                chars[task], p = stacking.stack_binary(meta, fit, calib, y_fit, y_cal, margin, p, seed)
            meta["thresholds"] = language_thresholds(p, y_cal, calib)
        else:
            meta["calibration"] = {"method": "temperature",
                                   "t": fit_temperature(logits, y_cal) if len(calib) else 1.0}
            if char_features and len(set(y_fit)) == len(labels) and len(calib):
                chars[task], meta["stack"] = stacking.stack_frame(fit, calib, x_fit, x_cal, y_fit, y_cal, w, b, seed)
        tasks_meta[task] = meta

    # standardization is folded into the heads: logits = W·((e−mean)/std) + b = (W/std)·e + (b − W·mean/std)
    for task in splits:
        w = heads[f"{task}.weight"].numpy()
        b = heads[f"{task}.bias"].numpy()
        heads[f"{task}.weight"] = torch.from_numpy(np.ascontiguousarray(w / std, dtype=np.float32))
        heads[f"{task}.bias"] = torch.from_numpy(np.ascontiguousarray(b - (w / std) @ mean, dtype=np.float32))
    save_file(heads, str(out_dir / "heads.safetensors"))
    for task, char in chars.items():
        char.save(out_dir / f"char_{task}")
    manifest = {"name": name, "version": "1", "mode": mode, "seed": seed, "max_length": max_length,
                "train_precision": run_precision.name,
                "encoder": encoder_info, "prefix": prefix, "tasks": tasks_meta,
                "train_seconds": round(time.perf_counter() - started, 1)}
    if mode == "lora":
        manifest["lora"] = lora_info
    (out_dir / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n",
                                           encoding="utf-8")
    return manifest


def fit_multilabel_heads(task: str, fit: list[Example], calib: list[Example], emb: np.ndarray, row: dict,
                    mean: np.ndarray, std: np.ndarray, seed: int, all_examples: list[Example]):
    """One binary head per label with enough positives; Platt calibration and a threshold per label on the
    calibration slice. Labels with too few positives get a head that never fires (reported in the manifest)."""
    import torch
    from sklearn.metrics import f1_score

    labels = TASK_LABELS[task]
    x_fit = ((emb[[row[e.id] for e in fit]] - mean) / std).astype(np.float32)
    x_cal = (emb[[row[e.id] for e in calib]] - mean) / std
    weight = np.zeros((len(labels), emb.shape[1]), dtype=np.float32)
    bias = np.full(len(labels), -20.0, dtype=np.float32)
    per_label: dict[str, dict] = {}
    for k, label in enumerate(labels):
        y_fit = np.array([label in myth_set(e.labels[task]) for e in fit], dtype=int)
        y_cal = np.array([label in myth_set(e.labels[task]) for e in calib], dtype=int)
        info: dict = {"train_positives": int(y_fit.sum()), "calibration_positives": int(y_cal.sum())}
        if y_fit.sum() < MIN_POSITIVES_FOR_A_MYTH:
            info["trained"] = False
            per_label[label] = info
            continue
        w, b = fit_head(x_fit, y_fit, 2, seed, weight_decay=1e-2)
        weight[k], bias[k] = w[1] - w[0], b[1] - b[0]
        margin = x_cal @ weight[k] + bias[k]
        a, c = fit_platt(margin, y_cal) if 0 < y_cal.sum() < len(y_cal) else (1.0, 0.0)
        p = expit(a * margin + c)
        t = 0.5
        if y_cal.sum():
            grid = np.round(np.arange(0.05, 0.951, 0.01), 2)
            scores = [f1_score(y_cal, (p >= g).astype(int), zero_division=0) for g in grid]
            t = float(grid[int(np.argmax(scores))])
        info.update(trained=True, a=a, b=c, threshold=t)
        per_label[label] = info
    meta = {"labels": labels, "multi_label": True, "train_examples": len(fit), "calibration_examples": len(calib),
            "data_sha256": data_hash(all_examples, task), "datasets": sorted({e.dataset for e in all_examples}),
            "languages": sorted({e.language for e in all_examples}), "calibration": {"method": "platt-per-label"},
            "per_label": per_label}
    return (torch.from_numpy(weight), torch.from_numpy(bias), meta)


def _portable_adapter(folder: Path, encoder_info: dict) -> None:
    """The same adapter config on every machine and run: the encoder's hub name (or placed folder name) rather
    than a local path, modules sorted (peft writes them in set order); peft's generated README dropped."""
    config_path = folder / "adapter_config.json"
    config = json.loads(config_path.read_text(encoding="utf-8"))
    config["base_model_name_or_path"] = encoder_info.get("equivalent_to") or encoder_info["name"]
    config["target_modules"] = sorted(config["target_modules"])
    config_path.write_text(json.dumps(config, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    (folder / "README.md").unlink(missing_ok=True)


def lora_targets(model) -> list[str]:
    """The names of the encoder's modules LoRA adapts: the BERT family's attention and feed-forward projections,
    peft's default for other architectures it knows, else every linear layer."""
    import torch
    from peft.utils import TRANSFORMERS_MODELS_TO_LORA_TARGET_MODULES_MAPPING as PEFT_DEFAULTS

    linear = sorted({name.rsplit(".", 1)[-1] for name, module in model.named_modules()
                     if isinstance(module, torch.nn.Linear) and not name.startswith("pooler")})
    model_type = model.config.model_type
    preset = BERT_FAMILY_LORA_TARGETS if model_type in BERT_FAMILY else PEFT_DEFAULTS.get(model_type)
    if isinstance(preset, list) and preset and set(preset) <= set(linear):
        return sorted(preset)
    return linear


def lora_finetune(encoder: Encoder, examples: dict[str, list[Example]], seed: int, max_length: int,
                   epochs: int, rank: int, progress, prefix: str = E5_PREFIX, bf16: bool = False) -> None:
    """Multi-task LoRA: one adapter, one linear head per task on mean pooling, summed cross-entropy."""
    import torch
    from peft import LoraConfig, get_peft_model

    config = LoraConfig(r=rank, lora_alpha=2 * rank, lora_dropout=0.1, target_modules=lora_targets(encoder.model))
    model = get_peft_model(encoder.model, config)
    device = encoder.device
    heads = torch.nn.ModuleDict({t: torch.nn.Linear(encoder.dim, len(TASK_LABELS[t])) for t in examples}).to(device)
    by_id: dict[str, Example] = {}
    for exs in examples.values():
        for e in exs:
            by_id.setdefault(e.id, e)
    wanted = {t: {e.id for e in exs} for t, exs in examples.items()}
    items = [(by_id[i], tuple(t for t in examples if i in wanted[t])) for i in sorted(by_id)]
    params = [p for p in model.parameters() if p.requires_grad] + list(heads.parameters())
    opt = torch.optim.AdamW(params, lr=5e-4, weight_decay=0.01)
    batch_size = 16
    total_steps = epochs * math.ceil(len(items) / batch_size)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min(1.0, (s + 1) / max(1, total_steps // 10)) * max(0.0, 1 - s / total_steps))
    rng = random.Random(seed)
    model.train()
    step = 0
    for _ in range(epochs):
        order = items[:]
        rng.shuffle(order)
        # length bucketing: sort chunks of 50 batches by length, then shuffle the batches
        chunks = [order[i:i + 50 * batch_size] for i in range(0, len(order), 50 * batch_size)]
        batches = []
        for chunk in chunks:
            chunk.sort(key=lambda it: len(it[0].text))
            batches += [chunk[i:i + batch_size] for i in range(0, len(chunk), batch_size)]
        rng.shuffle(batches)
        for batch in batches:
            enc = encoder.tokenizer([prefix + e.text for e, _ in batch], padding=True, truncation=True,
                                    max_length=max_length, return_tensors="pt").to(device)
            with torch.autocast(device.type, dtype=torch.bfloat16, enabled=bf16):
                hidden = model(**enc).last_hidden_state
            pooled = mean_pool(hidden.float(), enc["attention_mask"])
            loss = torch.zeros((), device=device)
            for task in examples:
                sel = [k for k, (_, tasks) in enumerate(batch) if task in tasks]
                if sel:
                    y = torch.tensor([TASK_LABELS[task].index(batch[k][0].labels[task]) for k in sel], device=device)
                    loss = loss + torch.nn.functional.cross_entropy(heads[task](pooled[sel]), y) * len(sel)
            (loss / len(batch)).backward()
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            opt.step()
            sched.step()
            opt.zero_grad()
            step += 1
            if progress:
                progress("fine-tuning", step, total_steps)
    model.eval()
    encoder.model = model


