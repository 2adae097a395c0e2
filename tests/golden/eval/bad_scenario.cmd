eval examples/discharge --scenario tests/golden/eval/bad_scenario.json
