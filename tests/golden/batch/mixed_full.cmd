batch examples/discharge --no-trace < tests/golden/batch/mixed.jsonl
