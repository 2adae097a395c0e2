#!/usr/bin/env bash
# Writes the input of the file_dev_zero case into the folder $1: a source "file" that
# never ends (a link to /dev/zero).
set -eu
ln -s /dev/zero "$1/input.proviso"
