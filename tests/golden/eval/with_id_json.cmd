eval examples/discharge --scenario tests/golden/eval/with_id.json --format json --trace none
