"""The encoder's number format: bf16 where the processor computes it natively, a clean fp32 fallback elsewhere."""

import json
from pathlib import Path

import numpy as np
import pytest

from nlp import precision

X86_WITH_BF16 = "processor\t: 0\nvendor_id\t: AuthenticAMD\nflags\t\t: fpu sse2 avx2 avx512f avx512_bf16 avx512_vnni\n"
X86_WITHOUT = "processor\t: 0\nvendor_id\t: GenuineIntel\nflags\t\t: fpu sse2 avx2 fma\n"
SAPPHIRE_RAPIDS = "flags\t\t: avx512f amx_bf16 amx_tile amx_int8\n"
ARM_WITH_BF16 = "processor\t: 0\nFeatures\t: fp asimd sve bf16 i8mm\n"
TEXTS = ["Fuera los peruanos, son una plaga y basura, que los echen a todos",
         "Los peruanos abrieron un restaurante en el barrio y les va bien",
         "Os venezuelanos chegaram a Roraima fugindo da crise",
         "Haitian families crossed the Darién last week"]


def test_auto_is_bf16_only_where_the_processor_has_it():
    assert precision.resolve("auto", cpuinfo=X86_WITH_BF16).name == "bf16"
    assert precision.resolve("auto", cpuinfo=SAPPHIRE_RAPIDS).name == "bf16"
    assert precision.resolve("auto", cpuinfo=ARM_WITH_BF16).name == "bf16"
    fallback = precision.resolve("auto", cpuinfo=X86_WITHOUT)
    assert fallback.name == "fp32" and "no native bfloat16" in fallback.reason
    asked = precision.resolve("bf16", cpuinfo=X86_WITHOUT)  # asked for, missing: fp32 with the reason, no error
    assert (asked.name, asked.asked) == ("fp32", "bf16") and "avx512_bf16" in asked.reason
    assert precision.resolve("int8", cpuinfo=X86_WITHOUT).name == "int8"
    assert precision.resolve("fp32", cpuinfo=X86_WITH_BF16).name == "fp32"
    assert precision.cpu_flags("no flags line here") == set()
    with pytest.raises(ValueError, match="unknown precision 'fp16'"):
        precision.resolve("fp16")


def test_a_classifier_asked_for_bf16_on_a_processor_without_it_runs_fp32(trained: Path, models_dir: Path,
                                                                         tmp_path: Path, monkeypatch):
    import torch

    from nlp.classifier import Classifier

    cpuinfo = tmp_path / "cpuinfo"
    cpuinfo.write_text(X86_WITHOUT)
    monkeypatch.setattr(precision, "CPUINFO", cpuinfo)  # the processor of another machine
    encoder = models_dir / "multilingual-e5-small"
    fallback, fp32 = Classifier(trained, encoder, precision="bf16"), Classifier(trained, encoder, precision="fp32")
    assert fallback.precision.name == "fp32" and "no native bfloat16" in fallback.precision.reason
    assert {p.dtype for p in fallback.encoder.model.parameters()} == {torch.float32}
    assert np.array_equal(fallback.embed(TEXTS), fp32.embed(TEXTS))
    assert precision.resolve("auto").name == "fp32"  # the setting's default on that processor


def test_auto_embeddings_match_fp32_and_give_the_same_decisions(trained: Path, models_dir: Path):
    import torch

    from nlp.classifier import Classifier

    encoder = models_dir / "multilingual-e5-small"
    auto, fp32 = Classifier(trained, encoder, precision="auto"), Classifier(trained, encoder, precision="fp32")
    native = precision.bf16_native()  # this machine's processor (avx512_bf16 here; fp32 where it lacks it)
    assert auto.precision.name == ("bf16" if native else "fp32")
    assert {p.dtype for p in auto.encoder.model.parameters()} == {torch.bfloat16 if native else torch.float32}
    a, b = auto.embed(TEXTS), fp32.embed(TEXTS)
    assert a.dtype == np.float32
    cosine = (a * b).sum(1) / np.linalg.norm(a, axis=1) / np.linalg.norm(b, axis=1)
    assert cosine.min() > 0.999 and np.array_equal(a, b) != native  # bf16 really computed in another format
    langs = ["es", "es", "pt", "en"]
    decided = [[r.label for r in clf.predict(TEXTS, langs)["hate"]] for clf in (auto, fp32)]
    assert decided[0] == decided[1]


def test_training_records_its_precision_and_heldout_evaluates_every_precision_offered(trained: Path):
    manifest = json.loads((trained / "manifest.json").read_text())
    assert manifest["train_precision"] == precision.resolve("auto").name
    evaluation = json.loads((trained / "evaluation.json").read_text())
    offered = {"bf16", "int8"} if precision.bf16_native() else {"int8"}
    assert offered <= set(evaluation["hate"]) and (precision.bf16_native() or "bf16" not in evaluation["hate"])
    for p in offered:
        overall = evaluation["hate"][p]["overall"]
        lo, hi = overall["difference_to_fp32"]["ci95"]
        assert lo <= overall["difference_to_fp32"]["delta"] <= hi and 0 <= overall["same_decision"] <= 1
