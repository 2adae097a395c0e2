check --no-analysis tests/ok/imports.proviso
