batch tests/ok/effective_dates.proviso --fields decision < tests/golden/batch/constraint_lines.jsonl
