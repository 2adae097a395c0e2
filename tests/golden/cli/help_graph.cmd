graph examples/discharge --policy nobody -h
