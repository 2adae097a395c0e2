#!/usr/bin/env bash
# Writes the input of the sum_chain_100k case into the folder $1.
set -eu
out=$1
{
  printf 'sectors { health }\nfact n: int\ncondition c = n'
  yes ' + n' | head -n 100000 | tr -d '\n'
  printf ' > 5\npolicy p {\n  rule r: share when c\n}\n'
} > "$out/input.proviso"
