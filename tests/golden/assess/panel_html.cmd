assess tests/ok/assessment --scenario tests/golden/assess/panel_full.json --framework panel --format html
