#!/usr/bin/env bash
# Writes the input of the nesting_300_not case into the folder $1 (too large to commit).
set -eu
out=$1
{
  printf 'sectors { health }\nfact a: bool\ncondition c = '
  for _ in $(seq 300); do printf 'not '; done
  printf 'a\n'
} > "$out/input.proviso"
