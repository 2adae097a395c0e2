batch examples/discharge --fields decision --max-line 100 < examples/discharge/flows.jsonl
