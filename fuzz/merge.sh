#!/usr/bin/env bash
# Keeps what fuzzing learnt: merges a target's working corpus (fuzz/corpus-run/TARGET,
# left by fuzz/run.sh) into its committed seeds (fuzz/corpus/TARGET), keeping only the
# inputs that add coverage (libFuzzer's -merge=1), so the seeds grow minimised and the
# next run, in CI too, starts from them. Review the new files before committing.
#   usage: fuzz/merge.sh BUILD_DIR [TARGET...]    (default: every target with a run corpus)
set -euo pipefail
if [ $# -lt 1 ]; then echo "usage: $0 BUILD_DIR [TARGET...]" >&2; exit 2; fi
build=$(cd "$1" && pwd)
shift
here=$(cd "$(dirname "$0")" && pwd)
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for d in "$here"/corpus-run/*/; do
    [ -d "$d" ] && [ "$(basename "$d")" != artifacts ] && targets+=("$(basename "$d")")
  done
fi
for t in "${targets[@]}"; do
  exe=$build/fuzz/$t
  if [ ! -x "$exe" ] || [ ! -d "$here/corpus-run/$t" ]; then echo "merge: skip $t (no executable or run corpus)"; continue; fi
  mkdir -p "$here/corpus/$t"
  # Inputs run.sh copied from the repository's tests are added afresh on every run.
  find "$here/corpus-run/$t" -maxdepth 1 -type f -name 'seed-*' -delete
  before=$(find "$here/corpus/$t" -type f | wc -l)
  "$exe" -merge=1 -max_len=16384 -timeout=10 "$here/corpus/$t" "$here/corpus-run/$t" >"$here/corpus-run/$t.merge.log" 2>&1
  after=$(find "$here/corpus/$t" -type f | wc -l)
  echo "merge: $t: $before -> $after seeds ($((after - before)) new)"
done
