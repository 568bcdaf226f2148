"""netops: run a regional school network from one source of truth."""

__version__ = "0.1.0"
