check --strict tests/ok/assessment
