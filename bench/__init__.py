"""Benchmarks: each prints its figure beside a limit measured in the same run (`make bench`)."""
