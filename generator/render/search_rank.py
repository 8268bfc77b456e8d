"""How strongly search favours a page: entity pages by how much the dossier covers them.

Material for MkDocs reads ``search.boost`` from a page's front matter and lunr
multiplies the page's score by it. A person named 22 times should come before a
fragment named once that happens to share the surname ("McCallum" must find Doug
McCallum before "McCallum's council"), so the boost grows with the mentions:
1 for a single mention (as every other page), then logarithmically, so that
coverage orders entities without burying the articles themselves.
"""

from __future__ import annotations

import math


def search_boost(mentions: int) -> float:
    """1 + ln(mentions), two decimals: 1.0 at one mention, 4.09 at 22, 5.61 at 100."""
    return round(1.0 + math.log(max(1, mentions)), 2)
