batch examples/discharge --fields decision < tests/golden/batch/mixed.jsonl
