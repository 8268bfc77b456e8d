"""corrections.yml beside the seeds is applied on every build, end to end."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from generator.cli import main
from builds import FIXTURE_SEEDS

ROOT = Path(__file__).resolve().parent.parent


def _build(tmp_path: Path) -> int:
    return main(["build", "--seeds", str(tmp_path / "seeds"), "--content", str(tmp_path / "content"),
                 "--cache", str(tmp_path / "cache"), "--no-site", "--quiet", "--processes", "1"])


def _seeds(tmp_path: Path) -> None:
    (tmp_path / "seeds").mkdir()
    for name in ("002_a65a3486389211ff.txt", "004_00cddac5497fbc3c.txt"):
        shutil.copy(FIXTURE_SEEDS / name, tmp_path / "seeds" / name)


def test_corrections_apply_and_unknown_names_warn_with_line(tmp_path: Path, capsys) -> None:
    _seeds(tmp_path)
    (tmp_path / "seeds" / "corrections.yml").write_text(
        "rename:\n  Recep Tayyip Erdogan: Recep Tayyip Erdoğan\n"
        "type:\n  Houthi: organisation\n"
        "drop:\n  - CNN\n  - Nobody Atall\n",
        encoding="utf-8",
    )
    assert _build(tmp_path) == 0
    err = capsys.readouterr().err
    assert "corrections.yml" in err and "line 7" in err and "Nobody Atall" in err
    data = json.loads((tmp_path / "content" / "dossier.json").read_text(encoding="utf-8"))
    names = {e["name"] for e in data["entities"]}
    assert "Recep Tayyip Erdoğan" in names and "Recep Tayyip Erdogan" not in names
    assert "CNN" not in names
    report = (tmp_path / "content" / "report.md").read_text(encoding="utf-8")
    assert "Nobody Atall" in report


def test_malformed_corrections_stop_the_build_with_a_clear_message(tmp_path: Path, capsys) -> None:
    _seeds(tmp_path)
    (tmp_path / "seeds" / "corrections.yml").write_text("drop: [unclosed\n", encoding="utf-8")
    assert _build(tmp_path) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1].startswith("dossier: error: ") and "corrections.yml" in err[-1] and "line" in err[-1]
