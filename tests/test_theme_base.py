"""theme/base.html is Material's base.html with three changes; Material's file must not move under it."""

from __future__ import annotations

import hashlib
from pathlib import Path

import material

ROOT = Path(__file__).resolve().parent.parent
OURS = (ROOT / "theme" / "base.html").read_text(encoding="utf-8")
MATERIAL = Path(material.__file__).parent / "templates" / "base.html"
# sha256 of the Material 9.8.2 base.html our copy was made from.
MADE_FROM = "a919e32d2225e09ecbdeb8076ca6ce9ca0836329760bf7871a04172569b77842"


def test_materials_base_is_the_one_our_copy_was_made_from() -> None:
    """An upgrade of Material that changes base.html fails here: copy it again and redo the changes."""
    assert hashlib.sha256(MATERIAL.read_bytes()).hexdigest() == MADE_FROM


def test_our_copy_differs_only_by_its_changes() -> None:
    theirs = MATERIAL.read_text(encoding="utf-8")
    restored = OURS[OURS.index("-#}") :]  # our header comment replaces Material's
    restored = restored.replace(
        '    {% if self.announce() %}\n    <div data-md-component="announce">', '    <div data-md-component="announce">'
    ).replace("    </div>\n    {% endif %}\n    {% if config.extra.version %}", "    </div>\n    {% if config.extra.version %}")
    # Material's page configuration block, emptied: frame.js writes the configuration.
    start = theirs.index("    {% block config %}\n")
    end = theirs.index("    {% endblock %}\n", start) + len("    {% endblock %}\n")
    assert "<script id=\"__config\"" in theirs[start:end] and "{% block config %}{% endblock %}" in OURS
    theirs = theirs[:start] + "    {% block config %}{% endblock %}\n" + theirs[end:]
    for removed in (
        '        {% if "navigation.top" in features %}\n          {% include "partials/top.html" %}\n        {% endif %}\n',
        '    <div class="md-dialog" data-md-component="dialog">\n      <div class="md-dialog__inner md-typeset"></div>\n    </div>\n',
    ):
        assert removed in theirs and removed not in OURS
        theirs = theirs.replace(removed, "")
    assert restored == theirs[theirs.index("-#}") :]
