diff tests/ok/effective_dates.proviso --on-old 2025-06-01 --on-new 2026-06-01 --format json
