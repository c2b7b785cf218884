"""The pipeline tags the migration myths a post repeats, keeps those its source supplied, and re-tags on change."""

from __future__ import annotations

from conftest import incoming
from vigia.ingest.pipeline import Pipeline

CRIME = "Los venezolanos vienen a robar, son delincuentes"
JOBS = "Los haitianos nos quitan el trabajo y bajan los salarios"


def stored(store, text_start: str):
    return next(p for p in store.iter_posts() if p.text.startswith(text_start))


def test_myth_cues_in_posts_about_migrants_become_myths_and_labels(settings, sqlite_store, enricher):
    records = [("a", incoming(native_id="a", text=CRIME)), ("b", incoming(native_id="b", text=JOBS)),
               ("c", incoming(native_id="c", text="Más robos en el barrio, la inseguridad no para")),
               ("d", incoming(native_id="d", text="Hoy llueve en Lima"))]
    Pipeline(settings, sqlite_store, enricher, collector="test").process(records)
    crime = stored(sqlite_store, "Los venezolanos")
    assert crime.myths == ["crime_insecurity"]
    [label] = [lab for lab in crime.labels if lab.task == "myth"]
    assert (label.label, label.model, label.model_version, label.score) == (
        "crime_insecurity", "vigia.myth_baseline", "1+cues", 0.5)
    assert stored(sqlite_store, "Los haitianos").myths == ["jobs_wages"]
    assert stored(sqlite_store, "Más robos").myths == []  # insecurity, but no migrants: not a migration myth
    assert stored(sqlite_store, "Hoy llueve").myths == []
    from vigia.store import Filters
    assert sqlite_store.count(Filters(myths=["crime_insecurity"])) == 1


def test_supplied_myths_stay_and_detected_ones_follow_the_text(settings, sqlite_store, enricher):
    pipeline = Pipeline(settings, sqlite_store, enricher, collector="test")
    pipeline.process([("a", incoming(native_id="a", text=CRIME, myths=["disease"]))])
    assert stored(sqlite_store, "Los venezolanos").myths == ["crime_insecurity", "disease"]
    edited = "Los venezolanos llegaron a Cúcuta esta semana"
    pipeline.process([("a", incoming(native_id="a", text=edited, myths=["disease"]))])
    post = stored(sqlite_store, "Los venezolanos")
    assert post.myths == ["disease"] and not [lab for lab in post.labels if lab.task == "myth"]
    again = pipeline.reenrich(sqlite_store.iter_posts())
    assert again.updated == 0 and stored(sqlite_store, "Los venezolanos").myths == ["disease"]
