"""The classifier's tasks and label types: each task's labels, the multi-label tasks, one decision per text."""

from __future__ import annotations

from dataclasses import dataclass

TASK_LABELS: dict[str, list[str]] = {
    "hate": ["not_hateful", "hateful"],
    "migration": ["not_migration", "migration"],
    "frame": ["none", "victim", "economic_resource", "collective_threat", "personal_threat"],
    # multi-label: the myths of data/myths/taxonomy.yaml a text repeats (label "none" when it repeats none)
    "myth": ["crime_insecurity", "jobs_wages", "welfare_burden", "disease", "invasion_numbers", "no_contribution",
             "culture_integration", "illegality_fake_refugees", "remittances_drain", "regularization_pull"],
}
MULTI_LABEL = {"myth"}


@dataclass
class TaskResult:
    label: str
    score: float  # calibrated probability of `label` (for binary tasks: of the positive class when positive)
    positive_score: float | None = None
    labels: list[tuple[str, float]] | None = None  # multi-label tasks: every label over its threshold
    distribution: dict[str, float] | None = None  # multi-class tasks: every label's probability


@dataclass
class ModelLabel:
    """One label a model put on a post, as the pipeline stores it."""
    task: str
    label: str
    score: float
    model: str
    model_version: str


def myth_set(value: str) -> set[str]:
    """The myths of a multi-label value ("a,b"; "none" or "" for none)."""
    return set() if value in ("", "none") else set(value.split(","))
