test tests/ok/assessment --coverage-json -
