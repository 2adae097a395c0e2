check examples/discharge --format jsno
