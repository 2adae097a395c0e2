batch examples/discharge --fields decision < tests/golden/batch/ids.jsonl
