eval examples/discharge --scenario examples/discharge/scenario.json
