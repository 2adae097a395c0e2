eval examples/discharge --name "Consent not yet recorded" --format markdown
