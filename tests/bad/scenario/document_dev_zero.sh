#!/usr/bin/env bash
# Writes the input of the document_dev_zero case into the folder $1: a scenario that
# never ends (a link to /dev/zero).
set -eu
ln -s /dev/zero "$1/input.json"
