"""The service database: tables, migrations and one module per aggregate."""
