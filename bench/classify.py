"""Classification: posts per second of every head at once in each precision (fp32, bf16 where the processor has
it natively, int8), the naive baseline, and the roofline.

The baseline in the same run is `transformers.pipeline("feature-extraction")` at batch size 1 (encoder only, fp32).
The roofline of each precision is this machine's matrix-multiply rate in that number format (torch.matmul on
square fp32 or bf16 matrices; for int8, a dynamically quantized Linear layer on a square input, as the int8
encoder runs its layers), with the thread count the classifier uses, against the encoder's FLOPs per post,
counted from the BertModel config for the token lengths the classifier really runs: how much of the hardware's
limit for that format the classifier reaches.
"""

from __future__ import annotations

import time
from pathlib import Path

from bench.synth import demo_records

MATMUL_SIZES = (1024, 1536, 2048)


def texts(n: int) -> list[tuple[str, str | None]]:
    """(text, language) of the first n demo posts with text: Spanish and Portuguese, of social-media length."""
    rows = [(r["text"], r["language"]) for r in demo_records() if r["text"]]
    return (rows * (n // len(rows) + 1))[:n]


def matmul_flops(threads: int, sizes: tuple[int, ...] = MATMUL_SIZES, repeats: int = 5,
                 precision: str = "fp32") -> dict:
    """Best FLOP/s of a square matrix multiply in `precision` over `repeats` runs of each size: torch.matmul in
    fp32 or bf16; for int8 a dynamically quantized Linear (activations quantized on the fly, int8 GEMM)."""
    import torch

    torch.set_num_threads(threads)
    best = {}
    for n in sizes:
        if precision == "int8":
            layer = torch.ao.quantization.quantize_dynamic(torch.nn.Sequential(torch.nn.Linear(n, n, bias=False)),
                                                           {torch.nn.Linear}, dtype=torch.qint8)
            x = torch.randn(n, n)

            def work():
                return layer(x)
        else:
            dtype = torch.bfloat16 if precision == "bf16" else torch.float32
            a, b = torch.randn(n, n, dtype=dtype), torch.randn(n, n, dtype=dtype)

            def work():
                return torch.matmul(a, b)
        with torch.inference_mode():
            work()  # warm-up
            fastest = min(_seconds(work) for _ in range(repeats))
        best[n] = 2 * n**3 / fastest
    return {"precision": precision, "threads": threads,
            "gflops_by_size": {n: round(f / 1e9, 1) for n, f in best.items()},
            "peak_gflops": round(max(best.values()) / 1e9, 1)}


def _seconds(work) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def encoder_flops(config, seq: int) -> int:
    """FLOPs of one sequence of `seq` tokens through a BertModel: per layer the Q, K, V and output projections
    and the feed-forward (2*seq*h*(4h + 2*ffn)) plus attention scores and their use (4*seq^2*h)."""
    h, ffn = config.hidden_size, config.intermediate_size
    return config.num_hidden_layers * (2 * seq * h * (4 * h + 2 * ffn) + 4 * seq * seq * h)


def character_batches(sample: list[str], batch_size: int = 32) -> list[list[int]]:
    """How Encoder.embed formed its batches before 2026-12-07: full batches of posts sorted by characters."""
    order = sorted(range(len(sample)), key=lambda i: len(sample[i]))
    return [order[s:s + batch_size] for s in range(0, len(order), batch_size)]


def flops_per_post(classifier, sample: list[str], batch_size: int = 32) -> dict:
    """Encoder FLOPs per post: as useful work (each post's own tokens) and as executed (padded batches, by token
    count as Encoder.embed forms them), plus the linear heads; and as executed in the batches sorted by characters
    that Encoder.embed formed before."""
    from nlp.batching import length_batches

    tokenizer, config = classifier.encoder.tokenizer, classifier.encoder.model.config
    prefix = classifier.manifest.get("prefix", "query: ")
    lengths = [len(ids) for ids in tokenizer([prefix + t for t in sample], truncation=True,
                                             max_length=classifier.max_length)["input_ids"]]

    def executed(batches: list[list[int]]) -> int:
        return sum(len(batch) * encoder_flops(config, max(lengths[i] for i in batch)) for batch in batches)

    heads = sum(2 * w.size for w, _ in classifier.tasks.values())
    useful = sum(encoder_flops(config, n) for n in lengths)
    return {"mean_tokens": round(sum(lengths) / len(lengths), 1), "max_length": classifier.max_length,
            "useful_mflops_per_post": round((useful / len(sample) + heads) / 1e6, 2),
            "executed_mflops_per_post": round((executed(length_batches(lengths, batch_size)) / len(sample) + heads)
                                              / 1e6, 2),
            "executed_mflops_per_post_character_sorted": round(
                (executed(character_batches(sample, batch_size)) / len(sample) + heads) / 1e6, 2)}


def batching_comparison(classifier, posts: list[str], call: int = 100, rounds: int = 2) -> dict:
    """Encoder-only seconds of Encoder.embed against the batches sorted by characters it formed before, in the
    classifier's precision, on the same posts in calls of `call` posts (as the pipeline hands them over), the two
    alternating; the best round of each. Both give each post the same embedding up to rounding."""
    import numpy as np
    import torch

    from nlp.encoder import mean_pool

    encoder, prefix = classifier.encoder, classifier.manifest.get("prefix", "query: ")

    def by_characters(texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), encoder.dim), dtype=np.float32)
        with torch.inference_mode():
            for idx in character_batches(texts):
                batch = encoder.tokenizer([prefix + texts[i] for i in idx], padding=True, truncation=True,
                                          max_length=classifier.max_length, return_tensors="pt").to(encoder.device)
                out[idx] = mean_pool(encoder.model(**batch).last_hidden_state.float(),
                                     batch["attention_mask"]).cpu().numpy()
        return out

    def by_tokens(texts: list[str]) -> np.ndarray:
        return encoder.embed(texts, prefix=prefix, batch_size=32, max_length=classifier.max_length)

    best = {"character_sorted": float("inf"), "token_sorted": float("inf")}
    out = {}
    for _ in range(rounds):
        for name, embed in (("character_sorted", by_characters), ("token_sorted", by_tokens)):
            started = time.perf_counter()
            out[name] = np.concatenate([embed(posts[s:s + call]) for s in range(0, len(posts), call)])
            best[name] = min(best[name], time.perf_counter() - started)
    a, b = out["character_sorted"], out["token_sorted"]
    cosine = (a * b).sum(1) / np.maximum(np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1), 1e-12)
    return {"precision": classifier.precision.name, "posts": len(posts), "posts_per_call": call,
            **{f"{name}_posts_per_s": round(len(posts) / seconds, 1) for name, seconds in best.items()},
            "speedup": round(best["character_sorted"] / best["token_sorted"], 3),
            "min_cosine": round(float(cosine.min()), 5)}


def lora_training(encoder_dir: Path, n: int, modes: list[str], max_length: int) -> dict:
    """Posts per second of one epoch of `vigia train --mode lora` fine-tuning (forward, backward, AdamW step) on n
    labelled demo posts, in fp32 and under bf16 autocast, from the same initial weights and order."""
    from nlp.datasets import Example
    from nlp.encoder import Encoder
    from nlp.fitting import SEED, seed_everything
    from nlp.head_training import lora_finetune

    examples = []
    for k, record in enumerate(r for r in demo_records() if r["text"]):
        labels = {lab["task"]: lab["label"] for lab in record["labels"] if lab["task"] in ("hate", "migration")}
        if len(labels) == 2:
            examples.append(Example(f"demo:{k}", record["text"], record["language"], "demo", "train", labels))
    examples = (examples * (n // len(examples) + 1))[:n]
    examples = [Example(f"{e.id}:{k}", e.text, e.language, e.dataset, e.split, e.labels)
                for k, e in enumerate(examples)]
    out: dict = {"posts": n, "what": "one epoch of LoRA fine-tuning (rank 8, batches of 16)"}
    for mode in (m for m in modes if m != "int8"):
        seed_everything(SEED)
        encoder = Encoder(encoder_dir)
        started = time.perf_counter()
        lora_finetune(encoder, {"hate": examples, "migration": examples}, SEED, max_length, 1, 8, None,
                       bf16=mode == "bf16")
        out[mode] = {"posts_per_s": round(n / (time.perf_counter() - started), 1)}
    if "bf16" in out:
        out["bf16_speedup"] = round(out["bf16"]["posts_per_s"] / out["fp32"]["posts_per_s"], 2)
    return out


def naive_pipeline(classifier, posts: list[str]) -> dict:
    """The same (fp32) encoder behind `transformers.pipeline("feature-extraction")`, one post per call."""
    import numpy as np
    import transformers

    pipe = transformers.pipeline("feature-extraction", model=classifier.encoder.model,
                                 tokenizer=classifier.encoder.tokenizer, framework="pt")
    prefix = classifier.manifest.get("prefix", "query: ")
    pipe(prefix + posts[0], truncation=True, max_length=classifier.max_length)  # warm-up
    started = time.perf_counter()
    for text in posts:
        np.asarray(pipe(prefix + text, truncation=True, max_length=classifier.max_length))
    seconds = time.perf_counter() - started
    return {"what": "transformers.pipeline feature-extraction, batch size 1, encoder only", "posts": len(posts),
            "posts_per_s": round(len(posts) / seconds, 1)}


def run(n: int, naive_n: int, model_dir: Path, encoder_dir: Path, matmul_sizes: tuple[int, ...] = MATMUL_SIZES,
        default_precision: str = "auto") -> dict:
    import numpy as np
    import torch
    import transformers

    from nlp.classifier import Classifier
    from nlp.encoder import set_threads
    from nlp.precision import resolve

    transformers.utils.logging.disable_progress_bar()
    transformers.utils.logging.set_verbosity_error()
    sample = texts(n)
    posts, languages = [t for t, _ in sample], [lang for _, lang in sample]
    modes = [p for p in ("fp32", "bf16", "int8") if resolve(p).name == p]
    results: dict = {"posts": n, "modes": modes, "default": resolve(default_precision).name,
                     "default_reason": resolve(default_precision).reason}
    decisions = {}
    for mode in modes:
        classifier = Classifier(model_dir, encoder_dir, precision=mode)  # no cache: every post is embedded
        classifier.predict(posts[:8], languages[:8])  # warm-up
        started = time.perf_counter()
        predictions = classifier.predict(posts, languages)
        seconds = time.perf_counter() - started
        decisions[mode] = [r.label for r in predictions["hate"]]
        results[mode] = {"posts_per_s": round(n / seconds, 1), "seconds": round(seconds, 2),
                         "heads": sorted(predictions)}
        if mode == "fp32":
            results["flops"] = flops_per_post(classifier, posts)
            results["baseline"] = naive_pipeline(classifier, posts[:naive_n])
        if mode == results["default"]:
            results["batching"] = batching_comparison(classifier, posts)
    set_threads()
    results["roofline"] = {}
    for mode in modes:
        if mode != "fp32":
            results[mode]["same_hate_decision_as_fp32"] = round(
                float(np.mean([a == b for a, b in zip(decisions[mode], decisions["fp32"])])), 4)
        roof = results["roofline"][mode] = matmul_flops(torch.get_num_threads(), matmul_sizes, precision=mode)
        peak = roof["peak_gflops"] * 1e9
        achieved = results[mode]["posts_per_s"] * results["flops"]["executed_mflops_per_post"] * 1e6
        results[mode]["gflops"] = round(achieved / 1e9, 1)
        results[mode]["share_of_own_peak"] = round(achieved / peak, 3)
        results[mode]["ratio_to_baseline"] = round(results[mode]["posts_per_s"] / results["baseline"]["posts_per_s"],
                                                   1)
        roof["posts_per_s_at_peak"] = round(peak / (results["flops"]["useful_mflops_per_post"] * 1e6), 1)
    results["lora_training"] = lora_training(encoder_dir, max(32, n // 3), modes, results["flops"]["max_length"])
    return results
