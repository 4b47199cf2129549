"""jixiao (绩效): read, check, score and write Chinese budget-performance reports.

The core (everything under this package) is framework-free: no Django import anywhere.
"""

__version__ = "0.1.0"

import logging as _logging

# A library logs only where its user asks it to: never a traceback on a user's screen.
_logging.getLogger("jixiao").addHandler(_logging.NullHandler())
