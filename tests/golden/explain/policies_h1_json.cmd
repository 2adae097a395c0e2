explain policies/ --scenario policies/scenarios/h1_discharge.json --format json
