eval examples/discharge --name "Consent not yet recorded" --format json --trace minimal
