"""Scoring, ranking, explanation and evaluation of partner candidates."""
