"""dossier: turn a folder of news articles into a linked, searchable briefing site.

The pipeline is visible in the sub-packages: ingest -> analyse -> link -> render -> site.
"""

__version__ = "0.1.0"
