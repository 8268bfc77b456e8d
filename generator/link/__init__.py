"""link stage of the dossier pipeline."""
