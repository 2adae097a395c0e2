publish tests/ok/assessment
