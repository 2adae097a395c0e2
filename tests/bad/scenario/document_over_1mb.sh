#!/usr/bin/env bash
# Writes the input of the document_over_1mb case into the folder $1 (too large to commit).
set -eu
out=$1
{
  printf '{"from": "health", "to": "housing", "facts": {"consent": "implied"}}'
  yes '                                                                               ' | head -c 1100000
} > "$out/input.json"
