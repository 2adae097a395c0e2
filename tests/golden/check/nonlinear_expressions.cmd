check --no-analysis tests/fail/nonlinear_expressions.proviso
