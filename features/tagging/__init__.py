"""Sector tagging of text (strength or need) and its evaluation."""
