"""Build the committed catalog from the raw reference data (``partner-match build``)."""
