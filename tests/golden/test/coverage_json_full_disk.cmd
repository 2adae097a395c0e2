test tests/ok/assessment --coverage-json /dev/full
