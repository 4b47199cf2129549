"""Targets and what follows them: the indicator library, the target linter, in-year monitoring
lights, the self-evaluation scored against the original targets, and comparisons.

Pure functions over typed values; the web application stores and shows them.
"""
