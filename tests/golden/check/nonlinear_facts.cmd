check --no-analysis tests/fail/nonlinear_facts.proviso
