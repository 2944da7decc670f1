"""The dashboard's TypeScript unit tests (web-src/tests, node's test runner); skipped without node or npm deps."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

WEB_SRC = Path(__file__).resolve().parent.parent / "web-src"


@pytest.mark.skipif(shutil.which("npm") is None or not (WEB_SRC / "node_modules" / ".bin" / "esbuild").exists(),
                    reason="needs npm and `npm ci` in web-src")
def test_typescript_units_pass():
    run = subprocess.run(["npm", "test", "--silent"], cwd=WEB_SRC, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
    assert "# fail 0" in run.stdout
