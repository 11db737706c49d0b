#!/usr/bin/env bash
# Provision PostgreSQL and RabbitMQ, build, run every test project, print the totals.
# Exits non-zero when any test fails or a test project does not run.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$ROOT"

started=$(date +%s)
scripts/tools.sh test
scripts/services.sh up
eval "$(scripts/services.sh env)"

echo "[test] building"
dotnet build Backscatter.Cloud.sln -c Debug -nologo -clp:ErrorsOnly

results="$ROOT/.local/test-results"
rm -rf "$results"
mkdir -p "$results"

passed=0 failed=0 skipped=0 broken=()
for project in tests/*.Tests/*.csproj; do
  name=$(basename "$project" .csproj)
  echo "[test] $name"
  if ! dotnet test "$project" --no-build -nologo --logger "trx;LogFileName=$name.trx" \
      --logger "console;verbosity=minimal" --results-directory "$results/$name"; then
    :
  fi
  trx="$results/$name/$name.trx"
  if [ ! -f "$trx" ]; then
    broken+=("$name")
    continue
  fi
  counters=$(grep -o '<Counters [^>]*>' "$trx")
  get() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
  passed=$((passed + $(get passed)))
  failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
  skipped=$((skipped + $(get notExecuted)))
done

elapsed=$(( $(date +%s) - started ))
echo "[test] finished in ${elapsed}s; results in $results"
for name in "${broken[@]}"; do echo "[test] $name did not run (no results file)"; done
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ ${#broken[@]} -eq 0 ] && [ "$passed" -gt 0 ]
