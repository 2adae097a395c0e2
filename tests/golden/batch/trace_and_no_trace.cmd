batch examples/discharge --trace full --no-trace < examples/discharge/flows.jsonl
