#!/usr/bin/env bash
# Writes the input of the document_3gb_sparse case into the folder $1: a 3 GiB scenario
# file that takes no disk space (sparse).
set -eu
truncate -s 3G "$1/input.json"
