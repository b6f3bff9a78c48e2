#!/usr/bin/env bash
# Mutation score of one part of src/papernotes with mutmut 3, against a fast subset of the tests.
#
#   benchmarks/mutation.sh resolve.py tests/test_resolve.py [more test files or node ids ...]
#   benchmarks/mutation.sh 'entries/*' tests/test_entries_survey.py ...
#
# Not part of CI (a benchmark: minutes per module). It works in benchmarks/out/mutation/<name>/,
# a scratch copy of src/, tests/ and pyproject.toml with a [tool.mutmut] section naming the module
# and the tests, so the checkout is never modified; mutmut runs in .venv-mutation (made on first
# use with the locked versions of constraints.txt, plus mutmut; MUTATION_VENV names another).
# One test is always left out: it counts how often recognisers walk the tokens, which mutmut's
# trampolines change. Prints mutmut's summary and the score: killed (and timed out) / all mutants tested.
# A mutant is stopped after MUTATION_TIMEOUT x 2 x (its tests' CPU time + 1 s) of CPU time (mutmut's
# timeout_multiplier; default 5 here: with mutmut's own 15 a mutant that loops forever under the
# site builds runs for half an hour; its wall-clock bound is half that) and counted as timed out (killed).
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 2 ] || { echo "usage: benchmarks/mutation.sh MODULE_GLOB TEST..." >&2; exit 2; }
module=$1; shift
venv=${MUTATION_VENV:-$PWD/.venv-mutation}
if [ ! -x "$venv/bin/mutmut" ]; then
    python3 -m venv "$venv"
    "$venv/bin/python" -m pip install --quiet -c constraints.txt -e ".[test]" "mutmut==3.8.1"
fi
name=$(echo "$module" | tr '/*' '-_' | sed 's/\.py$//')
work=benchmarks/out/mutation/$name
rm -rf "$work" && mkdir -p "$work"
cp -r src templates tests notes pyproject.toml "$work/"  # the tests read notes/ and benchmarks/*.py
mkdir "$work/benchmarks" && cp benchmarks/*.py "$work/benchmarks/"
tests=$(printf '"%s", ' "$@")
cat >> "$work/pyproject.toml" <<TOML

[tool.mutmut]
source_paths = ["src"]
only_mutate = ["src/papernotes/$module"]
also_copy = ["templates", "tests", "notes", "benchmarks"]
pytest_add_cli_args_test_selection = [${tests%, }, "--deselect", "tests/test_entries_recognise.py::test_each_recogniser_walks_the_tokens_once"]
pytest_add_cli_args = ["-p", "no:cacheprovider", "-q"]
timeout_multiplier = ${MUTATION_TIMEOUT:-5}
TOML
cd "$work"
export PAPERNOTES_SEEDS=${PAPERNOTES_SEEDS:-$(cd ../../../.. && pwd)/../shared/seeds}
start=$(date +%s)
"$venv/bin/mutmut" run --max-children "${MUTATION_JOBS:-2}" >mutmut.log 2>&1 || { tail -30 mutmut.log; exit 1; }
"$venv/bin/mutmut" results --all true >results.txt 2>&1 || true
"$venv/bin/python" - "$module" "$(( $(date +%s) - start ))" <<'PY'
import collections, re, sys
states = collections.Counter(m.group(1) for line in open("results.txt")
                             if (m := re.search(r": (\w[\w ]*)$", line.strip())))
tested = sum(states.values()) - states["skipped"] - states["not checked"]
killed = states["killed"] + states["timeout"]
print(f"{sys.argv[1]}: {killed}/{tested} killed = {100 * killed / max(tested, 1):.1f} % "
      f"({dict(states)}; {sys.argv[2]} s)")
PY
