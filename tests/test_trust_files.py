"""Issue 11, files: only regular files inside the seeds folder are read, each refusal is said.

Built through the ``dossier`` command: symbolic links out of the seeds folder
(to a secret beside it, /etc/passwd, a .git/config), a link loop, a dangling
link, a FIFO, a device and a linked folder each get one line naming the file
and the reason, in the build output and on the report page; the secret is in
no output. A 20 GB sparse seed costs one bounded read, not 20 GB.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
import yaml

from hostile_site import run_dossier
from generator.ingest.decode import read_raw
from generator.ingest import limits

ROOT = Path(__file__).resolve().parent.parent
SECRET = "SECRET-TOKEN-8f3a91c2"
ARTICLE = (
    "Harbour workers end strike after pay deal\n\n"
    "Dock workers in the port of Kestrel Bay returned to work on Thursday after a nine-day strike ended.\n\n"
    "\u201cWe held the line and we won,\u201d said Maria Okafor, who chairs the dockers\u2019 union.\n"
)


def _run(tmp: Path, *extra: str) -> tuple[int, list[str]]:
    return run_dossier(tmp, tmp / "seeds", *extra)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int, list[str], dict[str, str]]:
    tmp = tmp_path_factory.mktemp("trust-files")
    seeds = tmp / "seeds"
    (seeds / "sub").mkdir(parents=True)
    (seeds / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (seeds / "sub" / "real.txt").write_text(ARTICLE.replace("Kestrel Bay", "Weller Port"), encoding="utf-8")
    (tmp / "secret.txt").write_text(f"Secret notes\n\nThe deploy key is {SECRET} and must never leave.\n", encoding="utf-8")
    (tmp / ".git").mkdir()
    (tmp / ".git" / "config").write_text(f"[http]\n\textraheader = AUTHORIZATION: basic {SECRET}\n", encoding="utf-8")
    (tmp / "outside").mkdir()
    (tmp / "outside" / "more.txt").write_text(f"Outside\n\nMore text with {SECRET} in it for the record.\n", encoding="utf-8")
    expected = {
        "leak.txt": "outside the seeds folder",
        "passwd.txt": "outside the seeds folder",
        "gitconfig.md": "outside the seeds folder",
        "loop.txt": "symbolic link loop",
        "gone.txt": "target does not exist",
        "fifo.txt": "not a regular file (a FIFO)",
        "linked": "symbolic link to a folder",
        "hidden.txt": "into a hidden folder",
    }
    (seeds / ".git").mkdir()  # the seeds folder may be a repository of its own
    (seeds / ".git" / "config").write_text(f"[http]\n\textraheader = AUTHORIZATION: basic {SECRET}\n", encoding="utf-8")
    (seeds / "hidden.txt").symlink_to(".git/config")
    (seeds / "leak.txt").symlink_to("../secret.txt")
    (seeds / "passwd.txt").symlink_to("/etc/passwd")
    (seeds / "gitconfig.md").symlink_to(tmp / ".git" / "config")
    (seeds / "loop.txt").symlink_to("loop.txt")
    (seeds / "gone.txt").symlink_to("nothing-here.txt")
    (seeds / "inside.txt").symlink_to("sub/real.txt")  # resolves inside: read (a duplicate of sub/real.txt)
    (seeds / "linked").symlink_to(tmp / "outside", target_is_directory=True)
    os.mkfifo(seeds / "fifo.txt")
    try:
        os.mknod(seeds / "device.txt", 0o600 | stat.S_IFCHR, os.makedev(1, 3))
        expected["device.txt"] = "not a regular file (a character device)"
    except (PermissionError, OSError):
        pass
    with open(seeds / "sparse.txt", "wb") as handle:  # 20 GB of nothing on disk
        handle.truncate(20 << 30)
    before = _rchar()
    code, lines = _run(tmp)
    read = _rchar() - before
    assert read < 2 << 30, f"{read} bytes read"
    return tmp, code, lines, expected


def _rchar() -> int:
    """Bytes this process has read through read() calls so far (Linux)."""
    for line in Path("/proc/self/io").read_text().splitlines():
        if line.startswith("rchar:"):
            return int(line.split()[1])
    raise AssertionError("no rchar")


def test_build_goes_on_and_names_each_refused_file_once(built) -> None:
    tmp, code, lines, expected = built
    assert code == 0, lines
    for name, reason in expected.items():
        mine = [line for line in lines if line.startswith(f"{name}: ")]
        assert len(mine) == 1 and reason in mine[0], (name, lines)
    # A link that resolves inside is read like its target (so the two are duplicates).
    assert any(line.startswith("sub/real.txt: skipped: duplicate of inside.txt") for line in lines), lines
    assert any(line.startswith("sparse.txt: skipped: binary file") for line in lines), lines


def test_no_secret_reaches_any_output(built) -> None:
    tmp, *_ = built
    for folder in ("site", "content", "cache"):
        for path in (tmp / folder).rglob("*"):
            if path.is_file():
                assert SECRET.encode() not in path.read_bytes(), path


def test_report_page_lists_the_refused_files(built) -> None:
    tmp, _, _, expected = built
    report = (tmp / "site" / "report.html").read_text(encoding="utf-8")
    for name in expected:
        assert name in report, name


def test_read_raw_reads_a_huge_sparse_file_only_up_to_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    with open(path, "wb") as handle:
        handle.truncate(20 << 30)
    raw = read_raw(path)
    assert len(raw.data) == limits.max_bytes() and raw.size == 20 << 30 and raw.truncated
    # Another file with the same kept part but another size is not its duplicate.
    with open(tmp_path / "other.txt", "wb") as handle:
        handle.truncate(21 << 30)
    assert read_raw(tmp_path / "other.txt").sha256 != raw.sha256


def test_read_raw_refuses_a_fifo_without_blocking(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    with pytest.raises(OSError):
        read_raw(tmp_path / "pipe.txt")


def test_ci_checkout_keeps_no_token_in_git_config() -> None:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "dossier.yml").read_text(encoding="utf-8"))
    checkouts = [step for job in workflow["jobs"].values() for step in job["steps"]
                 if str(step.get("uses", "")).startswith("actions/checkout")]
    assert checkouts and all(step.get("with", {}).get("persist-credentials") is False for step in checkouts)
