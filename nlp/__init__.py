"""Vigía's language processing. Takes text, returns annotations; knows nothing of stores or collectors."""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from nlp.enricher import Annotation, Cue, Enricher

__all__ = ["Annotation", "Cue", "Enricher"]


def __getattr__(name: str):
    """The enricher's names, imported on first use: it loads torch and spaCy, which `nlp.taxonomy` does not need."""
    if name in __all__:
        from nlp import enricher

        return getattr(enricher, name)
    raise AttributeError(f"module 'nlp' has no attribute '{name}'")
