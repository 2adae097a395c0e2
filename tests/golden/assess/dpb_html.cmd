assess policies/ --scenario policies/scenarios/h1_discharge.json --framework dpb --format html
