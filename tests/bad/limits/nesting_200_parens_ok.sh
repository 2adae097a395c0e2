#!/usr/bin/env bash
# Writes the input of the nesting_200_parens_ok case into the folder $1 (too large to commit).
set -eu
out=$1
{
  printf 'sectors { health }\nfact a: bool\ncondition c = '
  for _ in $(seq 200); do printf '('; done
  printf 'a'
  for _ in $(seq 200); do printf ')'; done
  printf '\npolicy p {\n  rule r: share when c\n}\n'
} > "$out/input.proviso"
