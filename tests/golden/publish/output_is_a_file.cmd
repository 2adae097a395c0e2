publish tests/ok/assessment -o /dev/null/site
