"""What the model commands share: where the encoder is, the repository's own training material, quiet
transformers."""

from __future__ import annotations

from pathlib import Path

from vigia.settings import REPO_DATA, Settings

ENCODER_NAME = "multilingual-e5-small"
# the repository's own training material: hand labels (ids only) and synthetic sets written for Vigía
REPO_SETS = {"annotations_dir": REPO_DATA / "annotations", "written_dir": REPO_DATA / "training",
             "functional_cases": REPO_DATA / "functional" / "cases.jsonl"}


def encoder_dir(settings: Settings) -> Path:
    return settings.models_dir / ENCODER_NAME


def quiet_transformers() -> None:
    import transformers

    transformers.utils.logging.disable_progress_bar()
    transformers.utils.logging.set_verbosity_error()
