#!/usr/bin/env bash
# Writes the input of the walk_linked_folder_outside_root case into the folder $1: a
# bundle folder holding a symbolic link to a folder outside it.
set -eu
out=$1
mkdir -p "$out/outside" "$out/input.bundle"
printf 'fact secret: bool\n' > "$out/outside/secret.proviso"
printf 'sectors { health }\n' > "$out/input.bundle/main.proviso"
ln -s ../outside "$out/input.bundle/lib"
