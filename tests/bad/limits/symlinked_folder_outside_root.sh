#!/usr/bin/env bash
# Writes the input of the symlinked_folder_outside_root case into the folder $1.
set -eu
out=$1
mkdir -p "$out/outside" "$out/root"
printf 'fact secret: bool\n' > "$out/outside/secret.proviso"
ln -s "$out/outside" "$out/root/lib"
printf 'import "lib/secret.proviso"\nsectors { health }\n' > "$out/root/main.proviso"
# The bundle root is the folder of the named file: name it through a link to root/.
ln -s "$out/root/main.proviso" "$out/input.proviso"
