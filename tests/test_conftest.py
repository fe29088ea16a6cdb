"""The suite's own promise: with CPP_SCHEDULER_REQUIRE_POSTGRES=1 a missing PostgreSQL
server fails the PostgreSQL tests instead of skipping them (CI relies on it)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]

PROBE = '''
import pytest

@pytest.mark.postgres
def test_needs_the_server(postgres_url):
    pass
'''


def _run_probe(tmp_path: Path, **environment: str) -> subprocess.CompletedProcess[str]:
    probe = tmp_path / "test_probe_server.py"
    probe.write_text(PROBE)
    shutil.copy(REPO_ROOT / "tests" / "conftest.py", tmp_path / "conftest.py")
    env = {**os.environ, **environment,
           "CPP_SCHEDULER_TEST_POSTGRES": "postgresql://postgres@127.0.0.1:1/postgres"}
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--rootdir",
         str(tmp_path), "-c", str(REPO_ROOT / "pyproject.toml"), str(probe)],
        cwd=REPO_ROOT, env=env, capture_output=True, text=True, check=False, timeout=120,
    )


@pytest.mark.parametrize(("required", "outcome"), [("1", "1 error"), ("", "1 skipped")])
def test_a_missing_server_skips_unless_required(tmp_path: Path, required: str,
                                                outcome: str) -> None:
    done = _run_probe(tmp_path, CPP_SCHEDULER_REQUIRE_POSTGRES=required)
    assert outcome in done.stdout, done.stdout + done.stderr
    if required:
        assert "CPP_SCHEDULER_REQUIRE_POSTGRES=1 requires one" in done.stdout
