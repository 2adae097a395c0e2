batch examples/discharge --max-line 0 < examples/discharge/flows.jsonl
