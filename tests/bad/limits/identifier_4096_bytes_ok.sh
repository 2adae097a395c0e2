#!/usr/bin/env bash
# Writes the input of the identifier_4096_bytes_ok case into the folder $1.
set -eu
out=$1
name=$(head -c 4096 /dev/zero | tr '\0' 'n')
printf 'sectors { health }\nfact %s: bool\npolicy p {\n  rule r: share when %s\n}\n' "$name" "$name" > "$out/input.proviso"
