check --no-analysis tests/fail/bad_scenario_values.proviso
