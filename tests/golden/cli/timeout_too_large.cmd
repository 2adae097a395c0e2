check examples/discharge --timeout 4294967296
