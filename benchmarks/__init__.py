"""pantau's benchmarks (not run by ``make test``): ``python -m benchmarks [name ...]``."""
