"""libFuzzer (atheris) harness: every import profile's reader, the record normalisation and the export preparation.

Run: .venv/bin/python tests/fuzz/fuzz_importers.py -runs=100000 (no -runs: until stopped). The hypothesis tests in
tests/test_import_fuzz.py throw random records at the `vigia` profile through the whole pipeline; this harness is
coverage-guided, drives every profile in data/import_profiles/ (time zones, list cells, renamed columns), CSV and
JSONL alike, and checks that a record becomes a Post or a RecordError naming a reason, never anything else.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sys
import tempfile
from pathlib import Path

import atheris

WORK = Path(tempfile.mkdtemp(prefix="vigia-fuzz-"))
os.environ.update(VIGIA_DATA_DIR=str(WORK / "data"), VIGIA_MODELS_DIR=str(WORK / "models"))
for name in [n for n in os.environ if n.startswith("VIGIA_") and n not in ("VIGIA_DATA_DIR", "VIGIA_MODELS_DIR")]:
    del os.environ[name]

with atheris.instrument_imports(include=["vigia"]):
    from vigia.errors import RecordError
    from vigia.exports.files import prepare
    from vigia.ingest.importers import FileImporter, Profile
    from vigia.ingest.pipeline import Pipeline
    from vigia.model import Post
    from vigia.settings import REPO_DATA, load_settings

PROFILES_DIR = REPO_DATA / "import_profiles"
PROFILES = [Profile.load(path.stem, PROFILES_DIR) for path in sorted(PROFILES_DIR.glob("*.yaml"))]
PIPELINE = Pipeline(load_settings(), store=None, enricher=None, collector="fuzz")
DATES = ["2026-01-01T00:00:00Z", "2021-03-01 14:00:00 EST", "2024-02-30 10:00:00", "1700000000", "", "13/13/2026",
         "2026-06-01 12:00:00 PDT", "2026-06-01T12:00:00+25:00"]


def _value(fdp: atheris.FuzzedDataProvider):
    kind = fdp.ConsumeIntInRange(0, 5)
    if kind == 0:
        return fdp.PickValueInList(DATES)
    if kind == 1:
        return fdp.ConsumeInt(8)
    if kind == 2:
        return [fdp.ConsumeUnicodeNoSurrogates(8) for _ in range(fdp.ConsumeIntInRange(0, 3))]
    if kind == 3:
        return {"likes": fdp.ConsumeInt(4), fdp.ConsumeUnicodeNoSurrogates(6): fdp.ConsumeUnicodeNoSurrogates(6)}
    return fdp.ConsumeUnicodeNoSurrogates(40)


def _structured(fdp: atheris.FuzzedDataProvider, profile: Profile, file_format: str) -> bytes:
    """A file whose columns are the profile's own (so the mapping, date and list code runs), values fuzzed."""
    columns = list(profile.mapping) + ["platform", "text", "created_at", "extra column"]
    rows = []
    for _ in range(fdp.ConsumeIntInRange(1, 4)):
        picked = [c for c in columns if fdp.ConsumeBool()]
        rows.append({c: _value(fdp) for c in picked})
    if file_format == "jsonl":
        return "\n".join(json.dumps(r, ensure_ascii=fdp.ConsumeBool()) for r in rows).encode()
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns)
    writer.writeheader()
    for r in rows:
        writer.writerow({k: json.dumps(v) if isinstance(v, (list, dict)) else v for k, v in r.items()})
    return out.getvalue().encode("utf-8", "surrogatepass")


def test_one_input(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    profile = fdp.PickValueInList(PROFILES)
    file_format = fdp.PickValueInList(["csv", "jsonl"])
    body = _structured(fdp, profile, file_format) if fdp.ConsumeBool() else fdp.ConsumeBytes(fdp.remaining_bytes())
    path = WORK / f"input.{file_format}"
    path.write_bytes(body)
    records = 0
    for ref, raw in FileImporter(path, profile):
        records += 1
        try:
            post = PIPELINE.normalize(ref, raw)
        except RecordError as exc:
            assert exc.reason and exc.ref == ref, (ref, exc)
            continue
        shared = prepare(post, raw=False)
        assert isinstance(shared, Post) and shared.author_raw is None
        assert isinstance(shared.text, str)
    if file_format == "jsonl":  # one record per non-blank line, none lost or invented
        assert records == sum(1 for line in body.split(b"\n") if line.strip()), (records, body)


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
