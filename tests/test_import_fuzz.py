"""No input, however broken, crashes an import or loses a record: every line is stored or quarantined."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings as hsettings, strategies as st

from vigia.ingest.importers import FileImporter, Profile
from vigia.ingest.pipeline import Pipeline
from vigia.settings import load_settings
from vigia.store.sqlite import SQLiteStore

PROFILES = Path(__file__).resolve().parent.parent / "data" / "import_profiles"

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=50),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=5),
    max_leaves=12,
)
plausible = st.fixed_dictionaries(
    {"platform": st.sampled_from(["x", "news", "Bad Platform", ""]),
     "text": st.text(max_size=80),
     "created_at": st.sampled_from(["2026-01-01T00:00:00Z", "2026-13-01", "", "1700000000"])},
    optional={"native_id": st.text(max_size=10), "url": st.sampled_from(["https://a.example/x", "nope"]),
              "country": st.text(max_size=3), "engagement": json_values, "labels": json_values},
)
lines = st.lists(st.one_of(plausible.map(json.dumps), json_values.map(json.dumps),
                           st.binary(max_size=60).filter(lambda b: b"\n" not in b and b.strip())),
                 min_size=1, max_size=12)


@hsettings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=lines)
def test_every_line_is_stored_or_quarantined(tmp_path_factory, enricher, lines):
    folder = tmp_path_factory.mktemp("fuzz")
    path = folder / "input.jsonl"
    path.write_bytes(b"\n".join(line.encode() if isinstance(line, str) else line for line in lines) + b"\n")
    settings = load_settings(data_dir=folder)
    with SQLiteStore(folder / "fuzz.db") as store:
        summary = Pipeline(settings, store, enricher, "fuzz").process(
            FileImporter(path, Profile.load("vigia", PROFILES)))
        assert summary.seen == len(lines)
        assert summary.new + summary.unchanged + summary.updated + summary.quarantined == summary.seen
        quarantined = summary.quarantine_path.read_text().split("\n")[:-1] if summary.quarantined else []
        assert len(quarantined) == summary.quarantined
        assert all(json.loads(entry)["reason"] for entry in quarantined)
        assert store.count() <= summary.new + summary.updated + summary.unchanged


@hsettings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(header=st.sampled_from([b"platform,native_id,text,created_at\n", b"a,b\n", b"platform,text\n"]),
       body=st.binary(max_size=400))
def test_arbitrary_csv_bytes_never_crash_an_import(tmp_path_factory, enricher, header, body):
    folder = tmp_path_factory.mktemp("fuzzcsv")
    path = folder / "input.csv"
    path.write_bytes(header + body)
    settings = load_settings(data_dir=folder)
    with SQLiteStore(folder / "fuzz.db") as store:
        summary = Pipeline(settings, store, enricher, "fuzz").process(
            FileImporter(path, Profile.load("vigia", PROFILES)))
        assert summary.new + summary.unchanged + summary.updated + summary.quarantined == summary.seen
        if summary.quarantined:
            assert len(summary.quarantine_path.read_text().split("\n")) - 1 == summary.quarantined
