#!/usr/bin/env bash
# Writes the input of the deeply_nested_line case into the folder $1.
set -eu
out=$1
{
  printf '{"from": "health", "to": "housing", "facts": '
  for i in $(seq 1 40); do printf '{"g%d": ' "$i"; done
  printf '{"leaf": true}'
  for _ in $(seq 40); do printf '}'; done
  printf '}\n'
  printf '{"from": "health", "to": "housing", "facts": {"g1.g2.g3.g4.g5.g6.g7.g8.g9.g10.g11.g12.g13.g14.g15.g16.g17.g18.g19.g20.g21.g22.g23.g24.g25.g26.g27.g28.g29.g30.g31.g32.g33.g34.g35.g36.g37.g38.g39.g40.leaf": true}}\n'
} > "$out/input.jsonl"
