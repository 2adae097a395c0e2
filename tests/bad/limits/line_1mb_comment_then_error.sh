#!/usr/bin/env bash
# Writes the input of the line_1mb_comment_then_error case into the folder $1 (too large to commit).
set -eu
out=$1
{
  printf 'sectors { health }\n#'
  head -c 1048576 /dev/zero | tr '\0' 'x'
  printf '\nfact when: bool\n'
} > "$out/input.proviso"
