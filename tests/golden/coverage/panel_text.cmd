coverage tests/ok/assessment
