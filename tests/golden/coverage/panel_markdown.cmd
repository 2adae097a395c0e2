coverage tests/ok/assessment --format markdown
