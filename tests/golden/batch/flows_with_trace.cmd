batch examples/discharge < examples/discharge/flows.jsonl
