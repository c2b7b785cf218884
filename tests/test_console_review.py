"""The review page: annotators judge the least certain posts; their labels are stored beside the model's."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from conftest import incoming
from vigia.ingest.pipeline import Pipeline
from vigia.labels.review import adjudication, judgements, record_judgement, validation_sample
from vigia.store import Filters

PAGE = Path(__file__).resolve().parent.parent / "ui" / "pages" / "revision.py"


def labelled(i: int, score: float) -> dict:
    return incoming(native_id=str(i), text=f"publicación {i}",
                    labels=[{"task": "hate", "label": "hateful", "score": score, "model": "m", "model_version": "1"}])


def page(user: str, role: str = "annotator") -> AppTest:
    app = AppTest.from_file(str(PAGE), default_timeout=30)
    app.session_state["ui_language"] = "es"
    app.session_state["user"] = {"username": user, "role": role}
    return app.run()


def test_judging_stores_a_human_label_and_agreement_follows(settings, sqlite_store, enricher, monkeypatch):
    records = [(f"r{i}", labelled(i, s)) for i, s in enumerate([0.9, 0.55, 0.7])]
    Pipeline(settings, sqlite_store, enricher, collector="test").process(records)
    monkeypatch.setenv("VIGIA_STORE_URL", f"sqlite://{sqlite_store.path}")

    app = page("ana")
    assert [t.value for t in app.text] == ["publicación 1", "publicación 2", "publicación 0"]  # least certain first
    app.button(key="judge-mastodon:1-not_hateful").click().run()
    assert [t.value for t in app.text] == ["publicación 2", "publicación 0"]
    post = sqlite_store.get("mastodon:1")
    assert {(lab.model, lab.label) for lab in post.labels if lab.task == "hate"} == {
        ("m", "hateful"), ("human:ana", "not_hateful")}
    assert "Aún no hay" in app.caption[-1].value
    app.button(key="confirm-mastodon:2").click().run()  # the model said hateful: confirmed as it is
    assert {(lab.model, lab.label) for lab in sqlite_store.get("mastodon:2").labels if lab.task == "hate"} == {
        ("m", "hateful"), ("human:ana", "hateful")}
    assert [t.value for t in app.text] == ["publicación 0"]

    other = page("luis")
    other.button(key="judge-mastodon:1-not_hateful").click().run()
    assert "κ de Cohen = " in other.caption[-1].value and "1 publicaciones" in other.caption[-1].value


def test_viewers_cannot_review(settings, sqlite_store, monkeypatch):
    monkeypatch.setenv("VIGIA_STORE_URL", f"sqlite://{sqlite_store.path}")
    app = page("vera", role="viewer")
    assert "annotator" in app.error[0].value and not app.button


def test_the_queue_follows_the_sidebar_filters(settings, sqlite_store, enricher, monkeypatch):
    records = [(f"r{i}", {**labelled(i, s), "country": country})
               for i, (s, country) in enumerate([(0.9, "CO"), (0.55, "CO"), (0.7, "PE")])]
    Pipeline(settings, sqlite_store, enricher, collector="test").process(records)
    monkeypatch.setenv("VIGIA_STORE_URL", f"sqlite://{sqlite_store.path}")
    app = page("ana")
    assert [t.value for t in app.text] == ["publicación 1", "publicación 2", "publicación 0"]
    app.multiselect(key="countries").select("PE").run()
    assert [t.value for t in app.text] == ["publicación 2"] and not app.exception


def test_frames_are_reviewed_with_their_names(settings, sqlite_store, enricher, monkeypatch):
    frame = {"task": "frame", "label": "collective_threat", "score": 0.6, "model": "m", "model_version": "1"}
    Pipeline(settings, sqlite_store, enricher, collector="test").process(
        [("r1", incoming(native_id="1", text="publicación 1", labels=[frame]))])
    monkeypatch.setenv("VIGIA_STORE_URL", f"sqlite://{sqlite_store.path}")
    app = page("ana")
    assert app.radio(key="review_task").options == ["discurso de odio", "sobre migración", "encuadre", "mito"]
    app.radio(key="review_task").set_value("frame").run()
    assert [t.value for t in app.text] == ["publicación 1"]
    assert app.button(key="confirm-mastodon:1").label == "Confirmar: Amenaza colectiva"
    assert "1, 2, 3, 4, 5" in app.caption[0].value
    app.button(key="judge-mastodon:1-victim").click().run()
    assert {(lab.model, lab.label) for lab in sqlite_store.get("mastodon:1").labels if lab.task == "frame"} == {
        ("m", "collective_threat"), ("human:ana", "victim")}


def test_validation_mode_works_through_a_fixed_uniform_sample(settings, sqlite_store, enricher, monkeypatch):
    records = [(f"r{i}", labelled(i, 0.5 + i / 100)) for i in range(30)]
    Pipeline(settings, sqlite_store, enricher, collector="test").process(records)
    monkeypatch.setenv("VIGIA_STORE_URL", f"sqlite://{sqlite_store.path}")
    monkeypatch.setenv("VIGIA_REVIEW_MARGIN", "0.3")  # 1.96² · 0.25 / 0.3² → 11 posts per language
    monkeypatch.setenv("VIGIA_REVIEW_OVERLAP_SHARE", "0")
    app = page("ana")
    assert app.radio(key="review_mode").options == ["Cola: menos seguras primero", "Validación: muestra aleatoria"]
    app.radio(key="review_mode").set_value("validation").run()
    sample = {f"publicación {i.split(':')[1]}" for i in validation_sample(sqlite_store, Filters(), 11, 19)["es"]}
    shown = [t.value for t in app.text]
    assert len(shown) == 10 and set(shown) <= sample  # the sample, not the least confident
    assert any("es: 0 de 11 juzgadas (11 en la muestra)" in c.value for c in app.caption)
    assert any("±30 puntos" in c.value and "= 11 publicaciones por idioma" in c.value for c in app.caption)
    first = next(p for p in sqlite_store.iter_posts() if p.text == shown[0])
    app.button(key=f"judge-{first.id}-not_hateful").click().run()
    assert [(lab.label, lab.sample) for lab in judgements(sqlite_store.get(first.id), "hate").values()] == [
        ("not_hateful", "validation")]
    assert any("es: 1 de 11 juzgadas" in c.value for c in app.caption) and shown[0] not in [t.value for t in app.text]
    again = page("ana")
    again.radio(key="review_mode").set_value("validation").run()
    assert [t.value for t in again.text] == [t.value for t in app.text]  # a reload: the same sample, same order


def test_myths_are_confirmed_rejected_and_added(settings, sqlite_store, enricher, monkeypatch):
    labels = [{"task": "migration", "label": "migration", "score": 0.9, "model": "m", "model_version": "1"},
              {"task": "myth", "label": "crime_insecurity", "score": 0.6, "model": "m", "model_version": "1"}]
    Pipeline(settings, sqlite_store, enricher, collector="test").process(
        [("r1", incoming(native_id="1", text="publicación 1", labels=labels))])
    monkeypatch.setenv("VIGIA_STORE_URL", f"sqlite://{sqlite_store.path}")
    app = page("ana")
    app.radio(key="review_task").set_value("myth").run()
    assert [t.value for t in app.text] == ["publicación 1"]
    assert app.multiselect(key="myths-mastodon:1").value == ["crime_insecurity"]  # the model's myth, to confirm
    app.multiselect(key="myths-mastodon:1").unselect("crime_insecurity").select("disease").run()  # one for another
    app.button(key="save-mastodon:1").click().run()
    judged = judgements(sqlite_store.get("mastodon:1"), "myth")
    assert {who: lab.label for who, lab in judged.items()} == {"ana": "disease"} and not app.text
    other = page("luis")
    other.radio(key="review_task").set_value("myth").run()
    other.button(key="nomyth-mastodon:1").click().run()  # luis: the post repeats no myth
    assert judgements(sqlite_store.get("mastodon:1"), "myth")["luis"].label == "none"


def test_an_admin_adjudicates_what_two_judges_disagree_on(settings, sqlite_store, enricher, monkeypatch):
    Pipeline(settings, sqlite_store, enricher, collector="test").process([("r1", labelled(1, 0.6))])
    record_judgement(sqlite_store, "mastodon:1", "hate", "hateful", "ana", sample="validation")
    record_judgement(sqlite_store, "mastodon:1", "hate", "not_hateful", "luis", sample="validation")
    monkeypatch.setenv("VIGIA_STORE_URL", f"sqlite://{sqlite_store.path}")
    assert "Adjudicación" not in page("ana").radio(key="review_mode").options  # annotators do not adjudicate
    app = page("root", role="admin")
    app.radio(key="review_mode").set_value("adjudication").run()
    assert [t.value for t in app.text] == ["publicación 1"]
    assert any(c.value == "Juicios: ana: Odio · luis: No es odio" for c in app.caption)
    assert any("ana y luis: κ de Cohen" in c.value and "sobre 1 publicaciones" in c.value for c in app.caption)
    app.button(key="judge-mastodon:1-not_hateful").click().run()
    final = adjudication(sqlite_store.get("mastodon:1"), "hate")
    assert (final.label, final.sample, final.model) == ("not_hateful", "adjudication", "human:root#adjudication")
    assert not app.text and any("No hay desacuerdos" in i.value for i in app.info)
