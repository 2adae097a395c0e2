ask examples/discharge --from health --to housing --format json < tests/golden/ask/answers_dont_know.txt
