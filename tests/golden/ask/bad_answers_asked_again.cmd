ask examples/discharge --from health --to housing --format json < tests/golden/ask/answers_bad_then_good.txt
