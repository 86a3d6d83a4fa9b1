"""The catalog: localities, names, profiles and ties; taxonomy, countries, geometry."""
