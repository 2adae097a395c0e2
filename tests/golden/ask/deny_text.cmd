ask examples/discharge --from health --to housing < tests/golden/ask/answers_deny.txt
