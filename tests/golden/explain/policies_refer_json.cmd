explain policies/ --name "H3 variant: a company as controller building its product from pseudonymised records" --format json --max 2
