check --no-analysis tests/ok/scenarios.proviso
