"""Queries: the only DuckDB importer."""
