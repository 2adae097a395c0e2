check examples/discharge --format json --no-analysis
