"""The ``partner-match`` command line, one module per command group."""
