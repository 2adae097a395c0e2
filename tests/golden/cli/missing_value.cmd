check examples/discharge --format
