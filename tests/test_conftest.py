"""The suite's own promise: with CPP_SCHEDULER_REQUIRE_POSTGRES=1 a missing PostgreSQL
server fails the PostgreSQL tests instead of skipping them (CI relies on it)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]

PROBE = """
import pytest

@pytest.mark.postgres
def test_needs_the_server(postgres_url):
    pass
"""

# Both runs in one interpreter: starting Python and importing the suite's plugins is
# most of the cost.
RUNNER = """
import os, sys
import pytest

folder, configuration = sys.argv[1:3]
for required in ("1", ""):
    os.environ["CPP_SCHEDULER_REQUIRE_POSTGRES"] = required
    status = pytest.main(["-q", "-p", "no:cacheprovider", "--rootdir", folder,
                          "-c", configuration, folder])
    print(f"REQUIRED={required!r} STATUS={int(status)}", flush=True)
"""


def test_a_missing_server_skips_unless_required(tmp_path: Path) -> None:
    (tmp_path / "test_probe_server.py").write_text(PROBE)
    shutil.copy(REPO_ROOT / "tests" / "conftest.py", tmp_path / "conftest.py")
    environment = {
        **os.environ,
        "CPP_SCHEDULER_TEST_POSTGRES": "postgresql://postgres@127.0.0.1:1/postgres",
    }
    done = subprocess.run(
        [sys.executable, "-c", RUNNER, str(tmp_path), str(REPO_ROOT / "pyproject.toml")],
        cwd=REPO_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    output = done.stdout + done.stderr
    required_run, optional_run = output.split("REQUIRED='1' STATUS=")
    assert "1 error" in required_run, output
    assert "CPP_SCHEDULER_REQUIRE_POSTGRES=1 requires one" in required_run
    assert optional_run.startswith("1"), "a required server that is missing fails the run"
    assert "1 skipped" in optional_run, output
    assert "REQUIRED='' STATUS=0" in optional_run
