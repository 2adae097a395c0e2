explain examples/discharge --scenario examples/discharge/scenario.json --from housing --format json
