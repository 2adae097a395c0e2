#!/usr/bin/env bash
# Writes the input of the string_1mb_unterminated case into the folder $1 (too large to commit).
set -eu
out=$1
{
  printf 'sectors { health }\nobligation o "'
  head -c 1048576 /dev/zero | tr '\0' 's'
} > "$out/input.proviso"
