"""Vigía's benchmarks: every figure is reported next to a baseline measured in the same run."""
