assess tests/ok/assessment --name Research --framework panel -o /dev/full --radar /dev/null
