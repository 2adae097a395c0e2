#!/usr/bin/env bash
# Writes the input of the dotted_path_4097_bytes case into the folder $1: two parts of
# 2,048 bytes joined by a dot, one byte over the limit as a whole.
set -eu
out=$1
part=$(head -c 2048 /dev/zero | tr '\0' 'n')
printf 'sectors { health }\nfact %s.%s: bool\n' "$part" "$part" > "$out/input.proviso"
