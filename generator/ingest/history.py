"""When each seed arrived: the day its file entered the seeds folder's git history.

A regenerated dossier tells readers what is new by the day each article was
added (``Article.added``). That is file metadata, not content, so it is read
here, after the content-keyed ingest cache, on every build, and never stored
in a cache: a cached article must not carry a date frozen from another build.

How the day is found, in at most three ``git`` processes whatever the number
of seeds:

- ``git log --first-parent --diff-merges=first-parent --name-status -M`` over
  the seeds folder lists, newest first, the commits that added or renamed
  files there. Walking back, a current file's name follows its renames inside
  the folder to the commit that brought it in; that commit's day is ``added``.
  A file deleted and added again counts from its latest addition.
- The **committer** date, in UTC: it says when a change entered the branch
  the dossier is built from (a rebase or merge refreshes it), while the author
  date says when it was first written, possibly weeks before readers saw it.
  With ``--first-parent``, a seed arriving through a merge gets the merge's day.
- A seed not in that history (untracked or only staged) has no ``added``: it
  is *not yet published*. The build's own date is never used, so two builds
  of the same commit write the same bytes.
- Outside a git repository (or without git), no seed has ``added`` and the
  ``SeedHistory`` note says why, once.
- In a shallow clone the oldest commit seems to add every older seed: the
  note says so and asks for the whole history (CI: ``fetch-depth: 0``).
"""

from __future__ import annotations

import os
import subprocess
from datetime import datetime, timezone
from pathlib import Path

from generator.model import Article, Problem, SeedHistory

from .files import find_seed_files

#: Files compared when looking for renames in one commit (git's ``-l``; its default is 1,000).
RENAME_LIMIT = 5000
#: Seconds a git command may take before the history is given up (the build goes on without it).
GIT_TIMEOUT = 120


class _GitFailed(Exception):
    """git could not be run or refused; the message is the reason for the report."""


def read_added_dates(seeds_dir: Path, articles: list[Article]) -> tuple[SeedHistory, list[Problem]]:
    """Set ``added`` on every article from git history; say where the days come from.

    Returns the history note and problems (a shallow clone is a warning: its
    dates are wrong, not missing).
    """
    root = Path(seeds_dir)
    for article in articles:
        article.added = None
    try:
        shallow = _repository_state(root)
    except _GitFailed as exc:
        return SeedHistory(False, str(exc)), []
    paths = {source: path.relative_to(root).as_posix() for source, path in find_seed_files(root)}
    try:
        added = _added_days(root, set(paths.values()))
    except _GitFailed as exc:
        return SeedHistory(False, str(exc)), []
    for article in articles:
        article.added = added.get(paths.get(article.source, article.source))
    note = "from git history: the day (UTC) of the commit that added each seed"
    problems: list[Problem] = []
    if shallow:
        message = (
            "the git repository is a shallow clone: seeds older than its history all seem added on its "
            "oldest commit; fetch the whole history (GitHub Actions checkout: fetch-depth: 0)"
        )
        note += f"; {message}"
        problems.append(Problem(str(seeds_dir), message, "warning"))
    return SeedHistory(True, note), problems


def _git(root: Path, *args: str) -> bytes:
    """Run one git command in ``root``; its output, or _GitFailed with git's first line."""
    env = {**os.environ, "LC_ALL": "C", "GIT_TERMINAL_PROMPT": "0", "GIT_OPTIONAL_LOCKS": "0"}
    try:
        done = subprocess.run(
            # The seeds folder may hold a repository of its own: no fsmonitor or external diff it names runs.
            ["git", "-C", str(root), "-c", "core.fsmonitor=false", "-c", "diff.external=", *args],
            capture_output=True,
            env=env,
            timeout=GIT_TIMEOUT,
            check=False,
        )
    except FileNotFoundError:
        raise _GitFailed("git is not installed") from None
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise _GitFailed(f"git could not run ({exc})") from None
    if done.returncode != 0:
        first = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise _GitFailed(f"git: {first[0] if first else f'exit status {done.returncode}'}")
    return done.stdout


def _repository_state(root: Path) -> bool:
    """Whether the repository is shallow; _GitFailed when ``root`` is not in a work tree."""
    try:
        out = _git(root, "rev-parse", "--is-inside-work-tree", "--is-shallow-repository").decode().split()
    except _GitFailed as exc:
        if "not a git repository" in str(exc):
            raise _GitFailed("the seeds folder is not in a git repository") from None
        raise
    if not out or out[0] != "true":
        raise _GitFailed("the seeds folder is not in a git work tree")
    return len(out) > 1 and out[1] == "true"


def _added_days(root: Path, current: set[str]) -> dict[str, str]:
    """Relative POSIX path (as the file system names it now) -> day it was added, for committed seeds."""
    try:
        out = _git(
            root,
            "-c", "log.showSignature=false",
            "log", "--first-parent", "--diff-merges=first-parent", "--no-color", "--no-ext-diff", "--no-textconv",
            "-z", "--format=%x1e%ct", "--name-status", "--relative", "-M", f"-l{RENAME_LIMIT}",
            "--diff-filter=AR", "--", ".",
        )  # fmt: skip
    except _GitFailed:
        try:
            _git(root, "rev-parse", "-q", "--verify", "HEAD")
        except _GitFailed:
            return {}  # a repository without commits yet: every seed is unpublished
        raise
    return added_from_log(out, current)


def added_from_log(log: bytes, current: set[str]) -> dict[str, str]:
    """Walk ``git log -z --format=%x1e%ct --name-status`` output (newest first) back from ``current`` names.

    Renames in a commit apply together (``a -> b`` and ``b -> a`` in one commit
    swap names); an ``A`` ends a file's walk with that commit's day.
    """
    pending = {name: name for name in current}  # name at this point of history -> name now
    added: dict[str, str] = {}
    for record in log.split(b"\x1e"):
        if not record:
            continue
        fields = record.split(b"\0")
        day = datetime.fromtimestamp(int(fields[0]), tz=timezone.utc).strftime("%Y-%m-%d")
        if len(fields) > 1 and fields[1].startswith(b"\n"):
            fields[1] = fields[1][1:]  # the newline git writes between the header and the file list
        tokens = [os.fsdecode(f) for f in fields[1:]]
        renames: list[tuple[str, str]] = []
        position = 0
        while position < len(tokens):
            status = tokens[position]
            if status.startswith("R") and position + 2 < len(tokens):
                renames.append((tokens[position + 1], tokens[position + 2]))
                position += 3
            elif status:
                if status == "A" and position + 1 < len(tokens):
                    name = tokens[position + 1]
                    if name in pending:
                        added[pending.pop(name)] = day
                position += 2
            else:
                position += 1
        moved = {old: pending.pop(new) for old, new in renames if new in pending}
        pending.update(moved)
    return added
