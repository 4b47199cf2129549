"""Scoring by frameworks kept as data: load a framework, score a report or a data file.

from jixiao.scoring import engine, frameworks
card = engine.score(report, frameworks.load("dept-overall-b"))
"""
