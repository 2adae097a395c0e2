assess tests/ok/assessment --name "Care with good scores" --framework panel --format markdown
