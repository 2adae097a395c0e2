#!/usr/bin/env bash
# Writes the input of the and_chain_10000_conditions case into the folder $1 (too large to commit).
set -eu
out=$1
{
  printf 'sectors { health }\nfact a: bool\n'
  for i in $(seq 0 9999); do printf 'condition c%d = a\n' "$i"; done
  printf 'condition all = c0'
  for i in $(seq 1 9999); do printf ' and c%d' "$i"; done
  printf '\npolicy p {\n  rule r: share when all\n}\n'
} > "$out/input.proviso"
