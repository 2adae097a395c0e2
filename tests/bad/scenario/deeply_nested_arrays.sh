#!/usr/bin/env bash
# Writes the input of the deeply_nested_arrays case into the folder $1 (too large to commit).
set -eu
out=$1
{
  printf '{"from": "health", "to": "housing", "facts": {"data.categories": '
  head -c 10000 /dev/zero | tr '\0' '['
  head -c 10000 /dev/zero | tr '\0' ']'
  printf '}}'
} > "$out/input.json"
