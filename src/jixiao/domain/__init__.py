"""Typed, immutable values of the budget-performance domain."""
