#!/usr/bin/env bash
# Writes the input of the nesting_100k_parens case into the folder $1 (too large to commit).
set -eu
out=$1
{
  printf 'sectors { health }\nfact a: bool\ncondition c = '
  head -c 100000 /dev/zero | tr '\0' '('
  printf 'a'
  head -c 100000 /dev/zero | tr '\0' ')'
  printf '\n'
} > "$out/input.proviso"
