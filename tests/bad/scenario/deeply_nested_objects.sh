#!/usr/bin/env bash
# Writes the input of the deeply_nested_objects case into the folder $1 (too large to commit).
set -eu
out=$1
{
  printf '{"from": "health", "to": "housing", "facts": '
  for _ in $(seq 100); do printf '{"g": '; done
  printf 'true'
  for _ in $(seq 100); do printf '}'; done
  printf '}'
} > "$out/input.json"
