diff tests/ok/effective_dates.proviso --on-old 2024-06-01 --on-new 2025-06-01
