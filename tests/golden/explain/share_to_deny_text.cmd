explain examples/discharge --name "Patient threatened with homelessness, consent given" --max 5
