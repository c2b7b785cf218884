"""The benchmark harness works end to end (a tiny run; real figures come from `make bench`)."""

import json
import subprocess
import sys
from pathlib import Path

from stores import ElasticNode

REPO = Path(__file__).resolve().parent.parent


def test_store_bench_smoke_run_writes_json_and_table(tmp_path: Path):
    out = subprocess.run([sys.executable, "-m", "bench", "--scales", "smoke", "--es-url", ElasticNode.get(),
                          "--out", str(tmp_path)], cwd=REPO, capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr[-2000:]
    results = json.loads(next(tmp_path.glob("*.json")).read_text())
    rows = {row["backend"]: row for row in results["stores"]}
    assert set(rows) == {"sqlite", "elasticsearch"}
    for row in rows.values():
        assert row["count"] == 500 and row["docs_per_s"] > 0 and row["ratio"] > 0
        assert all(q["p95_ms"] >= q["p50_ms"] > 0 for q in row["queries"].values())
    table = next(tmp_path.glob("*.md")).read_text()
    assert "| sqlite | 500 |" in table and "| elasticsearch | 500 |" in table
