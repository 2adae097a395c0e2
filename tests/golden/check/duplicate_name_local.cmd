check --no-analysis tests/fail/duplicate_name_local.proviso
