"""Settings split by concern; the environment is read in base.py only."""
