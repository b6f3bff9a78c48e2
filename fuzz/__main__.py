"""Run tests/test_fuzz.py and tests/test_identity_properties.py with many more examples, round
after round, for PAPERNOTES_FUZZ_MINUTES (default 10). Each round is a fresh pytest process with
new random seeds; the first failure stops the run and Hypothesis prints the smallest input it
found (also kept in .hypothesis/ for replay)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    minutes = float(os.environ.get("PAPERNOTES_FUZZ_MINUTES", "10"))
    deadline = time.monotonic() + minutes * 60
    env = {**os.environ, "PAPERNOTES_HYPOTHESIS_PROFILE": "fuzz"}
    rounds = 0
    while time.monotonic() < deadline:
        rounds += 1
        command = [sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", "tests/test_fuzz.py",
                   "tests/test_identity_properties.py"]
        result = subprocess.run(command, cwd=ROOT, env=env, check=False)
        if result.returncode != 0:
            print(f"fuzz: failure in round {rounds}", file=sys.stderr)
            return 1
        print(f"fuzz: round {rounds} passed, {max(deadline - time.monotonic(), 0) / 60:.1f} minutes left",
              flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
