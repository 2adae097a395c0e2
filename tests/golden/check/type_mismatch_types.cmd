check --no-analysis tests/fail/type_mismatch_types.proviso
