explain policies/ --name "H2 variant: identifiable records for the company without consent or s251 support" --format json --max 2
