#!/usr/bin/env bash
# Every command the README and the walkthrough show is run here, so the docs cannot
# drift from the program: the README's quick start (against this build), each
# `build/proviso ...` line of the README, and each line of examples/walkthrough/commands.txt.
# Each must exit 0 and print what the docs say it prints: its key output is listed in
# `key` below, and a documented command without an entry there fails.
# Usage: tests/docs_commands.sh PROVISO_BINARY
set -u
proviso_bin=$(realpath "$1")
build_dir=$(dirname "$proviso_bin")
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export NO_COLOR=1
bindir=$(mktemp -d)
trap 'rm -rf "$bindir"' EXIT
ln -s "$proviso_bin" "$bindir/proviso"
export PATH="$bindir:$PATH"
pass=0
fail=0

# What each documented command must print (stdout and stderr together), one check a
# line: REGEX (some line matches), N*REGEX (exactly N lines match), or
# file:PATH:REGEX (the command wrote PATH and a line of it matches).
declare -A key
key["quickstart"]='Decision: share
ok: 3 files checked, 1 policy, 3 rules'
key["proviso check --strict policies/"]='^0 errors, 0 warnings
^ok: [0-9]+ files checked, [0-9]+ policies'
key["proviso test policies/"]='^[1-9][0-9]* passed, 0 failed$'
key["proviso eval examples/discharge --scenario examples/discharge/scenario.json --format markdown"]='^\| Decision \| \*\*share\*\* \|$'
key["proviso explain examples/discharge --name \"Patient refuses the referral\""]='^Decision: deny$
^Target: share$
^  1\. 1 change -> share by discharge_to_housing\.duty_to_refer$
^       consent: refused -> given$
^Closest route to share:$'
key["proviso batch examples/discharge --fields decision < examples/discharge/flows.jsonl"]='5*^\{"line":[1-5],"decision":"(share|refer|deny|undetermined)","obligations":\[[a-z_",]*\],"missing":\[[a-z_.",]*\]\}$
^\{"line":1,"decision":"share","obligations":\["minimise","record_consent"\],"missing":\[\]\}$
^\{"line":2,"decision":"deny",'
key["proviso graph examples/discharge | dot -Tsvg > /tmp/graph.svg"]='file:/tmp/graph.svg:<svg'
key["proviso build policies/ -o /tmp/standard.provisoc"]='file:/tmp/standard.provisoc:PROVISO'
key["proviso eval /tmp/standard.provisoc --scenario policies/scenarios/h1_discharge.json"]='^Decision: share$'
key["proviso ask examples/discharge --from health --to housing --format json < examples/discharge/answers.txt"]='^\{"decision":"share","on":"[0-9]{4}-[0-9]{2}-[0-9]{2}","obligations":\["minimise","record_consent"\]
3 question\(s\) asked, 3 answered'
key["proviso test policies/sectors policies/framework examples/council --root ."]='^PASS  N2 the same worry once the hub runs
^2 passed, 0 failed$'
key["proviso check tests/ok/effective_dates.proviso --on 2026-01-01"]='info\[expiring\]: policy `discharge_agreement` ends on 2026-03-31
^ok: 1 file checked, 1 policy, 3 rules'
key["proviso check examples/discharge"]='info\[gap\]
2*info\[unused\]
^ok: 3 files checked, 1 policy, 3 rules'
key["proviso eval examples/discharge --scenario examples/discharge/scenario.json"]='^Decision: share$
^  - minimise: 
^  - record_consent: '
key["proviso eval examples/discharge --scenario examples/discharge/scenario.json --format json"]='^\{"decision":"share","on":"[0-9]{4}-[0-9]{2}-[0-9]{2}","obligations":\["minimise","record_consent"\],"missing":\[\]'
key["proviso eval examples/discharge --name \"Patient refuses the referral\""]='^Decision: deny$
no_consent_no_referral \(deny\) applied'
key["proviso test examples/discharge"]='^PASS  Consent not yet recorded$
^4 passed, 0 failed$'
key["proviso check examples/discharge/vocabulary.proviso examples/walkthrough/council_rule.proviso"]='2*warning\[conflict\]
no_consent_no_referral` \(deny\) and `discharge_to_housing.rough_sleeper_at_serious_risk` \(share\)
no_clinical_notes` \(deny\) and `discharge_to_housing.rough_sleeper_at_serious_risk` \(share\)
^0 errors, 2 warnings'
key["proviso eval examples/discharge/vocabulary.proviso examples/walkthrough/council_rule.proviso --scenario examples/walkthrough/rough_sleeper.json"]='^Decision: deny$
decides deny \(conflict resolved by strictest\)
rough_sleeper_at_serious_risk \(share\) applied'
key["proviso check --strict examples/discharge/vocabulary.proviso examples/walkthrough/council_rule_fixed.proviso"]='^0 errors, 0 warnings'
key["proviso test examples/discharge/vocabulary.proviso examples/walkthrough/council_rule_fixed.proviso"]='^5 passed, 0 failed$'
key["proviso eval examples/discharge/vocabulary.proviso examples/walkthrough/council_rule_fixed.proviso --scenario examples/walkthrough/rough_sleeper.json"]='^Decision: share$
^  - record_decision: '
key["proviso eval examples/discharge/vocabulary.proviso examples/walkthrough/council_rule_fixed.proviso --scenario examples/walkthrough/rough_sleeper.json --format markdown"]='^\| Decision \| \*\*share\*\* \|$'

# Problems with OUTPUT against the checks of NAME, one a line.
key_problems() {  # name, output
  local checks=${key[$1]-} line n re file hits
  if [ -z "$checks" ]; then echo "no key output is listed for this command in tests/docs_commands.sh"; return; fi
  while IFS= read -r line; do
    if [[ $line =~ ^file:([^:]+):(.*)$ ]]; then
      file=${BASH_REMATCH[1]} re=${BASH_REMATCH[2]}
      [ -s "$file" ] || { echo "wrote no $file"; continue; }
      grep -aqE -- "$re" "$file" || echo "$file has no line matching /$re/"
    elif [[ $line =~ ^([0-9]+)\*(.*)$ ]]; then
      n=${BASH_REMATCH[1]} re=${BASH_REMATCH[2]}
      hits=$(printf '%s\n' "$2" | grep -cE -- "$re")
      [ "$hits" = "$n" ] || echo "$hits lines match /$re/, expected $n"
    else
      printf '%s\n' "$2" | grep -qE -- "$line" || echo "no line matches /$line/"
    fi
  done <<< "$checks"
}

run() {  # key name, shell command
  local out problems
  if ! out=$(timeout 300 bash -c "set -o pipefail; $2" 2>&1); then
    fail=$((fail + 1))
    printf 'FAIL %s (exit status)\n  $ %s\n' "$1" "$2"
    printf '%s\n' "$out" | tail -20 | sed 's/^/  | /'
    return
  fi
  problems=$(key_problems "$1" "$out")
  if [ -n "$problems" ]; then
    fail=$((fail + 1))
    printf 'FAIL %s\n  $ %s\n' "$1" "$2"
    printf '%s\n' "$problems" | sed 's/^/  - /'
    printf '%s\n' "$out" | tail -20 | sed 's/^/  | /'
  else
    pass=$((pass + 1))
  fi
}

rm -f /tmp/graph.svg /tmp/standard.provisoc  # written by documented commands: checked fresh
run "quickstart" "PROVISO_BUILD_DIR='$build_dir' bash scripts/quickstart.sh"

readme_lines=0
while IFS= read -r line; do
  readme_lines=$((readme_lines + 1))
  run "proviso ${line#build/proviso }" "proviso ${line#build/proviso }"
done < <(grep -E '^build/proviso ' README.md | sed 's/[[:space:]]*#.*$//')

walk_lines=0
while IFS= read -r line; do
  [ -n "$line" ] || continue
  walk_lines=$((walk_lines + 1))
  grep -qF -- "$line" examples/README.md || { fail=$((fail + 1)); echo "FAIL walkthrough command not in examples/README.md: $line"; }
  run "$line" "$line"
done < examples/walkthrough/commands.txt

if [ "$readme_lines" -eq 0 ] || [ "$walk_lines" -eq 0 ]; then
  echo "FAIL found no commands to run (README: $readme_lines, walkthrough: $walk_lines)"
  fail=$((fail + 1))
fi
echo "docs: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
