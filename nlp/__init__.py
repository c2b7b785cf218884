"""Vigía's language processing. Takes text, returns annotations; knows nothing of stores or collectors.

Where things are: the pipeline's one pass is `enricher` (language, `targets`, `myths`, and the `classifier`'s
heads through `xeno`); label types in `labels`; the heads at inference in `classifier`, their training in
`head_training` on the sets of `training_sets`, stacked with `char_model` by `stacking`; what training, stacking
and the `baseline` share in `fitting`; held-out `evaluation` with its `metrics` and `reports`, and `comparison`
of two models.
"""

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
