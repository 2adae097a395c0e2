assess tests/ok/assessment --name "Research" --framework panle
