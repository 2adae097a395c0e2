#!/usr/bin/env bash
# Writes the input of the deeply_nested_line case into the folder $1 (too large to commit).
set -eu
out=$1
{
  head -c 50000 /dev/zero | tr '\0' '['
  head -c 50000 /dev/zero | tr '\0' ']'
  printf '\n%s\n' '{"from": "health", "to": "housing", "facts": {"consent": "implied", "purpose": "direct_care", "risk.score": 2}}'
} > "$out/input.jsonl"
