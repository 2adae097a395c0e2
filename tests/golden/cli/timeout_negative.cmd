check examples/discharge --timeout -5
