#!/usr/bin/env bash
# Writes the input of the line_1mb_garbage case into the folder $1 (too large to commit).
set -eu
out=$1
{
  printf 'sectors { health }\n'
  head -c 1048576 /dev/zero | tr '\0' '$'
  printf '\n'
} > "$out/input.proviso"
