check --no-analysis tests/fail/type_mismatch_compare.proviso
