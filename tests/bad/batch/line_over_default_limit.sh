#!/usr/bin/env bash
# Writes the input of the line_over_default_limit case into the folder $1 (too large to commit).
set -eu
out=$1
{
  printf '%s\n' '{"from": "health", "to": "housing", "facts": {"consent": "implied", "purpose": "direct_care", "risk.score": 2}}'
  printf '{"from": "health", "to": "housing", "facts": {"consent": "'
  head -c 2000000 /dev/zero | tr '\0' 'i'
  printf '"}}\n'
  printf '%s\n' '{"from": "health", "to": "housing", "facts": {"consent": "implied", "purpose": "direct_care", "risk.score": 2}}'
} > "$out/input.jsonl"
