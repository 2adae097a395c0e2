#!/usr/bin/env bash
# Writes the input of the ten_thousand_lines case into the folder $1 (too large to commit).
set -eu
out=$1
for i in $(seq 1 10000); do
  if [ $((i % 10)) -eq 0 ]; then printf '{"from": "health", "to": "housing", "facts": {"consent": %d}}\n' "$i"
  else printf '%s\n' '{"from": "health", "to": "housing", "facts": {"consent": "implied", "purpose": "direct_care", "risk.score": 2}}'; fi
done > "$out/input.jsonl"
