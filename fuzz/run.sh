#!/usr/bin/env bash
# Long fuzz run: PAPERNOTES_FUZZ_MINUTES=10 fuzz/run.sh (default 10 minutes).
set -euo pipefail
cd "$(dirname "$0")/.."
exec .venv/bin/python -m fuzz "$@"
