"""The command line (`python -m ucj`, the `ucj` console script)."""

from .main import main

__all__ = ["main"]
