#!/usr/bin/env bash
# Writes the input of the key_over_4096 case into the folder $1 (too large to commit).
set -eu
out=$1
{
  printf '{"from": "health", "to": "housing", "facts": {"'
  head -c 5000 /dev/zero | tr '\0' 'k'
  printf '": true}}'
} > "$out/input.json"
