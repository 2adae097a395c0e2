#!/usr/bin/env bash
# Writes the input of the identifier_64kb case into the folder $1 (too large to commit).
set -eu
out=$1
{
  printf 'sectors { health }\nfact '
  head -c 65536 /dev/zero | tr '\0' 'n'
  printf ': bool\npolicy p {\n  rule r: share when '
  head -c 65536 /dev/zero | tr '\0' 'n'
  printf '\n}\n'
} > "$out/input.proviso"
