batch examples/discharge --trace none < tests/golden/batch/ids.jsonl
