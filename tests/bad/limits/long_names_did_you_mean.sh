#!/usr/bin/env bash
# Writes the input of the long_names_did_you_mean case into the folder $1.
set -eu
out=$1
name=$(head -c 4000 /dev/zero | tr '\0' 'x')
{
  printf 'sectors { health }\n'
  for i in $(seq 0 19); do printf 'fact %s%d: bool\n' "$name" "$i"; done
  printf 'condition c = %sy\n' "$name"
} > "$out/input.proviso"
