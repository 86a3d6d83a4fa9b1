"""The HTTP API: app factory, routes, schemas, dependencies, errors and middleware."""
