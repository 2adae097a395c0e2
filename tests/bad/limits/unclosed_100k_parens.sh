#!/usr/bin/env bash
# Writes the input of the unclosed_100k_parens case into the folder $1 (too large to commit).
set -eu
out=$1
{
  printf 'sectors { health }\nfact a: bool\ncondition c = '
  head -c 100000 /dev/zero | tr '\0' '('
} > "$out/input.proviso"
