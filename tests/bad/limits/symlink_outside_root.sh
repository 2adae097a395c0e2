#!/usr/bin/env bash
# Writes the input of the symlink_outside_root case into the folder $1 (too large to commit).
set -eu
out=$1
mkdir -p "$out/outside"
printf 'fact secret: bool\n' > "$out/outside/secret.proviso"
mkdir -p "$out/root"
ln -s "$out/outside/secret.proviso" "$out/root/link.proviso"
printf 'import "link.proviso"\nsectors { health }\n' > "$out/input.proviso"
# The bundle root is the folder of the named file, so the file must live in root/.
mv "$out/input.proviso" "$out/root/main.proviso"
ln -s "$out/root/main.proviso" "$out/input.proviso"
