check tests/ok/effective_dates.proviso --on 2026-06-01 --no-analysis
