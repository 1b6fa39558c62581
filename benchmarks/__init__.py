"""Benchmarks: each measures the product's code next to a floor measured in the same run."""
