"""Which encoder a classifier was trained on, and where it lives under models_dir.

The bootstrapped multilingual-e5-small (`vigia models bootstrap`) lives in `<models_dir>/multilingual-e5-small`.
Any other transformers encoder given to `vigia train --encoder` (a folder, or a hub name where a hub is reachable)
is placed once in `<models_dir>/encoders/<name>-<fingerprint>`: its top-level files hard-linked (or copied where
the file system cannot link), or, for a hub name, saved there. The model manifest records that folder's name,
the source, the architecture (config model_type), the hidden size and the SHA-256 of the weight files, so a
shipped model folder says which encoder it needs and where to put it. A manifest without `folder` (every model
trained before) means the bootstrapped e5.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from nlp.encoder import ModelNotAvailable, load_encoder_model

BOOTSTRAPPED = "multilingual-e5-small"
ENCODERS_DIR = "encoders"
PLACED_INFO = "vigia-encoder.json"  # written beside a placed encoder: where it came from, its fingerprint
E5_PREFIX = "query: "
WEIGHT_FILES = re.compile(r"^(model.*\.safetensors|pytorch_model.*\.bin)$")
OTHER_FRAMEWORKS = re.compile(r"^(tf_model.*\.h5|flax_model.*\.msgpack|rust_model\.ot|.*\.onnx|.*\.gguf)$")
HUB_NAME = re.compile(r"^[A-Za-z0-9][\w.-]*(/[\w.-]+)?$")


def encoder_ready(path: Path) -> bool:
    """A folder with a config and weights AutoModel can read."""
    path = Path(path)
    return (path / "config.json").is_file() and any(WEIGHT_FILES.match(f.name) for f in _files(path))


def _files(path: Path) -> list[Path]:
    return sorted(f for f in Path(path).iterdir() if f.is_file()) if Path(path).is_dir() else []


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def is_e5(name: str) -> bool:
    """e5 models (multilingual-e5-small, intfloat/e5-base-v2 …) were trained to read `query: ` before a text."""
    return bool(re.search(r"(^|[/_.-])e5([/_.-]|$)", name.lower()))


def default_prefix(identity: dict) -> str:
    return E5_PREFIX if is_e5(str(identity.get("source") or identity.get("name") or "")) else ""


def identity(path: Path, hidden_size: int) -> dict:
    """What the manifest records of the encoder in `path` (the bootstrapped e5 or a placed folder)."""
    path = Path(path)
    config = json.loads((path / "config.json").read_text(encoding="utf-8"))
    boot = path / "vigia-bootstrap.json"
    if boot.is_file():  # the bootstrapped e5: the same fields as before, plus the architecture
        info = json.loads(boot.read_text(encoding="utf-8"))
        return {"name": path.name, "source_sha256": info.get("source_sha256"),
                "equivalent_to": info.get("equivalent_to"), "model_type": config.get("model_type"),
                "hidden_size": hidden_size}
    placed = json.loads((path / PLACED_INFO).read_text(encoding="utf-8")) if (path / PLACED_INFO).is_file() else {}
    # a folder placed under models_dir is named relative to it; any other folder by its absolute path
    folder = f"{ENCODERS_DIR}/{path.name}" if path.parent.name == ENCODERS_DIR else str(path.resolve())
    return {"name": path.name, "source": placed.get("source", str(path.resolve())), "folder": folder,
            "model_type": config.get("model_type"), "hidden_size": hidden_size,
            "fingerprint": placed.get("fingerprint"), "weights_sha256": placed.get("weights_sha256")
            or {f.name: _sha256(f) for f in _files(path) if WEIGHT_FILES.match(f.name)}}


def state(path: Path) -> str:
    """The encoder's identity for embedding caches: the bootstrap hash, a placed folder's fingerprint, or its path."""
    path = Path(path)
    for info_file, key in (("vigia-bootstrap.json", "source_sha256"), (PLACED_INFO, "fingerprint")):
        if (path / info_file).is_file():
            value = json.loads((path / info_file).read_text(encoding="utf-8")).get(key)
            if value:
                return str(value)
    return str(path.resolve())


def place(source: str, models_dir: Path, notify: Callable[[str], None] | None = None) -> Path:
    """The folder under models_dir holding the encoder `source` (a folder, or a hub name fetched once);
    the bootstrapped e5 stays where it is. `notify` hears what is placed where, before the work."""
    models_dir = Path(models_dir)
    folder = Path(source).expanduser()
    if folder.is_dir():
        placed_here = (folder / PLACED_INFO).is_file() and folder.resolve().parent == (
            models_dir / ENCODERS_DIR).resolve()
        if placed_here or folder.resolve() == (models_dir / BOOTSTRAPPED).resolve() or (
                folder / "vigia-bootstrap.json").is_file():
            return folder
        if not (folder / "config.json").is_file():
            raise ModelNotAvailable(f"{folder} has no config.json: not a transformers model folder")
        if not encoder_ready(folder):
            raise ModelNotAvailable(f"{folder} has no model*.safetensors or pytorch_model*.bin weights")
        return _place_folder(folder, str(folder.resolve()), models_dir, notify)
    if not HUB_NAME.match(source) or source.startswith((".", "~")):
        raise ModelNotAvailable(f"no encoder folder {source}")
    if notify:
        notify(f"fetching the encoder {source} from the model hub …")
    return _place_from_hub(source, models_dir)


def _place_folder(folder: Path, source: str, models_dir: Path, notify: Callable[[str], None] | None = None
                  ) -> Path:
    files = [f for f in _files(folder) if not OTHER_FRAMEWORKS.match(f.name) and f.name != PLACED_INFO]
    hashes = {f.name: _sha256(f) for f in files}
    fingerprint = hashlib.sha256("".join(f"{n}\0{h}\0" for n, h in sorted(hashes.items())).encode()).hexdigest()
    stem = re.sub(r"[^\w.-]+", "-", source.rstrip("/").replace("/", "--") if not Path(source).is_absolute()
                  else Path(source).name)
    dest = models_dir / ENCODERS_DIR / f"{stem}-{fingerprint[:10]}"
    if encoder_ready(dest) and (dest / PLACED_INFO).is_file():
        return dest  # placed before: the name carries the content's fingerprint
    if notify:
        notify(f"placing the encoder {source} in {dest} …")
    tmp = dest.with_name(dest.name + ".partial")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    for f in files:
        try:
            os.link(f, tmp / f.name)
        except OSError:
            shutil.copy2(f, tmp / f.name)
    info = {"source": source, "fingerprint": fingerprint,
            "weights_sha256": {n: h for n, h in hashes.items() if WEIGHT_FILES.match(n)}}
    (tmp / PLACED_INFO).write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
    shutil.rmtree(dest, ignore_errors=True)
    tmp.rename(dest)
    return dest


def _place_from_hub(name: str, models_dir: Path) -> Path:
    from transformers import AutoConfig, AutoTokenizer

    _hub_reachable(name)
    models_dir.mkdir(parents=True, exist_ok=True)
    try:
        with tempfile.TemporaryDirectory(dir=models_dir) as tmp:
            AutoConfig.from_pretrained(name)
            AutoTokenizer.from_pretrained(name).save_pretrained(tmp)
            load_encoder_model(name).save_pretrained(tmp)
            return _place_folder(Path(tmp), name, models_dir)
    except ModelNotAvailable:
        raise
    except Exception as exc:  # no network, no such model, a gated model: one line either way
        reason = str(exc).strip().splitlines()[0][:160] if str(exc).strip() else type(exc).__name__
        raise ModelNotAvailable(f"cannot fetch the encoder {name!r} from the model hub ({reason}): download the "
                                f"model where a hub is reachable and pass its folder to --encoder") from None


def _hub_reachable(name: str) -> None:
    """Fail at once, in one line, where the model hub cannot be reached (rather than after the hub client's retries)."""
    import socket
    from urllib.parse import urlparse

    from huggingface_hub import constants
    from huggingface_hub.utils import logging as hub_logging

    hub_logging.set_verbosity_error()
    if constants.HF_HUB_OFFLINE:  # the hub client's offline mode reads its own cache
        return
    url = urlparse(constants.ENDPOINT)
    try:
        socket.create_connection((url.hostname, url.port or (443 if url.scheme == "https" else 80)), timeout=5).close()
    except OSError as exc:
        raise ModelNotAvailable(f"cannot fetch the encoder {name!r}: the model hub {constants.ENDPOINT} cannot be "
                                f"reached ({exc.strerror or exc}): download the model where a hub is reachable and "
                                "pass its folder to --encoder") from None


def find(manifest: dict, bootstrapped: Path) -> Path:
    """The encoder folder a model's manifest names: the bootstrapped e5 (`bootstrapped`), or the placed folder
    in encoders/ beside it."""
    enc = manifest.get("encoder") or {}
    if not enc.get("folder"):
        return Path(bootstrapped)
    return Path(bootstrapped).parent / enc["folder"]


def describe(manifest: dict) -> str:
    enc = manifest.get("encoder") or {}
    return f"{enc.get('name', BOOTSTRAPPED)} ({enc.get('model_type', '?')}, hidden size {enc.get('hidden_size', '?')})"


def missing_message(manifest: dict, path: Path) -> str:
    """One line saying which encoder a model needs and how to get it where it is looked for."""
    enc = manifest.get("encoder") or {}
    if not enc.get("folder"):
        return f"the encoder is not bootstrapped in {path} (run `vigia models bootstrap`)"
    return (f"the encoder this classifier was trained on, {describe(manifest)} from {enc.get('source')}, is not in "
            f"{path}: put that model's folder there (or train again with --encoder)")
