"""UCJ (Universal Coverage Jamsostek) dashboard library: ingest, store, queries, arithmetic."""

__version__ = "0.1.0"
