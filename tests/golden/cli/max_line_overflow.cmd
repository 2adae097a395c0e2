batch examples/discharge --max-line 99999999999999999999999 < examples/discharge/flows.jsonl
