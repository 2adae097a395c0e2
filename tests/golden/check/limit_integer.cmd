check --no-analysis tests/fail/limit_integer.proviso
