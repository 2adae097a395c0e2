#!/usr/bin/env bash
# The hostile-input corpus: every tests/bad/**/NAME.expected is one case (format in
# tests/bad/README.md). Each case runs under a timeout and fails on a crash (a signal,
# exit >= 128, a sanitizer report, an internal error), a hang, a wrong exit status, a
# missing diagnostic code, a diagnostic at the wrong place, or an error where the case
# says `code: none`. A case without a `code` key fails: every case names what it expects.
# Usage: tests/bad/run.sh PROVISO_BINARY [CASE | FILTER]
#   CASE    one case, e.g. syntax/empty_file (also tests/bad/syntax/empty_file.expected);
#           ctest runs each case this way as hostile/FOLDER/NAME
#   FILTER  otherwise, every case whose path contains this text (none: every case)
#   PROVISO_BAD_TIMEOUT  seconds per case (default 30; sanitizer builds are slow)
set -u
if [ $# -lt 1 ] || [ $# -gt 2 ]; then echo "usage: $0 PROVISO_BINARY [CASE | FILTER]" >&2; exit 2; fi
proviso_bin=$(realpath "$1")
here=$(cd "$(dirname "$0")" && pwd)
filter=${2:-}
filter=${filter#"$here"/}
filter=${filter#tests/bad/}
filter=${filter%.expected}
cd "$here" || exit 2
export NO_COLOR=1 TZ=UTC PROVISO_NOW=2026-01-01T00:00:00Z
limit=${PROVISO_BAD_TIMEOUT:-30}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pass=0
fail=0
failed_cases=()

# Diagnostics in text form: "FILE:LINE:COL: error[CODE]: message" (or "FILE: ..." and
# "proviso: ..." without a place; warnings and infos alike, so that a finding such as
# `inconclusive` can be expected too). Prints "CODE<TAB>LINE<TAB>COL<TAB>MESSAGE" each.
errors_of() {
  local l re='^(.*): (error|warning|info)\[([a-z-]+)\]: (.*)$' place
  while IFS= read -r l || [ -n "$l" ]; do
    [[ $l =~ $re ]] || continue
    place=${BASH_REMATCH[1]}
    local code=${BASH_REMATCH[3]} message=${BASH_REMATCH[4]}
    if [[ $place =~ :([0-9]+):([0-9]+)$ ]]; then
      printf '%s\t%s\t%s\t%s\n' "$code" "${BASH_REMATCH[1]}" "${BASH_REMATCH[2]}" "$message"
    else
      printf '%s\t0\t0\t%s\n' "$code" "$message"
    fi
  done < "$1"
}

run_case() {
  local expected=$1 base=${1%.expected} name=${1%.expected}
  local command=check bundle=fixtures/base.proviso args="" want_exit=1 code="" line="" column="" message=""
  local generate=no records="" analysis=no
  local -a want_records=() absent=()
  while IFS= read -r raw || [ -n "$raw" ]; do
    local l=${raw%%#*}
    [[ $l =~ ^[[:space:]]*$ ]] && continue
    local key=${l%%:*} value=${l#*:}
    value=${value#"${value%%[![:space:]]*}"}
    value=${value%"${value##*[![:space:]]}"}
    case "$key" in
      command) command=$value ;;
      bundle) bundle=$value ;;
      args) args=$value ;;
      exit) want_exit=$value ;;
      code) code=$value ;;
      line) line=$value ;;
      column) column=$value ;;
      message) message=$value ;;
      generate) generate=$value ;;
      analysis) analysis=$value ;;
      records) records=$value ;;
      record) want_records+=("$value") ;;
      absent) absent+=("$value") ;;
      *) echo "FAIL $name: unknown key '$key' in $expected"; return 1 ;;
    esac
  done < "$expected"
  if [ -z "$code" ]; then
    echo "FAIL $name: no 'code' key in $expected (name the expected code, or say 'code: none')"; return 1
  fi

  local dir="$work/${name//\//_}"
  mkdir -p "$dir"
  local input=""
  if [ "$generate" = yes ]; then
    if ! bash "$base.sh" "$dir" > "$dir/generate.log" 2>&1; then
      echo "FAIL $name: generator $base.sh failed"; sed 's/^/  /' "$dir/generate.log" | head -5; return 1
    fi
    input=$(find "$dir" -maxdepth 1 -name 'input.*' | head -1)
  else
    for f in "$base".*; do
      case "$f" in *.expected | *.sh) continue ;; esac
      input=$f
    done
  fi
  if [ -z "$input" ] || [ ! -e "$input" ]; then echo "FAIL $name: no input file"; return 1; fi

  local -a cmd
  local stdin=/dev/null
  # shellcheck disable=SC2206
  local -a extra=($args)
  case "$command" in
    check)
      cmd=(proviso check)
      [ "$analysis" = yes ] || cmd+=(--no-analysis)
      cmd+=("${extra[@]}" "$input") ;;
    eval) cmd=(proviso eval "$bundle" --scenario "$input" --format json "${extra[@]}") ;;
    batch) cmd=(proviso batch "$bundle" --no-trace "${extra[@]}"); stdin=$input ;;
    explain) cmd=(proviso explain "$bundle" --scenario "$input" --format json "${extra[@]}") ;;
    test) cmd=(proviso test "${extra[@]}" "$input") ;;
    *) echo "FAIL $name: unknown command '$command'"; return 1 ;;
  esac
  cmd[0]=$proviso_bin

  timeout -k 5 "$limit" "${cmd[@]}" < "$stdin" > "$dir/stdout" 2> "$dir/stderr"
  local status=$?
  local problems=()
  if [ $status -eq 124 ] || [ $status -eq 137 ]; then
    problems+=("hang: no answer within ${limit}s")
  elif [ $status -ge 128 ]; then
    problems+=("crash: exit status $status (signal $((status - 128)))")
  fi
  local crash
  crash=$(grep -ahE -m1 'Sanitizer|runtime error:|internal error|terminate called|Assertion .* failed' "$dir/stderr" "$dir/stdout")
  if [ -n "$crash" ]; then problems+=("crash: ${crash:0:300}"); fi
  if [ ${#problems[@]} -eq 0 ] && [ "$status" != "$want_exit" ]; then
    problems+=("exit status $status, expected $want_exit")
  fi

  if [ ${#problems[@]} -eq 0 ]; then
    if [ "$code" = none ]; then
      # Any error at all: coded diagnostics, "proviso CMD: error: ..." lines, error records.
      local err
      err=$(grep -ahE -m1 '^[^ ].*: error(\[[a-z-]+\])?: ' "$dir/stderr")
      [ "$command" != batch ] || err+=$(grep -ah -m1 '"error":' "$dir/stdout")
      [ -z "$err" ] || problems+=("expected no error; got: ${err:0:300}")
    elif [ "$code" = usage ]; then
      # A usage error carries no code: "proviso CMD: error: MESSAGE", then the usage text.
      local err
      err=$(grep -ahE -m1 '^proviso [a-z]+: error: ' "$dir/stderr")
      if [ -z "$err" ] || ! grep -aq '^usage: proviso' "$dir/stderr"; then
        problems+=("expected a usage error (proviso CMD: error: ..., then usage:)")
      elif [ -n "$message" ] && [[ $err != *"$message"* ]]; then
        problems+=("expected a usage error saying '$message'; got: ${err:0:300}")
      fi
    elif [ "$command" = batch ]; then
      grep -q "\"code\":\"$code\"" "$dir/stdout" || problems+=("no error record with code $code")
    else
      errors_of "$dir/stderr" > "$dir/errors"
      local found=no
      while IFS=$'\t' read -r c ln col msg; do
        [ "$c" = "$code" ] || continue
        [ -z "$line" ] || [ "$ln" = "$line" ] || continue
        [ -z "$column" ] || [ "$col" = "$column" ] || continue
        [ -z "$message" ] || [[ $msg == *"$message"* ]] || continue
        found=yes
      done < "$dir/errors"
      if [ $found = no ]; then
        local want="error[$code]"
        [ -n "$line" ] && want+=" at line $line"
        [ -n "$column" ] && want+=" column $column"
        [ -n "$message" ] && want+=" saying '$message'"
        if [ -s "$dir/errors" ]; then
          local got="" c ln col msg
          while IFS=$'\t' read -r c ln col msg; do got+="${got:+; }$c at $ln:$col ($msg)"; done < "$dir/errors"
          problems+=("expected $want; got: ${got:0:400}")
        else
          problems+=("expected $want; got no error diagnostic")
        fi
      fi
    fi
  fi

  for a in "${absent[@]}"; do
    if grep -qF -- "$a" "$dir/stdout" "$dir/stderr"; then problems+=("output contains '$a'"); fi
  done

  if [ ${#problems[@]} -eq 0 ] && { [ -n "$records" ] || [ ${#want_records[@]} -gt 0 ]; }; then
    local got
    got=$(wc -l < "$dir/stdout")
    if [ -n "$records" ] && [ "$got" != "$records" ]; then problems+=("$got output lines, expected $records"); fi
    for r in "${want_records[@]}"; do
      # shellcheck disable=SC2086
      set -- $r
      local n=$1 kind=$2 out
      out=$(sed -n "${n}p" "$dir/stdout")
      case "$kind" in
        ok) [[ $out == "{\"line\":$n,"*'"decision":'* ]] || problems+=("line $n: expected a result, got: ${out:0:160}") ;;
        share | refer | deny | undetermined)
          [[ $out == *"\"decision\":\"$kind\""* ]] || problems+=("line $n: expected decision $kind, got: ${out:0:160}") ;;
        error)
          [[ $out == "{\"line\":$n,\"error\":"*"\"code\":\"$3\""* ]] ||
            problems+=("line $n: expected an error record for line $n with code $3, got: ${out:0:160}") ;;
        *) problems+=("unknown record kind '$kind' in $expected") ;;
      esac
    done
  fi

  if [ ${#problems[@]} -eq 0 ]; then
    return 0
  fi
  echo "FAIL $name ($command $(basename "$input"))"
  for p in "${problems[@]}"; do echo "  $p"; done
  if [ ${#problems[@]} -gt 0 ]; then
    head -c 600 "$dir/stderr" | sed 's/^/  stderr| /'
  fi
  return 1
}

if [ -n "$filter" ] && [ -f "$filter.expected" ]; then
  cases=("$filter.expected")
else
  cases=()
  while IFS= read -r -d '' expected; do
    expected=${expected#./}
    case "$expected" in *"$filter"*) cases+=("$expected") ;; esac
  done < <(find . -name '*.expected' -print0 | sort -z)
fi

for expected in "${cases[@]}"; do
  if run_case "$expected"; then
    pass=$((pass + 1))
  else
    fail=$((fail + 1))
    failed_cases+=("${expected%.expected}")
  fi
done

if [ $fail -gt 0 ]; then printf 'failed: %s\n' "${failed_cases[*]}"; fi
echo "hostile: $pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
