"""The learned sentence scorer: weights read from a small JSON data file.

``python -m evaluation.train_summary`` fits a listwise logistic model (a
softmax over each article's sentences) on the dev sets and writes
``data/summary_model.json``: the feature names, their standardisation (mean
and scale), one weight each, and the redundancy threshold the sentence picker
uses (learned by the same run, so picking and scoring fit each other). Scoring is a dot product, so numpy (already
installed with spaCy) is all it needs.

A missing or malformed file is an error naming the file and the problem,
never a silent fall-back to some other scorer: summaries must not change
quietly because a data file went astray.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

import numpy as np

from generator.analyse.summary_features import FEATURES

MODEL_FILE = "summary_model.json"


class SummaryModelError(RuntimeError):
    """The weights file is missing or not a valid model for these features."""


@dataclass(frozen=True)
class SummaryModel:
    """Standardise each feature, then a weighted sum: higher means more summary-worthy."""

    features: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray
    redundancy: float
    """``summary.select``'s redundancy threshold (see there), chosen by the same training run."""

    def score(self, rows: np.ndarray) -> np.ndarray:
        """One score per row of ``rows`` (columns in ``FEATURES`` order)."""
        if rows.size == 0:
            return np.zeros(len(rows))
        return ((rows - self.mean) / self.scale) @ self.weights

    def to_json(self, extra: dict | None = None) -> str:
        """The weights file's text (``extra`` records how it was trained)."""
        data = {
            "model": "listwise logistic sentence scorer",
            "features": list(self.features),
            "mean": [round(float(x), 6) for x in self.mean],
            "scale": [round(float(x), 6) for x in self.scale],
            "weights": [round(float(x), 6) for x in self.weights],
            "redundancy": round(float(self.redundancy), 6),
        }
        if extra:
            data["trained"] = extra
        return json.dumps(data, indent=1) + "\n"


def default_path() -> Path:
    """Where the shipped weights live (next to this module, under data/)."""
    return Path(str(resources.files("generator.analyse").joinpath("data", MODEL_FILE)))


@cache
def load_model(path: Path | None = None) -> SummaryModel:
    """Read and check the weights file; raises ``SummaryModelError`` saying what is wrong."""
    path = Path(path) if path is not None else default_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SummaryModelError(
            f"{path}: summary model weights missing (run `python -m evaluation.train_summary`)"
        ) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SummaryModelError(f"{path}: summary model weights unreadable ({exc})") from None
    return parse_model(data, str(path))


def parse_model(data: object, where: str = "summary model") -> SummaryModel:
    """Validate a decoded weights file against ``FEATURES``."""
    if not isinstance(data, dict):
        raise SummaryModelError(f"{where}: expected a JSON object")
    features = data.get("features")
    if features != list(FEATURES):
        raise SummaryModelError(f"{where}: features {features!r} do not match the code's {list(FEATURES)!r}")
    arrays = []
    for key in ("mean", "scale", "weights"):
        values = data.get(key)
        if (
            not isinstance(values, list)
            or len(values) != len(FEATURES)
            or not all(isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) for v in values)
        ):
            raise SummaryModelError(f"{where}: {key!r} must be {len(FEATURES)} finite numbers")
        arrays.append(np.array(values, dtype=float))
    if np.any(arrays[1] <= 0):
        raise SummaryModelError(f"{where}: 'scale' must be positive")
    redundancy = data.get("redundancy")
    if not isinstance(redundancy, (int, float)) or isinstance(redundancy, bool) or not 0.0 <= redundancy <= 1.0:
        raise SummaryModelError(f"{where}: 'redundancy' must be a number from 0 to 1")
    return SummaryModel(tuple(FEATURES), *arrays, float(redundancy))
