"""ingest stage of the dossier pipeline."""

from .history import read_added_dates
from .reader import read_seeds

__all__ = ["read_added_dates", "read_seeds"]
