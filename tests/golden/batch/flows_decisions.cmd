batch examples/discharge --fields decision < examples/discharge/flows.jsonl
