"""jixiao (绩效): read, check, score and write Chinese budget-performance reports.

The core (everything under this package) is framework-free: no Django import anywhere.
"""

__version__ = "0.1.0"
