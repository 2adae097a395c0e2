#!/usr/bin/env bash
# Writes the input of the or_chain_1mb_line case into the folder $1 (too large to commit).
set -eu
out=$1
{
  printf 'sectors { health }\nfact a: bool\ncondition c = a'
  yes ' or a' | head -n 170000 | tr -d '\n'
  printf '\npolicy p {\n  rule r: share when c\n}\n'
} > "$out/input.proviso"
