"""analyse stage of the dossier pipeline."""
