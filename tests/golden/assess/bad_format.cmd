assess tests/ok/assessment --name "Research" --framework panel --format pdf
