eval tests/ok/effective_dates.proviso --scenario tests/golden/eval/dated_statute.json --on 2025-02-29
