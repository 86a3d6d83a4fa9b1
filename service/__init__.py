"""Adapters around the matcher: CLI, HTTP API, storage and the web page."""
