check tests/ok/effective_dates.proviso --on 2026-01-01 --expiry-window 30 --no-analysis
