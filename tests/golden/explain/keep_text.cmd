explain examples/discharge --name "Referral with clinical notes attached" --keep data.categories,consent
