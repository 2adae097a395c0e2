eval tests/ok/effective_dates.proviso --scenario tests/golden/eval/dated_statute.json --format json | python3 -c "import json,sys; print(json.load(sys.stdin)[\"on\"])"
