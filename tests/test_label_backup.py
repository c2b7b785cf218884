"""Human labels are backed up on their own and come back, exactly, into a store that lost them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import incoming
from vigia.cli.main import cli
from vigia.errors import InputError
from vigia.ingest.pipeline import Pipeline
from vigia.labels.backup import back_up, human_labels, restore
from vigia.labels.review import record_judgement
from vigia.store.sqlite import SQLiteStore

TEXTS = ["Los venezolanos en Lima trabajan duro", "Fuera haitianos de aquí", "Récord de cruces por el Darién",
         "Os venezuelanos em Boa Vista", "Nicaragüenses esperan papeles en Upala"]


def fill(settings, store) -> list[str]:
    records = [(f"r{i}", incoming(native_id=str(i), text=text)) for i, text in enumerate(TEXTS)]
    Pipeline(settings, store, None, collector="test").process(records)
    return sorted(p.id for p in store.iter_posts())


def judge(store, ids: list[str]) -> None:
    record_judgement(store, ids[0], "hate", "not_hateful", "ana")
    record_judgement(store, ids[0], "hate", "hateful", "luis")
    record_judgement(store, ids[1], "migration", "migration", "ana")


def test_a_backup_restores_every_human_label_into_a_store_that_lost_them(settings, tmp_path: Path):
    first = SQLiteStore(tmp_path / "first.db")
    ids = fill(settings, first)
    judge(first, ids)
    backup = back_up(first, settings.data_dir, "before-loss")
    assert (backup.labels, backup.posts) == (3, 2)
    assert backup.path == settings.data_dir / "backups" / "human-labels" / "before-loss.jsonl"

    second = SQLiteStore(tmp_path / "second.db")  # the same posts collected again, no human labels
    assert fill(settings, second) == ids and list(human_labels(second)) == []
    result = restore(second, backup.path)
    assert (result.restored, result.unchanged, result.missing) == (3, 0, [])
    key = lambda r: (r["post_id"], r["task"], r["annotator"], r["label"], r["labelled_at"])  # noqa: E731
    assert sorted(map(key, human_labels(second))) == sorted(map(key, human_labels(first)))
    again = restore(second, backup.path)
    assert (again.restored, again.unchanged) == (0, 3)  # restoring twice changes nothing


def test_labels_of_posts_that_are_gone_are_reported_not_invented(settings, tmp_path: Path):
    store = SQLiteStore(tmp_path / "a.db")
    ids = fill(settings, store)
    judge(store, ids)
    backup = back_up(store, settings.data_dir, "b")
    store.delete(ids=[ids[1]])
    result = restore(store, backup.path)
    assert result.missing == [ids[1]] and store.get(ids[1]) is None


@pytest.mark.parametrize("line, message", [
    ("not json", ":1: not a JSON record"),
    (json.dumps({"post_id": "x", "task": "hate", "label": "hateful", "labelled_at": "2026-01-01T00:00:00Z"}),
     ":1: field 'annotator' is missing"),
    (json.dumps({"post_id": "x", "task": "Hate Speech!", "label": "hateful", "annotator": "ana",
                 "labelled_at": "2026-01-01T00:00:00Z"}), ":1: field 'task'"),
])
def test_a_bad_backup_line_names_the_line_and_the_field(settings, tmp_path: Path, line: str, message: str):
    path = tmp_path / "bad.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=message):
        restore(SQLiteStore(tmp_path / "a.db"), path)


def test_the_labels_command_backs_up_and_restores(settings, sqlite_store, tmp_path: Path):
    ids = fill(settings, sqlite_store)
    judge(sqlite_store, ids)
    url = f"sqlite://{sqlite_store.path}"
    runner = CliRunner()
    done = runner.invoke(cli, ["labels", "backup", "--store", url])
    assert done.exit_code == 0, done.output
    assert "3 human labels of 2 posts" in done.output
    path = Path(done.output.strip().rsplit(" ", 1)[-1])
    fresh = SQLiteStore(tmp_path / "fresh.db")
    fill(settings, fresh)
    done = runner.invoke(cli, ["labels", "restore", str(path), "--store", f"sqlite://{fresh.path}"])
    assert done.exit_code == 0 and "3 restored, 0 already there, 0 for posts no longer stored" in done.output
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{", encoding="utf-8")
    done = runner.invoke(cli, ["labels", "restore", str(bad), "--store", url])
    assert done.exit_code != 0 and "bad.jsonl:1" in done.output and "Traceback" not in done.output
