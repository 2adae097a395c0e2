#!/usr/bin/env bash
# The README's first command: install what is missing, build, then check and evaluate
# the bundled example (hospital discharge to a housing team).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${PROVISO_BUILD_DIR:-build}   # an existing build folder is reused as it is configured
bash scripts/install-deps.sh
if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
cmake --build "$build" --target proviso -j"$(nproc)"
echo
echo "\$ proviso check examples/discharge"
"$build/proviso" check examples/discharge
echo
echo "\$ proviso eval examples/discharge --scenario examples/discharge/scenario.json"
"$build/proviso" eval examples/discharge --scenario examples/discharge/scenario.json
