ask examples/discharge --from health --to housing --format json < /dev/null
