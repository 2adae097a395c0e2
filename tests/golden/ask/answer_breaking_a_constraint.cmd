ask tests/ok/effective_dates.proviso --from health --to housing --on 2025-06-01 < tests/golden/ask/constraint_answers.txt
