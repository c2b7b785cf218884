"""The export page: every row of a filter, in three formats, with human labels, a version id and a datasheet."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from streamlit.testing.v1 import AppTest

from labelled import CONTACT, labelled_posts
from vigia.exports.registry import ExportRegistry
from vigia.privacy import audit

PAGE = Path(__file__).resolve().parent.parent / "ui" / "pages" / "exportar.py"
POSTS = 1200  # more than any page of the console or of one store search


@pytest.fixture
def store_url(sqlite_store, monkeypatch) -> str:
    sqlite_store.upsert(labelled_posts(POSTS))
    url = f"sqlite://{sqlite_store.path}"
    monkeypatch.setenv("VIGIA_STORE_URL", url)
    return url


def page(user: str, role: str) -> AppTest:
    app = AppTest.from_file(str(PAGE), default_timeout=60)
    app.session_state["ui_language"] = "es"
    app.session_state["user"] = {"username": user, "role": role}
    return app.run()


def exported(app: AppTest, fmt: str, isolated: Path) -> tuple[list[dict], dict]:
    """Export in `fmt`; the rows of the file the page wrote and its datasheet."""
    app.radio(key="export_format").set_value(fmt).run()
    app.button(key="export_run").click().run()
    assert not app.exception and not app.error, (app.exception, app.error)
    event = ExportRegistry(isolated).events()[-1]
    path = Path(event["path"])
    assert path.parent == isolated / "exports" and path.suffix == f".{fmt}"
    if fmt == "csv":
        with path.open(encoding="utf-8") as fh:
            rows = [{**r, "labels": json.loads(r["labels"])} for r in csv.DictReader(fh)]
    elif fmt == "jsonl":
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    else:
        rows = pq.read_table(path).to_pylist()
    sheet = json.loads(path.with_name(path.name + ".datasheet.json").read_text(encoding="utf-8"))
    assert sheet["version"] == event["version"] and event["version"] in app.success[0].value
    return rows, sheet


def test_every_row_in_every_format_with_human_labels_and_datasheet(store_url: str, isolated: Path):
    app = page("vera", "viewer")
    assert app.metric[0].value == "1,200"
    assert not [box for box in app.checkbox if box.key == "export_raw"]  # viewers never see the raw switch

    for fmt in ("csv", "jsonl", "parquet"):
        rows, sheet = exported(app, fmt, isolated)
        assert len(rows) == len({r["id"] for r in rows}) == POSTS
        judged = next(r for r in rows if r["id"] == "mastodon:0")
        assert {lab["model"] for lab in judged["labels"]} == {"vigia-xeno-e5", "human:ana", "human:luis"}
        contact = next(r for r in rows if r["id"] == "x:7")["text"]
        assert "[EMAIL]" in contact and "example.org" not in contact
        assert sheet["file"] == {"name": f"{sheet['export_id']}.{fmt}", "format": fmt, "rows": POSTS,
                                 "sha256": sheet["file"]["sha256"]}
        assert {(m["model_version"], m["labels"]) for m in sheet["models"] if m["task"] == "hate"} == {
            ("0.2", 100), ("0.3", 1100)}
        assert sheet["composition"]["platforms"] == {"mastodon": 600, "x": 600}
        assert sheet["human_labels"]["agreement"]["hate"] == {"kappa": 0.5, "pairs": 4}
        assert sheet["privacy"]["treatment"] == "redacted" and sheet["created_by"] == "vera"

    labels = {b.proto.label for b in app.get("download_button")}
    assert labels == {f"Descargar {sheet['export_id']}.parquet", "Ficha de datos (Markdown)",
                      "Ficha de datos (JSON)"}
    events = ExportRegistry(isolated).events()
    entries = audit.entries(isolated)
    assert [(e["posts"], e["raw"]) for e in events] == [(POSTS, False)] * 3
    assert [(e["actor"], e["action"], e["version"]) for e in entries] == [
        ("vera", "export", e["version"]) for e in events]


def test_text_and_label_filters_choose_the_rows(store_url: str, isolated: Path):
    app = page("vera", "viewer")
    app.text_input(key="export_query").set_value("frontera").run()
    app.selectbox(key="export_task").set_value("hate").run()
    app.multiselect(key="export_labels").set_value(["hateful"]).run()
    # hateful (model or human) among the «frontera» posts: every i % 4 == 0 (300) plus post 1 (ana judged hateful)
    assert app.metric[0].value == "301"
    rows, sheet = exported(app, "jsonl", isolated)
    assert len(rows) == 301 and all("frontera" in r["text"] for r in rows)
    assert sheet["selection"] == {"query": "frontera", "filters": {
        **sheet["selection"]["filters"], "task": "hate", "labels": ["hateful"]}}
    assert sheet["period"]["requested"]["since"].startswith("2026-03-01")


def test_only_an_admin_exports_raw_and_it_is_logged(store_url: str, isolated: Path):
    app = page("root", "admin")
    app.checkbox(key="export_raw").check().run()
    rows, sheet = exported(app, "jsonl", isolated)
    assert next(r for r in rows if r["id"] == "x:7")["text"] == CONTACT
    assert sheet["privacy"]["treatment"] == "raw" and len(rows) == POSTS
    [event] = ExportRegistry(isolated).events()
    [entry] = audit.entries(isolated)
    assert event["raw"] is True and (entry["actor"], entry["raw"], entry["export_id"]) == (
        "root", True, event["export_id"])


def test_the_page_needs_a_logged_in_user(store_url: str):
    app = AppTest.from_file(str(PAGE), default_timeout=30)
    app.session_state["ui_language"] = "es"
    app.run()
    assert app.warning and [b.label for b in app.button] == ["Entrar"]  # the log-in form, nothing of the page
