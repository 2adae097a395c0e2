#!/usr/bin/env bash
# Every example in docs/language.md is run here, so the language reference cannot
# drift from the program.
#
# Usage: tests/docs_examples.sh PROVISO_BINARY
#
# ```proviso blocks are compiled (`proviso check --no-analysis`) as whole bundles,
# unless an HTML comment on the line before the fence (blank lines may separate them)
# says otherwise:
#
#   <!-- example: prelude -->       a whole bundle; fragments are appended to it (one per document)
#   <!-- example: fragment -->      prelude + this block must compile
#   <!-- example: error CODE -->    must fail with an error diagnostic CODE (check --no-analysis)
#   <!-- example: finding CODE -->  must compile, and the full `check` (with analysis) reports CODE
#   <!-- example: test -->          must compile, and `proviso test` must pass (every expect holds)
#   <!-- example: file PATH -->     written to PATH in a scratch folder; all `file` blocks are
#                                   then checked together as one bundle (that folder)
#
# `fragment` combines with `error`, `finding` and `test`, e.g. <!-- example: fragment test -->.
#
# ```json blocks tagged <!-- example: scenario --> are evaluated against the prelude
# (`proviso eval PRELUDE --scenario FILE`), which must accept them. Other JSON blocks show
# output shapes and are not run.
#
# In ```sh blocks, each line that runs `proviso COMMAND ...` is checked against the
# program's own usage text: the command must exist and every --option must be one it
# lists (`proviso help COMMAND`). And section 8 must document every command: its usage
# as the program prints it, and every option it lists.
set -u
proviso_bin=$(realpath "$1")
root=$(cd "$(dirname "$0")/.." && pwd)
doc="$root/docs/language.md"
export NO_COLOR=1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/blocks" "$work/files" "$work/run"

pass=0
fail=0
failure() {  # where, message, [output]
  fail=$((fail + 1))
  printf 'FAIL %s: %s\n' "$1" "$2"
  if [ -n "${3:-}" ]; then printf '%s\n' "$3" | tail -15 | sed 's/^/  | /'; fi
}

[ -f "$doc" ] || { echo "docs-examples: no $doc"; exit 1; }

# Split the document into blocks: blocks/NNNN holds the text of block NNNN, and
# blocks/index one line per block: number|language|tag|line of the fence.
awk -v dir="$work/blocks" '
  function trim(s) { sub(/^[ \t]+/, "", s); sub(/[ \t]+$/, "", s); return s }
  inblock && /^```[ \t]*$/ { inblock = 0; close(file); tag = ""; next }
  inblock { print > file; next }
  /^```/ {
    lang = trim(substr($0, 4))
    n++
    file = sprintf("%s/%04d", dir, n)
    printf "" > file
    printf "%04d|%s|%s|%d\n", n, lang, tag, NR > (dir "/index")
    inblock = 1
    next
  }
  /^<!-- example:.*-->[ \t]*$/ {
    tag = $0
    sub(/^<!-- example:[ \t]*/, "", tag)
    sub(/[ \t]*-->[ \t]*$/, "", tag)
    next
  }
  /^[ \t]*$/ { next }
  { tag = "" }
  END { if (inblock) print "unclosed code block" > "/dev/stderr" }
' "$doc"
touch "$work/blocks/index"

prelude=""
file_blocks=0
file_where=""

# One proviso block: compile it the way its tag says.
run_proviso() {  # number, tag, where
  local n=$1 tag=$2 where=$3
  local src="$work/blocks/$n" fragment=0 mode=compile code="" words w out rc
  read -r -a words <<< "$tag"
  local i=0
  while [ $i -lt ${#words[@]} ]; do
    w=${words[$i]}
    case "$w" in
      prelude) mode=prelude ;;
      fragment) fragment=1 ;;
      error|finding) mode=$w; i=$((i + 1)); code=${words[$i]:-} ;;
      test) mode="test" ;;
      file) mode="file"; i=$((i + 1)); code=${words[$i]:-} ;;
      *) failure "$where" "unknown example tag '$w'"; return ;;
    esac
    i=$((i + 1))
  done
  if { [ "$mode" = error ] || [ "$mode" = finding ] || [ "$mode" = file ]; } && [ -z "$code" ]; then
    failure "$where" "tag '$tag' needs a code or a path"
    return
  fi

  if [ "$mode" = file ]; then
    case "$code" in /*|*..*) failure "$where" "file path '$code' must be relative"; return ;; esac
    mkdir -p "$(dirname "$work/files/$code")"
    cp "$src" "$work/files/$code"
    file_blocks=$((file_blocks + 1))
    file_where="$file_where $where"
    return
  fi

  local dirn="$work/run/$n"
  mkdir -p "$dirn"
  local file="$dirn/example.proviso"
  if [ "$fragment" = 1 ]; then
    if [ -z "$prelude" ]; then
      failure "$where" "a fragment comes before the prelude"
      return
    fi
    cat "$prelude" "$src" > "$file"
  else
    cp "$src" "$file"
  fi

  case "$mode" in
    prelude|compile)
      out=$("$proviso_bin" check --no-analysis "$file" 2>&1); rc=$?
      if [ $rc -ne 0 ]; then failure "$where" "does not compile (exit $rc)" "$out"; return; fi
      if [ "$mode" = prelude ]; then
        if [ -n "$prelude" ]; then failure "$where" "a second prelude"; return; fi
        prelude="$file"
      fi
      ;;
    error)
      out=$("$proviso_bin" check --no-analysis --format json "$file" 2>&1); rc=$?
      if [ $rc -ne 1 ]; then failure "$where" "expected exit status 1 with error '$code', got $rc" "$out"; return; fi
      if ! grep -q "\"severity\":\"error\",\"code\":\"$code\"" <<< "$out"; then
        failure "$where" "expected an error '$code'" "$out"
        return
      fi
      ;;
    finding)
      out=$("$proviso_bin" check --format json "$file" 2>&1); rc=$?
      if [ $rc -ne 0 ]; then failure "$where" "expected a bundle without errors (exit 0), got $rc" "$out"; return; fi
      if ! grep -q "\"code\":\"$code\"" <<< "$out"; then
        failure "$where" "expected a '$code' finding" "$out"
        return
      fi
      ;;
    test)
      out=$("$proviso_bin" test "$file" 2>&1); rc=$?
      if [ $rc -ne 0 ]; then failure "$where" "proviso test failed (exit $rc)" "$out"; return; fi
      if ! grep -q '^PASS ' <<< "$out"; then failure "$where" "tagged 'test' but has no scenario with an expect" "$out"; return; fi
      ;;
  esac
  pass=$((pass + 1))
}

run_json() {  # number, tag, where
  local n=$1 tag=$2 where=$3 out rc
  [ "$tag" = scenario ] || return 0
  if [ -z "$prelude" ]; then failure "$where" "a scenario example comes before the prelude"; return; fi
  out=$("$proviso_bin" eval "$prelude" --scenario "$work/blocks/$n" --format json 2>&1); rc=$?
  if [ $rc -ne 0 ]; then failure "$where" "the prelude does not accept this scenario (exit $rc)" "$out"; return; fi
  pass=$((pass + 1))
}

run_sh() {  # number, where
  local n=$1 where=$2 line cmd usage word words checked=0 bad=""
  while IFS= read -r line; do
    line=${line#\$ }
    line=${line%%#*}
    line=${line%%|*}
    line=${line%%<*}
    line=${line%%>*}
    read -r -a words <<< "$line"
    # Skip leading VAR=value assignments.
    while [ ${#words[@]} -gt 0 ] && [[ ${words[0]} == [A-Z_]*=* ]]; do words=("${words[@]:1}"); done
    if [ ${#words[@]} -lt 2 ] || [ "${words[0]}" != proviso ]; then continue; fi
    cmd=${words[1]}
    checked=$((checked + 1))
    case "$cmd" in help|--help|-h|--version|-V) continue ;; esac
    if ! usage=$("$proviso_bin" help "$cmd" 2>&1); then
      bad="$bad\n  unknown command: $line"
      continue
    fi
    for word in "${words[@]:2}"; do
      [[ $word == --* ]] || continue
      word=${word%%=*}
      [ "$word" = "--" ] && break
      if ! grep -qF -- "$word" <<< "$usage"; then
        bad="$bad\n  '$word' is not an option of '$cmd': $line"
      fi
    done
  done < "$work/blocks/$n"
  [ $checked -gt 0 ] || return 0
  if [ -n "$bad" ]; then failure "$where" "shell example" "$(printf '%b' "$bad")"; return; fi
  pass=$((pass + 1))
}

proviso_blocks=0
while IFS="|" read -r n lang tag line; do
  where="docs/language.md:$line"
  case "$lang" in
    proviso) proviso_blocks=$((proviso_blocks + 1)); run_proviso "$n" "$tag" "$where" ;;
    json) run_json "$n" "$tag" "$where" ;;
    sh) run_sh "$n" "$where" ;;
    *)
      if [ -n "$tag" ]; then failure "$where" "an example tag on a '$lang' block (only proviso, json and sh blocks run)"; fi
      ;;
  esac
done < "$work/blocks/index"

if [ $file_blocks -gt 0 ]; then
  out=$("$proviso_bin" check --no-analysis "$work/files" 2>&1); rc=$?
  if [ $rc -eq 0 ]; then
    pass=$((pass + file_blocks))
  else
    fail=$((fail + file_blocks))
    printf 'FAIL the file examples at%s do not compile together (exit %s)\n' "$file_where" "$rc"
    printf '%s\n' "$out" | tail -15 | sed 's/^/  | /'
  fi
fi

# Section 8 documents every command of `proviso help`: a section "### 8.N `proviso CMD`"
# whose first text block is the command's usage (spacing aside), and which names every
# option that `proviso help CMD` lists.
commands=$("$proviso_bin" help | awk '/^commands:/ { on = 1; next } on && /^  [a-z]/ { print $1 } on && /^$/ { exit }')
[ -n "$commands" ] || failure "proviso help" "lists no commands"
for cmd in $commands; do
  where="docs/language.md, proviso $cmd"
  section=$(awk -v c="\`proviso $cmd\`" 'index($0, "### 8.") == 1 && index($0, c) { on = 1; next } on && /^##/ { exit } on { print }' "$doc")
  if [ -z "$section" ]; then failure "$where" "section 8 has no '### 8.N \`proviso $cmd\`'"; continue; fi
  help=$("$proviso_bin" help "$cmd")
  documented=$(awk '/^```text/ { on = 1; next } on && /^```/ { exit } on { print }' <<< "$section" | tr -s ' \n' ' ' | sed 's/ $//')
  usage=$(awk '/^$/ { exit } { print }' <<< "$help" | sed '1s/^usage: //' | tr -s ' \n' ' ' | sed 's/ $//')
  if [ "$documented" != "$usage" ]; then
    failure "$where" "the usage block differs from 'proviso help $cmd'" "docs:    $documented"$'\n'"program: $usage"
    continue
  fi
  missing=""
  while IFS= read -r opt; do
    [ "$opt" = --help ] && continue
    grep -qF -- "\`$opt" <<< "$section" || missing="$missing $opt"
  done < <(awk '/^options:/ { on = 1; next } on' <<< "$help" | grep -oE '^  (-[a-zA-Z], )?--[a-z-]+' | grep -oE -- '--[a-z-]+$')
  if [ -n "$missing" ]; then failure "$where" "options not described:$missing"; continue; fi
  pass=$((pass + 1))
done

if [ $proviso_blocks -eq 0 ]; then
  failure "docs/language.md" "found no proviso examples"
fi
echo "docs-examples: $pass passed, $fail failed"
[ $fail -eq 0 ]
