test tests/ok/scenarios.proviso
