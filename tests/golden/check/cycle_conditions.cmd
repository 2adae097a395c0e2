check --no-analysis tests/fail/cycle_conditions.proviso
