coverage tests/ok/assessment --format json
