#!/usr/bin/env bash
# Writes the input of the file_over_8mb case into the folder $1 (too large to commit).
set -eu
out=$1
{
  printf 'sectors { health }\n'
  yes '# padding padding padding padding padding padding padding padding padding' | head -c 8400000
} > "$out/input.proviso"
