batch examples/discharge --trace full < examples/discharge/flows.jsonl
