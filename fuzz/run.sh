#!/usr/bin/env bash
# Runs every libFuzzer target of a fuzz build for SECONDS each, on a fresh copy of its
# seed corpus, and fails on the first crash, sanitizer report, leak, timeout or OOM.
#   usage: fuzz/run.sh BUILD_DIR SECONDS [TARGET...]
#   FUZZ_ARGS   extra libFuzzer flags (e.g. "-jobs=4 -workers=4")
# The working corpora live in fuzz/corpus-run/ (git-ignored); a crashing input is saved
# there as corpus-run/artifacts/TARGET-crash-HASH. Turn it into a regression case
# (tests/bad/ or a unit test) before fixing it.
set -uo pipefail
if [ $# -lt 2 ]; then echo "usage: $0 BUILD_DIR SECONDS [TARGET...]" >&2; exit 2; fi
build=$(cd "$1" && pwd)
seconds=$2
shift 2
here=$(cd "$(dirname "$0")" && pwd)
run_root="$here/corpus-run"

# Input sizes suited to each target: whole policy files, one scenario document (or a
# few JSONL lines), the bytes that drive the policy generator, and small program files.
max_len_of() {
  case "$1" in
    compile_fuzz) echo 16384 ;;
    format_fuzz) echo 16384 ;;
    scenario_fuzz) echo 4096 ;;
    eval_fuzz) echo 2048 ;;
    program_file_fuzz) echo 16384 ;;
    *) echo 4096 ;;
  esac
}

# Besides its committed seeds (fuzz/corpus/TARGET/), each target starts from the inputs
# the tests use today, so the corpus follows the language as it grows.
add_repository_seeds() {
  local target=$1 work=$2 repo
  repo=$(cd "$here/.." && pwd)
  local -a patterns=()
  case "$target" in
    compile_fuzz | format_fuzz) patterns=('*.proviso') ;;
    scenario_fuzz) patterns=('*.json' '*.jsonl') ;;
    *) return 0 ;;
  esac
  for p in "${patterns[@]}"; do
    find "$repo/tests" "$repo/policies" "$repo/examples" -type f -name "$p" -size -16k 2>/dev/null
  done | while IFS= read -r f; do
    cp "$f" "$work/seed-$(printf '%s' "$f" | cksum | cut -d' ' -f1)"
  done
}

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  while IFS= read -r t; do targets+=("$(basename "$t")"); done < <(find "$build/fuzz" -maxdepth 1 -type f -name '*fuzz*' -perm -u+x | sort)
fi
if [ ${#targets[@]} -eq 0 ]; then echo "fuzz: no targets under $build/fuzz" >&2; exit 2; fi

mkdir -p "$run_root/artifacts"
pass=0
fail=0
for t in "${targets[@]}"; do
  exe="$build/fuzz/$t"
  if [ ! -x "$exe" ]; then echo "FAIL $t: no executable $exe"; fail=$((fail + 1)); continue; fi
  work="$run_root/$t"
  rm -rf "$work"
  mkdir -p "$work"
  if [ -d "$here/corpus/$t" ]; then cp -R "$here/corpus/$t/." "$work/"; fi
  add_repository_seeds "$t" "$work"
  seeds=$(find "$work" -type f | wc -l)
  echo "== $t: ${seconds}s, $seeds seeds, max_len $(max_len_of "$t")"
  log="$run_root/$t.log"
  # shellcheck disable=SC2086
  ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1} \
  UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
    "$exe" -max_total_time="$seconds" -max_len="$(max_len_of "$t")" -timeout=10 -rss_limit_mb=2048 \
      -print_final_stats=1 -artifact_prefix="$run_root/artifacts/$t-" ${FUZZ_ARGS:-} "$work" >"$log" 2>&1
  status=$?
  if [ $status -eq 0 ] && ! grep -qE 'ERROR: (AddressSanitizer|UndefinedBehaviorSanitizer|LeakSanitizer|libFuzzer)|runtime error:' "$log"; then
    pass=$((pass + 1))
    grep -E '^stat::number_of_executed_units|^#[0-9]+.*DONE' "$log" | tail -2 | sed 's/^/   /'
  else
    fail=$((fail + 1))
    echo "FAIL $t (exit $status); last lines of $log:"
    tail -40 "$log" | sed 's/^/   /'
    ls "$run_root/artifacts/" | grep "^$t-" | sed 's/^/   artifact: /'
  fi
done
echo "fuzz: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
