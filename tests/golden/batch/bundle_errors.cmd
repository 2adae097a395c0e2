batch tests/fail/cycle_self.proviso --fields decision < examples/discharge/flows.jsonl
