#!/usr/bin/env bash
# Writes the input of the import_env_file case into the folder $1: a policy file that
# imports a secrets file beside it.
set -eu
out=$1
printf 'SECRET_TOKEN=do-not-print-me\n' > "$out/.env"
printf 'import ".env"\nsectors { health }\n' > "$out/input.proviso"
