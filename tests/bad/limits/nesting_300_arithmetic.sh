#!/usr/bin/env bash
# Writes the input of the nesting_300_arithmetic case into the folder $1 (too large to commit).
set -eu
out=$1
{
  printf 'sectors { health }\nfact n: int\ncondition c = '
  for _ in $(seq 300); do printf 'n + ('; done
  printf 'n'
  for _ in $(seq 300); do printf ')'; done
  printf ' > 5\n'
} > "$out/input.proviso"
