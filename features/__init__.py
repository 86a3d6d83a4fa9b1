"""Catalog, taxonomy, text and indicator features: everything the matcher reads.

Data flows one way: ``data/`` → ``features`` → ``matcher`` → ``service``.
"""
