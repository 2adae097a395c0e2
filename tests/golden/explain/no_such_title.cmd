explain examples/discharge --name "No such scenario"
