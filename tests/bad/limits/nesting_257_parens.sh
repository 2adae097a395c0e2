#!/usr/bin/env bash
# Writes the input of the nesting_257_parens case into the folder $1 (too large to commit).
set -eu
out=$1
{
  printf 'sectors { health }\nfact a: bool\ncondition c = '
  for _ in $(seq 257); do printf '('; done
  printf 'a'
  for _ in $(seq 257); do printf ')'; done
  printf '\n'
} > "$out/input.proviso"
