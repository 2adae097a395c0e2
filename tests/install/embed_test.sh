#!/usr/bin/env bash
# Installs this build to a temporary prefix, builds examples/embed out of tree against
# the installed CMake package, and checks its decisions (8 threads sharing one plan,
# loaded from a program file) against `proviso batch` on the sources.
# Usage: tests/install/embed_test.sh BUILD_DIR
set -euo pipefail
build=$(realpath "$1")
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cmake --install "$build" --prefix "$work/prefix" >/dev/null

# Nothing of Proviso's own build flags reaches a consumer.
if grep -E -- '-W(all|extra|pedantic|error)|-fsanitize' "$work"/prefix/lib*/cmake/proviso/*.cmake; then
  echo "FAIL: the installed package leaks warning or sanitizer flags" >&2
  exit 1
fi

cmake -S "$root/examples/embed" -B "$work/embed" -DCMAKE_PREFIX_PATH="$work/prefix" \
      -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$work/embed" >/dev/null

proviso="$work/prefix/bin/proviso"
bundle="$root/examples/discharge"
flows="$root/examples/discharge/flows.jsonl"
"$proviso" build "$bundle" -o "$work/discharge.program"
"$work/embed/decide_many" "$work/discharge.program" 8 < "$flows" > "$work/embedded.txt"

# The same decisions from the sources, through the CLI.
"$proviso" batch "$bundle" --no-trace < "$flows" \
  | python3 -c 'import json,sys
for line in sys.stdin:
    r = json.loads(line)
    print(" ".join([r["decision"]] + r.get("obligations", [])) if "decision" in r else "error")' \
  > "$work/batch.txt" || true

lines=$(wc -l < "$flows")
if [ "$(wc -l < "$work/embedded.txt")" -ne "$lines" ]; then
  echo "FAIL: $lines scenarios in, $(wc -l < "$work/embedded.txt") answers out" >&2
  exit 1
fi
# Error lines differ in wording between the two; decisions must agree exactly.
if ! diff <(sed 's/^error.*/error/' "$work/embedded.txt") "$work/batch.txt"; then
  echo "FAIL: the embedded runtime and proviso batch disagree" >&2
  exit 1
fi
echo "embed: $lines passed, 0 failed"
