"""The Django applications of jixiao: one per part of the yearly cycle."""
