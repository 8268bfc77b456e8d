"""The link stage's cached place index, and the link stage leaving the garbage collector as it was."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from generator.link import dossier as dossier_module
from generator.link import gazetteer
from generator.link.corrections import CorrectionsError
from generator.link.dossier import link_dossier


@pytest.fixture()
def builds(monkeypatch) -> list[int]:
    """Each time the index is built from the packages' data; the process starts with no index."""
    monkeypatch.setattr(gazetteer, "_INDEX", None)
    calls: list[int] = []
    original = gazetteer._build_places

    def counting():
        calls.append(1)
        return original()

    monkeypatch.setattr(gazetteer, "_build_places", counting)
    return calls


def fresh_process(monkeypatch) -> None:
    monkeypatch.setattr(gazetteer, "_INDEX", None)


def test_index_is_built_once_then_loaded(tmp_path: Path, builds: list[int], monkeypatch) -> None:
    assert gazetteer.load_places(tmp_path) == []
    assert len(builds) == 1
    built = gazetteer._places()
    assert (tmp_path / gazetteer.CACHE_FILE).is_file()
    fresh_process(monkeypatch)
    assert gazetteer.load_places(tmp_path) == []
    assert len(builds) == 1, "the second process must load the index, not build it"
    assert gazetteer._places() == built
    assert list(gazetteer._places()) == list(built)
    assert gazetteer.lookup_place("Kiev").name == "Kyiv"


def test_changed_code_or_packages_rebuild_the_index(tmp_path: Path, builds: list[int], monkeypatch) -> None:
    gazetteer.load_places(tmp_path)
    fresh_process(monkeypatch)
    monkeypatch.setattr(gazetteer, "_cache_version", lambda: "another-version")
    assert gazetteer.load_places(tmp_path) == []
    assert len(builds) == 2
    fresh_process(monkeypatch)
    gazetteer.load_places(tmp_path)
    assert len(builds) == 2


@pytest.mark.parametrize("damage", ["flip", "truncate", "garbage"])
def test_damaged_index_is_reported_and_built_again(tmp_path: Path, builds: list[int], monkeypatch, damage: str) -> None:
    gazetteer.load_places(tmp_path)
    built = gazetteer._places()
    path = tmp_path / gazetteer.CACHE_FILE
    data = bytearray(path.read_bytes())
    if damage == "flip":
        at = data.index(b'"kyiv"') + 2
        data[at] = ord("X")  # still valid JSON; only the checksum tells
    elif damage == "truncate":
        data = data[: len(data) // 2]
    else:
        data = bytearray(b"\x00\x01 not a cache")
    path.write_bytes(bytes(data))
    fresh_process(monkeypatch)
    problems = gazetteer.load_places(tmp_path)
    assert len(problems) == 1 and problems[0].severity == "warning"
    assert "place index cache unusable" in problems[0].message and problems[0].source == str(path)
    assert len(builds) == 2
    assert gazetteer._places() == built
    fresh_process(monkeypatch)
    assert gazetteer.load_places(tmp_path) == []  # written again, sound
    assert len(builds) == 2


def test_no_cache_builds_in_memory_and_writes_nothing(tmp_path: Path, builds: list[int]) -> None:
    assert gazetteer.load_places(None) == []
    assert builds == []  # built on first use
    assert gazetteer.lookup_place("Kyiv") is not None
    assert len(builds) == 1
    link_dossier([], tmp_path / "corrections.yml", cache_root=None)
    assert not any(tmp_path.iterdir())


def test_link_reports_a_damaged_index(tmp_path: Path, builds: list[int], monkeypatch) -> None:
    gazetteer.load_places(tmp_path / "cache")
    (tmp_path / "cache" / gazetteer.CACHE_FILE).write_bytes(b"nonsense")
    fresh_process(monkeypatch)
    result = link_dossier([], tmp_path / "corrections.yml", cache_root=tmp_path / "cache")
    assert [p.message.split(" (")[0] for p in result.problems] == ["place index cache unusable"]


def test_link_leaves_the_garbage_collector_as_it_found_it(tmp_path: Path, monkeypatch) -> None:
    assert gc.isenabled()
    seen: list[bool] = []
    original = dossier_module._link

    def spy(*args):
        seen.append(gc.isenabled())
        return original(*args)

    monkeypatch.setattr(dossier_module, "_link", spy)
    link_dossier([], tmp_path / "corrections.yml")
    assert seen == [False] and gc.isenabled()
    (tmp_path / "corrections.yml").write_text("merge: [unclosed\n", encoding="utf-8")
    with pytest.raises(CorrectionsError):
        link_dossier([], tmp_path / "corrections.yml")
    assert gc.isenabled()
    gc.disable()
    try:
        link_dossier([], tmp_path / "none.yml")
        assert not gc.isenabled()
    finally:
        gc.enable()
