check tests/ok/effective_dates.proviso --on 2026-01-01
