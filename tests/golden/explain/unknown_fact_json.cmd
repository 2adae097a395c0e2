explain examples/discharge --name "Consent not yet recorded" --format json
