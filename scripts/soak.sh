#!/usr/bin/env bash
# The long run of the random tests, not part of CI: the independent-reference
# differential (tests/unit/runtime/independent_differential_test.cpp) at 100 times the
# scale CI runs (about ten million comparisons instead of a hundred thousand), and the
# scenario reader's property test, on a seed of its own.
#   usage: scripts/soak.sh [BUILD_DIR]          (default build/, configured already)
#   PROVISO_SEED   the seed (default: the current time); printed, and by every failure
#   PROVISO_SCALE  the scale (default 100)
# A failure prints the bundle, the scenario and every difference; PROVISO_SEED=N with
# the same scale reproduces it.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
seed=${PROVISO_SEED:-$(date +%s)}
scale=${PROVISO_SCALE:-100}
cmake --build "$build" --target proviso_runtime_tests -j"${SOAK_JOBS:-2}"
echo "soak: PROVISO_SEED=$seed PROVISO_SCALE=$scale"
PROVISO_SEED=$seed PROVISO_SCALE=$scale "$build/tests/proviso_runtime_tests" \
  --gtest_filter='IndependentReference.*:ScenarioWalks.*'
