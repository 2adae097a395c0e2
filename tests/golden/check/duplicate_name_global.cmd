check --no-analysis tests/fail/duplicate_name_global.proviso
