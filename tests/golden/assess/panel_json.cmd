assess tests/ok/assessment --scenario tests/golden/assess/panel_partial.json --framework panel --format json
