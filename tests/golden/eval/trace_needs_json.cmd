eval examples/discharge --name "Consent not yet recorded" --trace minimal
