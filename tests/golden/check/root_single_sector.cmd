check --no-analysis --root policies policies/sectors/health.proviso
