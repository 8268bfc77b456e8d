"""ingest stage of the dossier pipeline."""

from .reader import read_seeds

__all__ = ["read_seeds"]
