"""Checks behind `vigia doctor`: each says what it found and how to fix a failure."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from nlp.taxonomy import read_taxonomy
from vigia.settings import Settings
from vigia.store import open_store


@dataclass
class Check:
    name: str
    ok: bool
    detail: str
    fix: str = ""


def _data_dir(s: Settings) -> Check:
    s.data_dir.mkdir(parents=True, exist_ok=True)
    ok = os.access(s.data_dir, os.W_OK)
    return Check("data directory", ok, str(s.data_dir), "set VIGIA_DATA_DIR or data_dir to a writable folder")


def _store(s: Settings) -> Check:
    with open_store(s.resolved_store_url) as store:
        count = store.count()
    fix = "run `vigia demo --no-serve` or `vigia import FILE` to load posts" if not count else ""
    return Check("store", True, f"{s.resolved_store_url} holds {count} posts", fix)


def _pseudonyms(s: Settings) -> Check:
    s.pseudonym_secret()
    where = "pseudonym_key setting" if s.pseudonym_key else f"{s.data_dir / 'pseudonym.key'}"
    detail = f"key from {where}; raw handles {'KEPT' if s.keep_raw_authors else 'not stored'}"
    return Check("pseudonymization", True, detail)


def _lexicon(s: Settings) -> Check:
    from nlp.targets import load_gazetteer

    entries = load_gazetteer(s.lexicon_path)
    counts = ", ".join(f"{lang} {len(forms)}" for lang, forms in sorted(entries.items()))
    return Check("target lexicon", bool(entries), f"{s.lexicon_path} ({counts})", "point lexicon_path at a gazetteer")


def _taxonomy(s: Settings) -> Check:
    myths = read_taxonomy(s.myth_taxonomy_path)
    return Check("myth taxonomy", bool(myths), f"{len(myths)} myths in {s.myth_taxonomy_path}",
                 "point myth_taxonomy_path at data/myths/taxonomy.yaml")


def _nlp(s: Settings) -> Check:
    from nlp import Enricher

    annotation = Enricher(s.languages, s.lexicon_path).annotate(["Los venezolanos llegaron a Cúcuta."])[0]
    ok = annotation.language == "es"
    return Check("language id and target ruler", ok,
                 f"sample → language {annotation.language}, targets {annotation.targets}",
                 "reinstall the project: `make install`")


def _classifier(s: Settings) -> Check:
    import json

    from nlp.xeno import missing_encoder, status

    encoder = s.models_dir / "multilingual-e5-small" / "model.safetensors"
    manifest = s.classifier_dir / "manifest.json"
    trained = manifest.is_file()
    # a classifier trained with `vigia train --encoder` needs its own encoder, not the bootstrapped one
    own = trained and bool((json.loads(manifest.read_text(encoding="utf-8")).get("encoder") or {}).get("folder"))
    missing = missing_encoder(s.models_dir / "multilingual-e5-small", s.classifier_dir) if own else None
    fix = (f"put its encoder in place ({missing})" if missing
           else "run `vigia models bootstrap` (offline, under a minute) to build the encoder"
           if not own and not encoder.is_file()
           else "run `vigia train hate migration` or point classifier_dir at a trained model" if not trained else "")
    detail = status(s.models_dir / "multilingual-e5-small", s.classifier_dir).replace("\n", "; ")
    if fix:  # optional: without the model, posts get the lexicon-only annotation, which is a working state
        detail += f"; posts get the lexicon-only annotation until you {fix.removeprefix('run ')}"
    return Check("classifiers", True, detail, fix)


def _console(s: Settings) -> Check:
    import streamlit

    detail = f"streamlit {streamlit.__version__}, will bind {s.console_host}:{s.console_port}"
    exposed = s.console_host not in ("127.0.0.1", "localhost", "::1")
    fix = "bind to 127.0.0.1 and put the reverse proxy of deploy/ in front" if exposed else ""
    return Check("console", not exposed, detail, fix)


CHECKS: list[tuple[str, Callable[[Settings], Check]]] = [
    ("data directory", _data_dir), ("store", _store), ("pseudonymization", _pseudonyms),
    ("target lexicon", _lexicon), ("myth taxonomy", _taxonomy), ("language id and target ruler", _nlp),
    ("classifiers", _classifier),
    ("console", _console),
]


def run_checks(settings: Settings) -> Iterator[Check]:
    for name, check in CHECKS:
        try:
            yield check(settings)
        except Exception as exc:  # a failed check is reported, never raised
            yield Check(name, False, f"{type(exc).__name__}: {exc}", f"fix the {name} settings (see vigia.example.toml)")
