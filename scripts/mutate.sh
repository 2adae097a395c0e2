#!/usr/bin/env bash
# A measure of the test suite: applies each one-line mutant of scripts/mutants.tsv (the
# decision, scenario, combine and analysis paths) to a scratch copy of the source,
# rebuilds the room's unit-test binary, runs it, and reports whether the tests kill the
# mutant. Slow (one rebuild and one test run per mutant); not part of CI.
#   usage: scripts/mutate.sh [FILTER]      FILTER: only mutants whose name contains it
#   MUTATE_JOBS   build jobs (default 2)
#   MUTATE_DIR    scratch folder, reused between runs (default: build-mutate/ here, git-ignored)
#   MUTATE_REV    measure the tests of an earlier commit instead of the working tree
#                 (e.g. to see which mutants new tests kill); the mutants stay this list
#   PROVISO_SCALE the random tests' scale for each run (default 0.25 here: a mutant the
#                 differential tests catch is caught within the first few thousand cases)
# Prints one line per mutant (KILLED, SURVIVED, or INVALID when the original text is not
# found exactly once, STILLBORN when the mutant does not build) and a summary; exits 1
# when any mutant survives.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
filter=${1:-}
jobs=${MUTATE_JOBS:-2}
scratch=${MUTATE_DIR:-$root/build-mutate}
export PROVISO_SCALE=${PROVISO_SCALE:-0.25}
list=$root/scripts/mutants.tsv
mkdir -p "$scratch/src"

# The working tree as it is (tracked and new files, without build folders), or a commit.
# tar -m: every file is newer than the last build, so nothing stale survives a switch
# between trees (ccache makes the rebuild cheap).
if [ -n "${MUTATE_REV:-}" ]; then
  rm -rf "$scratch/src" && mkdir -p "$scratch/src"
  (cd "$root" && git archive "$MUTATE_REV") | tar -m -xf - -C "$scratch/src"
else
  (cd "$root" && git ls-files -z --cached --others --exclude-standard | grep -zv '^build' |
    tar --null -T - -cf -) | tar -m -xf - -C "$scratch/src"
fi

cmake -S "$scratch/src" -B "$scratch/build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPROVISO_BENCH=OFF \
      -DPROVISO_WERROR=OFF $(command -v ccache >/dev/null && echo -DCMAKE_CXX_COMPILER_LAUNCHER=ccache) >"$scratch/configure.log" 2>&1 ||
  { echo "mutate: cmake failed; see $scratch/configure.log"; exit 2; }

targets=$(grep -v '^#' "$list" | cut -f5 | sort -u)
echo "mutate: building the unmutated $(echo $targets) in $scratch"
# shellcheck disable=SC2086
ninja -C "$scratch/build" -j"$jobs" $targets >"$scratch/build.log" 2>&1 ||
  { echo "mutate: the unmutated tree does not build; see $scratch/build.log"; exit 2; }
for t in $targets; do
  "$scratch/build/tests/$t" --gtest_brief=1 >"$scratch/baseline-$t.log" 2>&1 ||
    { echo "mutate: $t fails before any mutation; see $scratch/baseline-$t.log"; exit 2; }
done

killed=0 survived=0 invalid=0 stillborn=0
survivors=()
while IFS=$'\t' read -r name file original mutant target; do
  case "$name" in '#'* | '') continue ;; esac
  [[ $name == *"$filter"* ]] || continue
  path=$scratch/src/$file
  cp "$path" "$scratch/original"
  if ! python3 - "$path" "$original" "$mutant" <<'EOF'
import sys
path, original, mutant = sys.argv[1:]
text = open(path).read()
if text.count(original) != 1:
    sys.exit(1)
open(path, "w").write(text.replace(original, mutant))
EOF
  then
    echo "INVALID    $name: the original text is not found exactly once in $file"
    invalid=$((invalid + 1))
    continue
  fi
  log=$scratch/${name//\//_}.log
  if ! ninja -C "$scratch/build" -j"$jobs" "$target" >"$log" 2>&1; then
    echo "STILLBORN  $name: does not build"
    stillborn=$((stillborn + 1))
  elif timeout 900 "$scratch/build/tests/$target" --gtest_brief=1 >"$log" 2>&1; then
    echo "SURVIVED   $name ($file)"
    survived=$((survived + 1))
    survivors+=("$name")
  else
    failed=$(grep -E '^\[  FAILED  \] [A-Za-z]' "$log" | sed 's/^\[  FAILED  \] //; s/ (.*//' | sort -u | head -4 | paste -sd, -)
    echo "KILLED     $name by ${failed:-a crash}"
    killed=$((killed + 1))
  fi
  cp "$scratch/original" "$path"
done < "$list"

total=$((killed + survived))
echo "mutate: $killed of $total mutants killed, $survived survived ($stillborn stillborn, $invalid invalid)"
if [ "$survived" -gt 0 ]; then printf '  survived: %s\n' "${survivors[@]}"; fi
[ "$survived" -eq 0 ] && [ "$invalid" -eq 0 ]
