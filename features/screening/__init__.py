"""Inbound letters: structured facts (party, offers, seeks, flags) and concreteness."""
