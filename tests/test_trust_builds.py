"""Issue 11, builds: one build per output at a time, nothing left behind, --strict keeps a site.

Through the ``dossier`` command: a second build on a locked output stops
with a line; staging folders a killed build left are removed (and nothing
else beside the site); forked workers die with a build killed by SIGKILL;
``--strict`` over an empty seeds folder fails and keeps the old site; a
tampered picture cache entry is never pasted into a page.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from hostile_site import run_dossier
from generator.outputs import BuildLock
from builds import FIXTURE_SEEDS

ROOT = Path(__file__).resolve().parent.parent


def _tree(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("trust-builds")
    code, lines = run_dossier(tmp, FIXTURE_SEEDS)
    assert code == 0, lines
    return tmp


def test_a_second_build_on_a_locked_output_stops_with_a_line(built: Path) -> None:
    before = _tree(built / "site")
    with BuildLock([built / "site"]):
        code, lines = run_dossier(built, FIXTURE_SEEDS)
    assert code == 1
    assert len(lines) == 1 and "another dossier build (pid" in lines[0] and "is writing it" in lines[0], lines
    assert _tree(built / "site") == before
    assert run_dossier(built, FIXTURE_SEEDS)[0] == 0  # the lock went with its holder


def test_leftover_staging_folders_are_removed_and_nothing_else(built: Path) -> None:
    for name in (".site-staging-k1ll3d9x", ".site-old-424242"):
        (built / name / "assets").mkdir(parents=True)
        (built / name / "index.html").write_text("half a site", encoding="utf-8")
    (built / ".site-notes").mkdir()
    (built / ".site-notes" / "mine.txt").write_text("mine", encoding="utf-8")
    code, lines = run_dossier(built, FIXTURE_SEEDS)
    assert code == 0, lines
    assert not (built / ".site-staging-k1ll3d9x").exists() and not (built / ".site-old-424242").exists()
    assert (built / ".site-notes" / "mine.txt").read_text(encoding="utf-8") == "mine"
    assert not [p for p in built.iterdir() if p.name.startswith(".site-") and p.name != ".site-notes"]


def test_strict_build_of_an_empty_seeds_folder_fails_and_keeps_the_site(built: Path) -> None:
    before = _tree(built / "site")
    (built / "empty-seeds").mkdir(exist_ok=True)
    code, lines = run_dossier(built, built / "empty-seeds", "--strict")
    assert code != 0 and "no readable articles" in lines[-1] and "--strict" in lines[-1], lines
    assert _tree(built / "site") == before and len(before) > 20


def test_a_tampered_picture_cache_entry_is_not_pasted_into_a_page(built: Path) -> None:
    figures = sorted((built / "cache" / "figures").glob("*.svg"))
    assert figures
    for path in figures:
        path.write_text('<svg><script>window.__pwned=1</script><text>TAMPERED</text></svg>', encoding="utf-8")
    (built / "cache" / "figures" / "keep-me.txt").write_text("not an entry", encoding="utf-8")
    code, lines = run_dossier(built, FIXTURE_SEEDS)
    assert code == 0, lines
    for page in list((built / "site").rglob("*.html")) + list((built / "content").rglob("*.md")):
        assert "TAMPERED" not in page.read_text(encoding="utf-8"), page
    assert all(not path.read_text(encoding="utf-8").startswith("<svg><script>") for path in figures if path.exists())
    assert (built / "cache" / "figures" / "keep-me.txt").is_file()  # prune removes only its own entries


def _children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.add(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
def test_forked_workers_die_with_a_killed_build(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for n in range(40):  # enough articles for two analysis workers
        (seeds / f"s{n:02d}.txt").write_text(
            f"Report number {n} on the harbour\n\nDock workers in port {n} returned to work on Thursday after a strike "
            f"ended, said Maria Okafor{n}, who chairs the union.\n\nThe harbour authority said ship {n} was unloaded.\n",
            encoding="utf-8",
        )
    build = subprocess.Popen(
        [sys.executable, "-m", "generator", "build", "--seeds", str(seeds), "--content", str(tmp_path / "content"),
         "--site", str(tmp_path / "site"), "--no-cache", "--no-site", "--processes", "2", "--quiet",
         "--config", str(ROOT / "mkdocs.yml")],
        cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    workers: set[int] = set()
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and build.poll() is None and len(workers) < 2:
            workers |= _children(build.pid)
            time.sleep(0.05)
        assert workers, "the build started no workers"
        os.kill(build.pid, signal.SIGKILL)
        build.wait()
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and any(_alive(pid) for pid in workers):
            time.sleep(0.1)
        assert not [pid for pid in workers if _alive(pid)]
    finally:
        if build.poll() is None:
            build.kill()
        for pid in workers:  # only the processes this test started, never by name
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
