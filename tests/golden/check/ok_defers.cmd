check --no-analysis tests/ok/defers.proviso
