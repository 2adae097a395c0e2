#!/usr/bin/env bash
# Writes the input of the walk_dangling_link case into the folder $1: a bundle folder
# whose policy file is a symbolic link to nothing.
set -eu
out=$1
mkdir -p "$out/input.bundle"
printf 'sectors { health }\n' > "$out/input.bundle/main.proviso"
ln -s gone.proviso "$out/input.bundle/rules.proviso"
