assess tests/ok/assessment --name "Research"
