eval examples/discharge --name "No such scenario"
