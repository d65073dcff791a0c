#!/usr/bin/env bash
# The test line's static checks at once (each is single-threaded; together they fill both cores): the
# mini-program's, the tests' and the client tests' types, and the lint. The service's own types are
# checked by `npm run build:server`, which the test line runs next. Each check's output is printed
# after it ends, under its name; the script fails when any check fails.
set -uo pipefail
cd "$(dirname "$0")/../.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
declare -A checks=(
  [types:mini-program]="npx tsc -p tsconfig.json --noEmit"
  [types:tests]="npx tsc -p test/tsconfig.json"
  [types:client-tests]="npx tsc -p test/client/tsconfig.json --noEmit"
  [lint]="npx eslint server/src src test"
)
declare -A pids
started=$SECONDS
for name in "${!checks[@]}"; do
  bash -c "${checks[$name]}" >"$out/$name" 2>&1 &
  pids[$name]=$!
done
failed=0
for name in "${!checks[@]}"; do
  if wait "${pids[$name]}"; then
    echo "[checks] $name: ok"
  else
    echo "[checks] $name: FAILED"
    cat "$out/$name"
    failed=1
  fi
done
echo "[checks] ${#checks[@]} checks in $((SECONDS - started)) s: $([ $failed = 0 ] && echo 'all passed' || echo 'some failed')"
exit $failed
