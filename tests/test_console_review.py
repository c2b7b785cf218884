"""The review page: annotators judge the least certain posts; their labels are stored beside the model's."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from conftest import incoming
from vigia.pipeline import Pipeline

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
    assert app.radio(key="review_task").options == ["discurso de odio", "sobre migración", "encuadre"]
    app.radio(key="review_task").set_value("frame").run()
    assert [t.value for t in app.text] == ["publicación 1"]
    assert app.button(key="confirm-mastodon:1").label == "Confirmar: Amenaza colectiva"
    assert "1, 2, 3, 4, 5" in app.caption[0].value
    app.button(key="judge-mastodon:1-victim").click().run()
    assert {(lab.model, lab.label) for lab in sqlite_store.get("mastodon:1").labels if lab.task == "frame"} == {
        ("m", "collective_threat"), ("human:ana", "victim")}
