"""ingest stage of the dossier pipeline."""

from .corrections import CorrectionsError, load_corrections
from .history import read_added_dates
from .reader import read_seeds

__all__ = ["CorrectionsError", "load_corrections", "read_added_dates", "read_seeds"]
