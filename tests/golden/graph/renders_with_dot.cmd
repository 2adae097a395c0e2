graph examples/discharge | dot -Tsvg | grep -c "<svg"
