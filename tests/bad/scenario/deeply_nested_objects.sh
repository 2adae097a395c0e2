#!/usr/bin/env bash
# Writes the input of the deeply_nested_objects case into the folder $1.
set -eu
out=$1
{
  printf '{"from": "health", "to": "housing", "facts": '
  for i in $(seq 1 40); do printf '{"g%d": ' "$i"; done
  printf '{"leaf": true}'
  for _ in $(seq 40); do printf '}'; done
  printf '}\n'
} > "$out/input.json"
