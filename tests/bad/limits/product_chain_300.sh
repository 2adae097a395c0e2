#!/usr/bin/env bash
# Writes the input of the product_chain_300 case into the folder $1.
set -eu
out=$1
{
  printf 'sectors { health }\nfact n: int\ncondition c = n'
  yes ' * 2' | head -n 300 | tr -d '\n'
  printf ' > 5\n'
} > "$out/input.proviso"
