#!/usr/bin/env bash
# Writes the input of the string_4096_bytes_ok case into the folder $1 (too large to commit).
set -eu
out=$1
{
  printf 'sectors { health }\nobligation o "'
  head -c 4096 /dev/zero | tr '\0' 's'
  printf '"\n'
} > "$out/input.proviso"
