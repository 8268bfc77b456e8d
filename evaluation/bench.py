"""``make bench``: build a synthetic dossier and print speed, memory and size next to targets.

Everything is measured in one run on the same generated articles
(``evaluation.synth``, default 2,000):

* **floor**: what bare spaCy costs on the same texts, the least any spaCy
  analysis can cost: ``spacy.load(model)`` with every component, then
  ``nlp.pipe(texts, n_process=2)`` over ``Article.text`` exactly as ingest
  hands it to our analysis. Model loading is timed apart; the floor is the
  ``pipe`` call.
* **build**: ``generator.build.run_build`` with MkDocs and a fresh cache:
  per-stage timings, analysis articles/s and the ratios analysis / floor and
  whole build / floor.
* **rebuild**: one new article added to the set, the cache warm, a new
  ``run_build`` (a fresh process, as a user's second ``dossier build`` is):
  the generator stages (ingest, analyse, link, render) and MkDocs apart.
* **memory**: the floor and each build run in their own subprocess, so one's
  memory never counts for the other. Each reports ``getrusage`` peak RSS for
  itself (RUSAGE_SELF) and for its largest finished child (RUSAGE_CHILDREN:
  the analysis workers); the bench also samples the whole process tree from
  /proc every 0.2 s and reports the peak of the summed RSS (an upper bound:
  forked workers share pages) and, where the kernel has it, of the summed
  PSS (shared pages split between sharers: the real footprint).
* **site**: bytes under ``site/`` as ``du`` counts them (whole 4 KiB blocks: what the
  disk holds) and as the files' own sizes (what a host stores and sends), the largest
  and the median HTML page, and the search index (``site/search/search_index.js``, the one
  copy search reads both over http and from file://; ``search_index.json`` on older builds)
  The size goal is checked in decimal megabytes (150 MB = 150,000,000 bytes) on the
  ``du`` figure, the stricter of the readings; MiB are printed beside it, which is
  what ``du -h`` shows.

``--profile`` instead builds once inside this process with one analysis
process (so the analysis runs inline and shows up) under cProfile, and lists
the hotspots in our own code (``generator/``) by cumulative seconds.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "bench-out"
FLOOR_PROCESSES = 2
FLOOR_BATCH = 64
SAMPLE_SECONDS = 0.2
MB = 1024 * 1024

# Targets printed next to the figures.
TARGET_ANALYSIS_RATIO = 1.0
TARGET_BUILD_RATIO = 1.5
TARGET_REBUILD_SECONDS = 10.0
TARGET_SITE_MB = 150.0  # decimal: 150,000,000 bytes
DECIMAL_MB = 1_000_000
TARGET_RSS_MB = 2048.0
GENERATOR_STAGES = ("ingest", "analyse", "link", "render")


# --- subprocess workers (run as `python -m evaluation.bench _floor|_build JSON`) --------------


def _rusage_mb() -> dict[str, float]:
    """Peak RSS of this process and of its largest finished child (Linux reports KiB)."""
    scale = 1024 if sys.platform.startswith("linux") else 1
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale / MB
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * scale / MB
    return {"self_mb": own, "children_mb": children}


def floor_worker(seeds: str, model: str | None, processes: int, batch_size: int) -> dict[str, Any]:
    """Bare spaCy, all components, over the cleaned article texts."""
    import spacy

    from generator.analyse.nlp import resolve_model_name
    from generator.ingest import read_seeds

    articles, _ = read_seeds(Path(seeds))
    texts = [article.text for article in articles]
    name = resolve_model_name(model)
    started = time.perf_counter()
    nlp = spacy.load(name)
    load_seconds = time.perf_counter() - started
    started = time.perf_counter()
    tokens = 0
    for doc in nlp.pipe(texts, n_process=processes, batch_size=batch_size):
        tokens += len(doc)
    seconds = time.perf_counter() - started
    return {
        "model": name,
        "components": list(nlp.pipe_names),
        "articles": len(texts),
        "words": sum(len(text.split()) for text in texts),
        "tokens": tokens,
        "load_seconds": load_seconds,
        "seconds": seconds,
        **_rusage_mb(),
    }


def build_worker(seeds: str, out: str, processes: int | None, build_site: bool) -> dict[str, Any]:
    """One ``run_build`` as ``dossier build`` would run it; figures as JSON."""
    from generator.build import run_build
    from generator.settings import Settings

    base = Path(out)
    extra = {} if processes is None else {"processes": processes}
    settings = Settings(
        seeds=Path(seeds),
        content=base / "content",
        site=base / "site",
        config=ROOT / "mkdocs.yml",
        cache=base / "cache",
        progress=False,
        build_site=build_site,
        **extra,
    )
    lines: list[str] = []
    started = time.perf_counter()
    result = run_build(settings, log=lines.append)
    wall = time.perf_counter() - started
    entities = result.dossier.entities.values()
    return {
        "timings": result.timings,
        "wall_in_process": wall,
        "articles": len(result.dossier.articles),
        "analysed": result.analysed,
        "cached": result.cached,
        "processes": settings.processes,
        "people": sum(1 for e in entities if e.type == "person"),
        "organisations": sum(1 for e in entities if e.type == "organisation"),
        "places": sum(1 for e in entities if e.type == "place"),
        "quotes": sum(len(a.quotes) for a in result.dossier.articles),
        "stories": len(result.dossier.stories),
        "warnings": len(result.warnings),
        "log_lines": len(lines),
        "first_log_lines": lines[:5],
        **_rusage_mb(),
    }


# --- the orchestrating side -------------------------------------------------------------------


def _children(pid: int) -> list[int]:
    """Direct children of ``pid`` (from /proc; empty where /proc is missing)."""
    kids: list[int] = []
    try:
        entries = os.listdir("/proc")
    except OSError:
        return kids
    for entry in entries:
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as handle:
                stat = handle.read()
        except OSError:
            continue
        # Field 4 (ppid) follows the ")" that closes the command name.
        fields = stat[stat.rfind(")") + 2 :].split()
        if len(fields) > 1 and fields[1] == str(pid):
            kids.append(int(entry))
    return kids


def _memory_kb(pid: int) -> tuple[int, int | None]:
    """(RSS, PSS) of one process in KiB; PSS None when smaps_rollup is unavailable."""
    rss = 0
    pss: int | None = None
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("Rss:"):
                    rss = int(line.split()[1])
                elif line.startswith("Pss:"):
                    pss = int(line.split()[1])
        return rss, pss
    except OSError:
        pass
    try:
        with open(f"/proc/{pid}/statm", encoding="ascii") as handle:
            rss = int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024
    except (OSError, ValueError, IndexError):
        pass
    return rss, pss


@dataclass
class TreeSampler:
    """Peak summed RSS/PSS of a process and its descendants, sampled in a thread."""

    pid: int
    peak_rss_mb: float = 0.0
    peak_pss_mb: float | None = None
    peak_processes: int = 0
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def start(self) -> TreeSampler:
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()

    def _run(self) -> None:
        while not self._stop.is_set():
            tree = [self.pid]
            position = 0
            while position < len(tree):
                tree.extend(_children(tree[position]))
                position += 1
            rss_total = 0
            pss_total: int | None = 0
            for pid in tree:
                rss, pss = _memory_kb(pid)
                rss_total += rss
                pss_total = None if pss is None or pss_total is None else pss_total + pss
            self.peak_rss_mb = max(self.peak_rss_mb, rss_total / 1024)
            if pss_total is not None:
                self.peak_pss_mb = max(self.peak_pss_mb or 0.0, pss_total / 1024)
            self.peak_processes = max(self.peak_processes, len(tree))
            self._stop.wait(SAMPLE_SECONDS)


def run_worker(kind: str, **kwargs: Any) -> dict[str, Any]:
    """Run a worker in a fresh interpreter, sampling its memory; its JSON plus wall time and peaks."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(ROOT))
    command = [sys.executable, "-m", "evaluation.bench", f"_{kind}", json.dumps(kwargs)]
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    sampler = TreeSampler(process.pid).start()
    stdout, stderr = process.communicate()
    sampler.stop()
    wall = time.perf_counter() - started
    if process.returncode != 0:
        raise RuntimeError(f"{kind} failed (exit {process.returncode}):\n{stderr.strip()[-3000:]}")
    data = json.loads(stdout.strip().splitlines()[-1])
    data.update(
        wall=wall,
        tree_peak_rss_mb=sampler.peak_rss_mb,
        tree_peak_pss_mb=sampler.peak_pss_mb,
        tree_processes=sampler.peak_processes,
    )
    return data


@dataclass
class SiteSize:
    bytes: int
    disk_bytes: int
    files: int
    pages: int
    largest_page: str
    largest_page_bytes: int
    median_page_bytes: float
    search_index_bytes: int
    search_index: str = "search/search_index.json"


def measure_site(site: Path) -> SiteSize:
    """Apparent bytes, disk usage (``du``), HTML page sizes and the search index."""
    total = disk = files = 0
    pages: list[tuple[int, str]] = []
    for folder, _, names in os.walk(site):
        for name in names:
            path = Path(folder) / name
            stat = path.stat()
            total += stat.st_size
            disk += getattr(stat, "st_blocks", 0) * 512 or stat.st_size
            files += 1
            if name.endswith(".html"):
                pages.append((stat.st_size, path.relative_to(site).as_posix()))
    pages.sort(key=lambda item: (-item[0], item[1]))
    # search_index.json where a build still writes it (older builds: a second copy beside the
    # script); otherwise search_index.js, the one copy read over http and from file://.
    index = site / "search" / "search_index.json"
    if not index.is_file():
        index = index.with_suffix(".js")
    return SiteSize(
        bytes=total,
        disk_bytes=disk,
        files=files,
        pages=len(pages),
        largest_page=pages[0][1] if pages else "-",
        largest_page_bytes=pages[0][0] if pages else 0,
        median_page_bytes=statistics.median(size for size, _ in pages) if pages else 0,
        search_index_bytes=index.stat().st_size if index.is_file() else 0,
        search_index=index.relative_to(site).as_posix(),
    )


def _say(line: str) -> None:
    print(f"bench: {line}", file=sys.stderr, flush=True)


def _generate(out: Path, count: int, seed: int) -> tuple[Path, Any, float]:
    from .synth import build_pool, generate, write_articles

    started = time.perf_counter()
    pool = build_pool()
    seeds = out / "seeds"
    write_articles(generate(pool, count, seed), seeds)
    return seeds, pool, time.perf_counter() - started


def _fresh(out: Path) -> None:
    for name in ("seeds", "content", "site", "cache"):
        shutil.rmtree(out / name, ignore_errors=True)
    out.mkdir(parents=True, exist_ok=True)


def _fmt_mb(value: float | None) -> str:
    return "n/a" if value is None else f"{value:,.0f} MB"


def _check(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def report(n: int, gen_seconds: float, floor: dict, build: dict, site: SiteSize, rebuild: dict) -> str:
    """The table printed at the end of a bench run."""
    t = build["timings"]
    analyse = t.get("analyse", 0.0)
    total = sum(t.values())
    floor_s = floor["seconds"]
    regen = sum(rebuild["timings"].get(stage, 0.0) for stage in GENERATOR_STAGES)
    site_mb = site.disk_bytes / DECIMAL_MB
    peak_tree = build["tree_peak_pss_mb"] if build["tree_peak_pss_mb"] is not None else build["tree_peak_rss_mb"]
    rows: list[tuple[str, str, str, str]] = []

    def row(label: str, value: str, target: str = "", status: str = "") -> None:
        rows.append((label, value, target, status))

    row("articles (synthetic)", f"{n:,} ({floor['words']:,} words, generated in {gen_seconds:.1f}s)")
    row("spaCy floor model", f"{floor['model']} [{', '.join(floor['components'])}]")
    row("floor: model load", f"{floor['load_seconds']:.1f} s")
    row(
        "floor: nlp.pipe",
        f"{floor_s:.1f} s, {floor['words'] / floor_s:,.0f} words/s, {floor['articles'] / floor_s:.1f} articles/s "
        f"(n_process={FLOOR_PROCESSES}{'; saved by an earlier run' if floor.get('reused') else ''})",
    )
    for stage, seconds in t.items():
        row(f"build: {stage}", f"{seconds:.1f} s")
    row("build: total (stages)", f"{total:.1f} s; process wall {build['wall']:.1f} s")
    row("analysis speed", f"{build['articles'] / analyse:.1f} articles/s ({build['processes']} processes)" if analyse else "-")
    ratio = analyse / floor_s
    row("analysis / floor", f"{ratio:.2f}x", f"<= {TARGET_ANALYSIS_RATIO:.1f}x", _check(ratio <= TARGET_ANALYSIS_RATIO))
    ratio = total / floor_s
    row("whole build / floor", f"{ratio:.2f}x", f"<= {TARGET_BUILD_RATIO:.1f}x", _check(ratio <= TARGET_BUILD_RATIO))
    row(
        "dossier",
        f"{build['people']:,} people, {build['organisations']:,} organisations, {build['places']:,} places, "
        f"{build['quotes']:,} quotes, {build['stories']:,} stories, {build['warnings']} warnings",
    )
    row(
        "+1 article: generator stages",
        f"{regen:.1f} s ("
        + ", ".join(f"{s} {rebuild['timings'].get(s, 0.0):.1f}" for s in GENERATOR_STAGES)
        + f"; {rebuild['analysed']} analysed, {rebuild['cached']} cached)",
        f"<= {TARGET_REBUILD_SECONDS:.0f} s",
        _check(regen <= TARGET_REBUILD_SECONDS),
    )
    row(
        "+1 article: with MkDocs",
        f"{regen + rebuild['timings'].get('site', 0.0):.1f} s (site {rebuild['timings'].get('site', 0.0):.1f} s; "
        f"process wall {rebuild['wall']:.1f} s)",
    )
    row(
        "site size (du)",
        f"{site_mb:,.1f} MB = {site.disk_bytes / MB:,.1f} MiB (files' own sizes {site.bytes / DECIMAL_MB:,.1f} MB = "
        f"{site.bytes / MB:,.1f} MiB; {site.files:,} files, {site.pages:,} pages)",
        f"<= {TARGET_SITE_MB:.0f} MB",
        _check(site_mb <= TARGET_SITE_MB),
    )
    row("largest page", f"{site.largest_page_bytes / 1024:,.0f} KB  {site.largest_page}")
    row("median page", f"{site.median_page_bytes / 1024:,.1f} KB")
    row("search index", f"{site.search_index_bytes / MB:,.1f} MB  {site.search_index}")
    row(
        "peak RSS floor",
        f"self {_fmt_mb(floor['self_mb'])}, children {_fmt_mb(floor['children_mb'])}; "
        f"tree sum RSS {_fmt_mb(floor['tree_peak_rss_mb'])}, PSS {_fmt_mb(floor['tree_peak_pss_mb'])}",
    )
    row(
        "peak RSS build",
        f"self {_fmt_mb(build['self_mb'])}, children {_fmt_mb(build['children_mb'])}; "
        f"tree sum RSS {_fmt_mb(build['tree_peak_rss_mb'])}, PSS {_fmt_mb(build['tree_peak_pss_mb'])}",
        f"<= {TARGET_RSS_MB:,.0f} MB",
        _check(peak_tree <= TARGET_RSS_MB),
    )
    row(
        "peak RSS rebuild",
        f"self {_fmt_mb(rebuild['self_mb'])}; tree sum PSS {_fmt_mb(rebuild['tree_peak_pss_mb'])}",
    )
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    lines = [f"{'measure':<{widths[0]}}  {'value':<{widths[1]}}  {'target':<{widths[2]}}  status"]
    lines.append("-" * len(lines[0]))
    lines += [f"{a:<{widths[0]}}  {b:<{widths[1]}}  {c:<{widths[2]}}  {d}".rstrip() for a, b, c, d in rows]
    lines.append("")
    lines.append(
        "Floor and builds run in separate subprocesses. 'self' = getrusage(RUSAGE_SELF) peak of that process;\n"
        "'children' = getrusage(RUSAGE_CHILDREN), the largest finished child (analysis / spaCy workers);\n"
        "'tree sum' = peak of the whole process tree sampled from /proc every 0.2 s (RSS double-counts pages\n"
        "shared by forked workers; PSS splits them). The RSS target is checked against the tree PSS."
    )
    return "\n".join(lines)


def _fingerprint(seeds: Path, batch_size: int) -> str:
    """What the floor depends on: the exact seed files and the batch size."""
    digest = hashlib.sha256(f"batch={batch_size}".encode())
    for path in sorted(seeds.glob("*.txt")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _floor(seeds: Path, out: Path, batch_size: int, reuse: bool) -> dict[str, Any]:
    """Measure the floor, or (``reuse``) read the one saved for these exact seeds by an earlier run."""
    saved = out / "floor.json"
    key = _fingerprint(seeds, batch_size)
    if reuse and saved.is_file():
        data = json.loads(saved.read_text(encoding="utf-8"))
        if data.get("fingerprint") == key:
            _say(f"floor: reusing {saved} (same seeds)")
            return {**data, "reused": True}
    _say("floor: bare spaCy over the same texts")
    data = run_worker("floor", seeds=str(seeds), model=None, processes=FLOOR_PROCESSES, batch_size=batch_size)
    data["fingerprint"] = key
    saved.write_text(json.dumps(data, indent=1), encoding="utf-8")
    return data


def run_bench(n: int, out: Path, processes: int | None, seed: int, floor_batch: int, reuse_floor: bool = False) -> str:
    _fresh(out)
    _say(f"generating {n} articles into {out / 'seeds'}")
    seeds, pool, gen_seconds = _generate(out, n, seed)
    floor = _floor(seeds, out, floor_batch, reuse_floor)
    _say(f"floor {floor['seconds']:.1f}s; full build with MkDocs, fresh cache")
    build = run_worker("build", seeds=str(seeds), out=str(out), processes=processes, build_site=True)
    site = measure_site(out / "site")
    _say(f"build {sum(build['timings'].values()):.1f}s; adding one article and rebuilding")
    from .synth import make_article, write_articles

    write_articles([make_article(pool, n, seed)], seeds)
    rebuild = run_worker("build", seeds=str(seeds), out=str(out), processes=processes, build_site=True)
    return report(n, gen_seconds, floor, build, site, rebuild)


def profile_build(n: int, out: Path, seed: int, top: int = 25) -> str:
    """Build once in this process (analysis inline) under cProfile; our hotspots by cumulative time."""
    import cProfile
    import io
    import pstats

    from generator.build import run_build
    from generator.settings import Settings

    _fresh(out)
    _say(f"generating {n} articles")
    seeds, _, _ = _generate(out, n, seed)
    settings = Settings(
        seeds=seeds,
        content=out / "content",
        site=out / "site",
        config=ROOT / "mkdocs.yml",
        cache=out / "cache",
        progress=False,
        processes=1,
    )
    _say("profiling one build (one process, MkDocs included)")
    profiler = cProfile.Profile()
    profiler.enable()
    result = run_build(settings, log=lambda line: None)
    profiler.disable()
    stats = pstats.Stats(profiler)
    ours = "/generator/"
    rows = []
    for (filename, line, function), (_, calls, own, cumulative, _) in stats.stats.items():  # type: ignore[attr-defined]
        if ours in filename.replace(os.sep, "/"):
            where = Path(filename).resolve().relative_to(ROOT).as_posix() if ROOT in Path(filename).resolve().parents else filename
            rows.append((cumulative, own, calls, f"{where}:{line} {function}"))
    stage_line = " · ".join(f"{stage} {seconds:.1f}s" for stage, seconds in result.timings.items())
    buffer = io.StringIO()
    buffer.write(f"profile: {n} articles, one process [{stage_line}] (times include cProfile overhead)\n\n")
    for title, key in (("by cumulative seconds", 0), ("by own seconds", 1)):
        buffer.write(f"our code, top {top} {title}:\n{'cum s':>8} {'own s':>8} {'calls':>9}  function\n")
        for cumulative, own, calls, name in sorted(rows, key=lambda r: (-r[key], r[3]))[:top]:
            buffer.write(f"{cumulative:8.2f} {own:8.2f} {calls:9d}  {name}\n")
        buffer.write("\n")
    return buffer.getvalue()


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in ("_floor", "_build"):
        worker = floor_worker if argv[0] == "_floor" else build_worker
        print(json.dumps(worker(**json.loads(argv[1]))))
        return 0
    from .synth import DEFAULT_ARTICLES

    parser = argparse.ArgumentParser(prog="python -m evaluation.bench", description="Speed, memory and size of a synthetic build.")
    parser.add_argument("--articles", type=int, default=DEFAULT_ARTICLES, metavar="N", help="synthetic articles (default 2000)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="work folder; its seeds/, content/, site/ and cache/ are replaced (default: bench-out)")
    parser.add_argument("--processes", type=int, default=None, metavar="P", help="analysis processes (default: the build's default)")
    parser.add_argument("--seed", type=int, default=0, help="random seed of the synthetic set")
    parser.add_argument("--floor-batch", type=int, default=FLOOR_BATCH, help="nlp.pipe batch size for the floor")
    parser.add_argument(
        "--reuse-floor",
        action="store_true",
        help="reuse the floor saved in --out by an earlier run on identical seeds (saves minutes while iterating)",
    )
    parser.add_argument("--profile", action="store_true", help="profile one in-process build instead (cProfile)")
    args = parser.parse_args(argv)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    out = args.out.resolve()
    if args.profile:
        print(profile_build(args.articles, out, args.seed))
        return 0
    try:
        table = run_bench(args.articles, out, args.processes, args.seed, args.floor_batch, args.reuse_floor)
    except RuntimeError as exc:
        print(f"bench: {exc}", file=sys.stderr)
        return 1
    print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
