"""Every check that pins an internal of Material for MkDocs or MkDocs, in one place.

dossier uses public routes where they exist. Where only an internal will do
(a copy of Material's base.html, the name of its search worker, the Lunr files
that worker imports, MkDocs' private page-building helpers), the dependency is
pinned in pyproject.toml and checked here. When an upgrade trips one of these
tests, the message says what to redo; nothing else in the suite should fail
for that reason alone.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import material
import mkdocs
import pytest

ROOT = Path(__file__).resolve().parent.parent
OURS = (ROOT / "theme" / "base.html").read_text(encoding="utf-8")
MATERIAL = Path(material.__file__).parent / "templates" / "base.html"
# sha256 of the Material 9.8.2 base.html our copy was made from.
MADE_FROM = "a919e32d2225e09ecbdeb8076ca6ce9ca0836329760bf7871a04172569b77842"


MATERIAL_TEMPLATES = MATERIAL.parent
UPGRADE = "Material for MkDocs or MkDocs changed under us (pinned in pyproject.toml): "


def test_materials_base_is_the_one_our_copy_was_made_from() -> None:
    assert hashlib.sha256(MATERIAL.read_bytes()).hexdigest() == MADE_FROM, (
        UPGRADE + "Material's base.html is not the one theme/base.html was copied from. Copy the new "
        "templates/base.html over theme/base.html, redo the changes listed in test_our_copy_differs_only_by_its_changes, "
        "then put the new file's sha256 in MADE_FROM."
    )


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
    # Titles and meta values escaped after striptags (which decodes &#60; back into <): issue 11.
    for value in ("page.meta.description", "page.meta.author", "page.meta.title", "page.title | striptags"):
        plain = "{{ %s }}" % value
        escaped = "{{ %s | e }}" % (value if "striptags" in value else value + " | striptags")
        assert plain in theirs and escaped in OURS and plain not in OURS
        theirs = theirs.replace(plain, escaped)
    for removed in (
        '        {% if "navigation.top" in features %}\n          {% include "partials/top.html" %}\n        {% endif %}\n',
        '    <div class="md-dialog" data-md-component="dialog">\n      <div class="md-dialog__inner md-typeset"></div>\n    </div>\n',
        # The search toggle: only search's dialog (written by frame.js) uses it; frame.js writes it too.
        '    <input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">\n',
    ):
        assert removed in theirs and removed not in OURS
        theirs = theirs.replace(removed, "")
    assert restored == theirs[theirs.index("-#}") :], (
        "theme/base.html differs from Material's base.html by more than the changes listed in this test: "
        "either list the new change here (with why) or take it out of theme/base.html."
    )


def test_the_lunr_rule_is_still_the_one_in_materials_search_worker() -> None:
    """generator/site/prune.py keeps only the Lunr files the worker imports; the rule is read from its code."""
    worker = next((MATERIAL_TEMPLATES / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
    code = worker.read_text(encoding="utf-8")
    for piece in ('case"ja":r.push(`${e}/tinyseg.js`)', 'case"hi":case"th":r.push(`${e}/wordcut.js`)',
                  'n!=="en"&&r.push(`${e}/min/lunr.${n}.min.js`)', "t.lang.length>1&&r.push(`${e}/min/lunr.multi.min.js`)",
                  "importScripts(`${e}/min/lunr.stemmer.support.min.js`"):
        assert piece in code, (
            UPGRADE + f"the search worker no longer has {piece!r}. Read which Lunr files the new worker imports "
            "and update lunr_files_needed in generator/site/prune.py (and its tests in tests/test_prune.py)."
        )


def test_the_search_worker_and_page_configuration_are_where_frame_js_expects_them() -> None:
    """theme/assets/javascripts/frame.js names the worker and writes #__config, which the bundle reads."""
    worker = re.search(r'"search": "(assets/javascripts/workers/search\.[0-9a-f]+\.min\.js)"', MATERIAL.read_text(encoding="utf-8"))
    assert worker and (MATERIAL_TEMPLATES / worker.group(1)).is_file(), (
        UPGRADE + "base.html no longer names its search worker as before; frame.js takes the name from the "
        "same place, so check theme/assets/javascripts/frame.js still finds it."
    )
    bundle = next((MATERIAL_TEMPLATES / "assets" / "javascripts").glob("bundle.*.min.js")).read_text(encoding="utf-8")
    assert 'j("#__config")' in bundle, (
        UPGRADE + "the bundle no longer reads its configuration from #__config; frame.js writes that element, so "
        "update frame.js to write what the new bundle reads."
    )


@pytest.mark.parametrize("helper", ["_populate_page", "_build_theme_template", "_build_extra_template", "_build_page"])
def test_mkdocs_private_build_helpers_are_still_there(helper: str) -> None:
    """generator/site/parallel.py drives MkDocs' own per-page steps in forked workers."""
    from mkdocs.commands import build as mk

    assert mkdocs.__version__ == "1.6.1" and callable(getattr(mk, helper, None)), (
        UPGRADE + f"mkdocs.commands.build.{helper} is gone or MkDocs is not 1.6.1. generator/site/parallel.py "
        "calls it; port the driver to the new build steps, or have can_build_in_parallel return False so the "
        "plain serial build runs, then check tests/test_parallel_site.py."
    )
