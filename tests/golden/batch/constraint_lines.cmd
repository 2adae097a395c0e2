batch tests/ok/effective_dates.proviso --no-trace < tests/golden/batch/constraint_lines.jsonl
