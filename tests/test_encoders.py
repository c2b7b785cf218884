"""`vigia train --encoder`: any transformers encoder trains and ships. Tiny encoders are made in the test (a BERT
and a DistilBERT, whose module names differ, with a WordPiece tokenizer trained on the miniature corpora), placed
under models_dir, recorded in the manifest and found again by the Classifier."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from vigia.cli.main import cli

DATASETS = Path(__file__).resolve().parent / "data" / "datasets"
SPECIALS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]


def vigia(*args: str, ok: bool = True, env: dict | None = None) -> str:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False, env=env)
    assert (result.exit_code == 0) == ok, result.output
    return result.output


def tiny_tokenizer():
    """A WordPiece tokenizer of a few hundred pieces, trained on the miniature corpora's lines."""
    from tokenizers import Tokenizer, models, normalizers, pre_tokenizers, processors, trainers
    from transformers import PreTrainedTokenizerFast

    lines = [line for f in sorted(DATASETS.rglob("*.*sv")) for line in f.read_text(encoding="utf-8").splitlines()]
    tok = Tokenizer(models.WordPiece(unk_token="[UNK]"))
    tok.normalizer = normalizers.BertNormalizer(lowercase=True)
    tok.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    tok.train_from_iterator(lines, trainers.WordPieceTrainer(vocab_size=400, special_tokens=SPECIALS))
    tok.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]", special_tokens=[("[CLS]", tok.token_to_id("[CLS]")),
                                                 ("[SEP]", tok.token_to_id("[SEP]"))])
    return PreTrainedTokenizerFast(tokenizer_object=tok, unk_token="[UNK]", pad_token="[PAD]", cls_token="[CLS]",
                                   sep_token="[SEP]", mask_token="[MASK]", model_max_length=128)


def tiny_encoder(folder: Path, architecture: str) -> Path:
    """A randomly initialised (seeded) encoder of hidden size 32 saved with its tokenizer, as a user's model
    folder would be."""
    import torch
    from transformers import AutoModel, BertConfig, DistilBertConfig

    torch.manual_seed(0)
    tokenizer = tiny_tokenizer()
    if architecture == "bert":
        config = BertConfig(vocab_size=len(tokenizer), hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
                            intermediate_size=64, max_position_embeddings=128)
    else:
        config = DistilBertConfig(vocab_size=len(tokenizer), dim=32, n_layers=2, n_heads=2, hidden_dim=64,
                                  max_position_embeddings=128)
    AutoModel.from_config(config).save_pretrained(str(folder))
    tokenizer.save_pretrained(str(folder))
    return folder


@pytest.fixture(scope="module")
def encoders(tmp_path_factory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("encoders")
    return {arch: tiny_encoder(root / f"tiny-{arch}", arch) for arch in ("bert", "distilbert")}


def train_on(encoder: Path, models: Path, out: Path, *extra: str, ok: bool = True) -> str:
    env = {"VIGIA_MODELS_DIR": str(models), "VIGIA_DATASETS_DIR": str(DATASETS)}
    return vigia("train", "hate", "migration", "--encoder", str(encoder), "--sample", "40", "--exclude",
                 "vigia-latam", "--exclude", "vigia-caribbean", "--exclude", "vigia-functional", "--output", str(out),
                 *extra, ok=ok, env=env)


def test_frozen_heads_on_a_tiny_bert_load_and_predict(encoders, tmp_path):
    from nlp.classifier import Classifier

    models, out = tmp_path / "models", tmp_path / "tiny-bert-model"
    line = train_on(encoders["bert"], models, out)
    assert "trained hate, migration (frozen, " in line and "held-out: hate macro-F1" in line
    manifest = json.loads((out / "manifest.json").read_text())
    enc = manifest["encoder"]
    placed = models / enc["folder"]
    assert enc["folder"].startswith("encoders/tiny-bert-") and placed.is_dir()
    assert (enc["model_type"], enc["hidden_size"], enc["source"]) == ("bert", 32, str(encoders["bert"].resolve()))
    assert set(enc["weights_sha256"]) == {"model.safetensors"} and len(enc["weights_sha256"]["model.safetensors"]) == 64
    assert manifest["prefix"] == ""  # no e5 `query: ` for another encoder
    assert manifest["name"] == "vigia-xeno-tiny-bert"
    from safetensors.numpy import load_file

    assert load_file(str(out / "heads.safetensors"))["hate.weight"].shape == (2, 32)  # the encoder's hidden size

    # the Classifier finds the placed copy (the bootstrapped e5 folder beside it need not exist)
    clf = Classifier(out, models / "multilingual-e5-small")
    assert clf.encoder.path == placed and clf.encoder.dim == 32
    texts = ["Los venezolanos nos quitan el trabajo, que se vayan", "Hoy llueve en Bogotá"]
    emb = clf.embed(texts)
    assert emb.shape == (2, 32) and emb.dtype == np.float32
    predictions = clf.predict(texts, ["es", "es"])
    assert set(predictions) == {"hate", "migration"}
    assert all(r.label in ("hateful", "not_hateful") and 0 <= r.score <= 1 for r in predictions["hate"])

    # training again on the same folder reuses the placed copy (its name carries the files' fingerprint)
    train_on(encoders["bert"], models, tmp_path / "again", "--no-evaluate")
    assert json.loads((tmp_path / "again" / "manifest.json").read_text())["encoder"]["folder"] == enc["folder"]
    assert len(list((models / "encoders").iterdir())) == 1

    # a shipped model folder whose encoder is not in place: status and doctor say which one and where
    shutil.rmtree(placed)
    env = {"VIGIA_MODELS_DIR": str(models), "VIGIA_CLASSIFIER_DIR": str(out)}
    status = vigia("models", "status", env=env)
    assert f"classifier's encoder: {enc['name']} (bert, hidden size 32) in {placed} MISSING" in status
    assert str(encoders["bert"].resolve()) in status
    assert "put its encoder in place" in vigia("doctor", env=env)
    (tmp_path / "gold.jsonl").write_text('{"text": "hola", "label": 1}\n')
    error = vigia("evaluate", "--data", str(tmp_path / "gold.jsonl"), "--language-field", "text", "--task", "hate",
                  ok=False, env=env)
    assert "is not in" in error and "Traceback" not in error and len(error.strip().splitlines()) == 1


def test_lora_on_a_tiny_distilbert_adapts_its_own_modules(encoders, tmp_path):
    from nlp.classifier import Classifier

    models, out = tmp_path / "models", tmp_path / "tiny-distilbert-model"
    line = train_on(encoders["distilbert"], models, out, "--mode", "lora", "--epochs", "1", "--no-evaluate",
                    "--prefix", "texto: ")
    assert "trained hate, migration (lora, " in line
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["prefix"] == "texto: "
    assert (manifest["encoder"]["model_type"], manifest["encoder"]["hidden_size"]) == ("distilbert", 32)
    adapter = json.loads((out / "adapter" / "adapter_config.json").read_text())
    # DistilBERT has no peft default: every linear layer of the encoder is adapted
    assert adapter["target_modules"] == ["k_lin", "lin1", "lin2", "out_lin", "q_lin", "v_lin"]
    assert adapter["base_model_name_or_path"] == manifest["encoder"]["name"]
    clf = Classifier(out, models / "multilingual-e5-small")
    plain = Classifier(out, models / "multilingual-e5-small")
    shutil.rmtree(out / "adapter")
    without = Classifier(out, models / "multilingual-e5-small")
    texts = ["Que se vayan los migrantes", "Los haitianos trabajan en Santiago"]
    assert np.allclose(clf.embed(texts), plain.embed(texts))  # loading is deterministic
    assert not np.allclose(clf.embed(texts), without.embed(texts))  # the merged adapter changes the encoder
    assert set(clf.predict(texts, ["es", "es"])) == {"hate", "migration"}

    # an adapter refits heads only on the encoder it was trained on
    (out / "adapter").mkdir()
    (out / "adapter" / "adapter_config.json").write_text(json.dumps(adapter))
    error = train_on(encoders["bert"], models, tmp_path / "refit", "--mode", "lora", "--adapter", str(out / "adapter"),
                     "--no-evaluate", ok=False)
    assert f"was trained on the encoder {manifest['encoder']['name']}" in error and "Traceback" not in error


def test_lora_targets_per_architecture():
    from transformers import AutoModel, BertConfig, DebertaV2Config

    from nlp.head_training import lora_targets

    bert = AutoModel.from_config(BertConfig(vocab_size=50, hidden_size=16, num_hidden_layers=1,
                                            num_attention_heads=2, intermediate_size=32))
    deberta = AutoModel.from_config(DebertaV2Config(vocab_size=50, hidden_size=16, num_hidden_layers=1,
                                                    num_attention_heads=2, intermediate_size=32))
    assert lora_targets(bert) == ["dense", "key", "query", "value"]  # the shipped adapter's choice
    assert lora_targets(deberta) == ["query_proj", "value_proj"]  # peft's default for deberta-v2


def test_the_e5_prefix_goes_only_to_e5_encoders():
    from nlp.encoder_folders import default_prefix

    assert default_prefix({"name": "multilingual-e5-small"}) == "query: "
    assert default_prefix({"source": "intfloat/multilingual-e5-large", "name": "x"}) == "query: "
    assert default_prefix({"source": "/home/ana/models/e5-base-v2"}) == "query: "
    assert default_prefix({"source": "PlanTL-GOB-ES/roberta-base-bne"}) == ""
    assert default_prefix({"source": "/home/ana/models/distilbert-base-multilingual-cased"}) == ""


def test_a_missing_encoder_is_one_line(tmp_path):
    env = {"VIGIA_MODELS_DIR": str(tmp_path / "models"), "VIGIA_DATASETS_DIR": str(DATASETS)}
    out = vigia("train", "hate", "--encoder", str(tmp_path / "no-such-model"), ok=False, env=env)
    assert f"no encoder folder {tmp_path / 'no-such-model'}" in out and "Traceback" not in out
    (tmp_path / "not-a-model").mkdir()
    out = vigia("train", "hate", "--encoder", str(tmp_path / "not-a-model"), ok=False, env=env)
    assert "has no config.json: not a transformers model folder" in out and len(out.strip().splitlines()) == 1


def test_device_setting(tmp_path):
    import torch

    from nlp.encoder import ModelNotAvailable, resolve_device
    from vigia.settings import load_settings

    assert load_settings().device == "auto"
    assert resolve_device("cpu").type == "cpu"
    assert resolve_device("auto").type == ("cuda" if torch.cuda.is_available() else "cpu")
    if not torch.cuda.is_available():
        with pytest.raises(ModelNotAvailable, match="sees no CUDA GPU"):
            resolve_device("cuda")
