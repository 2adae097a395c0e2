eval examples/discharge --scenario - --format json < examples/discharge/scenario.json
