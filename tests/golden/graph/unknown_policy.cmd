graph examples/discharge --policy nobody
