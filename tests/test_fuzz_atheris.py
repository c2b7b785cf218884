"""The atheris (libFuzzer) harnesses in tests/fuzz/ run clean for a few thousand coverage-guided inputs each."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

FUZZ = Path(__file__).parent / "fuzz"


@pytest.mark.parametrize("harness,runs,max_len", [("fuzz_importers.py", 2000, 1024), ("fuzz_redact.py", 5000, 512)])
def test_harness_runs_clean(harness: str, runs: int, max_len: int, tmp_path: Path):
    done = subprocess.run(
        [sys.executable, str(FUZZ / harness), f"-runs={runs}", "-seed=1", f"-max_len={max_len}", "-len_control=0",
         "-timeout=20", "-print_final_stats=1", f"-artifact_prefix={tmp_path}/",
         # a child starts with its parent's peak RSS (Linux keeps ru_maxrss across fork and exec), which is gigabytes
         # in a full test session: libFuzzer's RSS limit would fire at once, so bound single allocations instead
         "-rss_limit_mb=0", "-malloc_limit_mb=2048"],
        capture_output=True, text=True, timeout=300, cwd=tmp_path, env={**os.environ, "TMPDIR": str(tmp_path)})
    assert done.returncode == 0, done.stderr[-3000:]
    executed = re.search(r"stat::number_of_executed_units: (\d+)", done.stderr)
    assert executed and int(executed.group(1)) == runs, done.stderr[-2000:]
    print(f"{harness}: {executed.group(1)} inputs")
    assert not list(tmp_path.glob("crash-*"))
