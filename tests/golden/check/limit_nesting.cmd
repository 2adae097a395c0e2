check --no-analysis tests/fail/limit_nesting.proviso
