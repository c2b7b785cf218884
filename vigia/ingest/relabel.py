"""`vigia classify --outdated`: re-label the stored posts an older version of the classifier labelled."""

from __future__ import annotations

from vigia.errors import ModelError
from vigia.labels.review_training import labelled_by_another_model, model_key, read_manifest
from vigia.progress import track
from vigia.store import Filters, Store


def relabel_outdated(settings, store: Store, pipeline, filters: Filters) -> str:
    """Run the installed classifier again on the posts of `filters` whose labels came from another model version;
    the one-line summary."""
    key = model_key(read_manifest(settings.classifier_dir))
    if pipeline.enricher is None or pipeline.enricher.classifier is None:
        raise ModelError(f"the classifier in {settings.classifier_dir} could not be loaded: nothing to re-label with")
    total = sum(labelled_by_another_model(post, key) for post in store.iter_posts(filters))
    outdated = (post for post in store.iter_posts(filters) if labelled_by_another_model(post, key))
    summary = pipeline.reenrich(track(outdated, f"re-labelling with {key}", total=total))
    return f"{total} posts labelled by an older model re-labelled with {key}: " + summary.line()
