"""Vigía's language processing. Takes text, returns annotations; knows nothing of stores or collectors."""

from nlp.enricher import Annotation, Cue, Enricher

__all__ = ["Annotation", "Cue", "Enricher"]
