"""Hostile seeds end to end: bad files are named and skipped, hostile text is built inert.

One real build (ingest -> analyse -> link -> render -> MkDocs) over a seeds folder
full of bad and odd files runs once per module; the tests read its exit code,
stderr, dossier.json and the site. A clean build of good seeds only gives the
reference set of scripts a page may carry.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import re
import tracemalloc
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.cli import main
from generator.ingest import limits, read_seeds
from sitecheck import broken_links, external_references

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.slow

#: The size limit during the module build: small, so huge seeds stay quick to analyse.
SMALL_MAX_CHARS = 20_000

# --- seed texts --------------------------------------------------------------------------------

BASE = (
    "Harbour workers end strike after pay deal\n"
    "2023-05-11\n"
    "https://news.example.org/harbour-strike\n\n"
    "Dock workers in the port of Kestrel Bay returned to work on Thursday after a nine-day strike ended with "
    "a pay deal that union leaders called the best in a decade.\n\n"
    "“We held the line and we won,” said Maria Okafor, who chairs the Kestrel Bay dockers’ union. "
    "“Every crane operator and every lasher gets the same rise, and nobody is left behind.”\n\n"
    "The agreement gives the port’s 1,400 workers a rise of seven per cent this year and four per cent next "
    "year, and it limits night shifts to three a week for anyone over fifty-five.\n\n"
    "The harbour authority said the strike had cost shipping lines millions, with more than forty vessels "
    "waiting at anchor outside the breakwater by the weekend.\n\n"
    "Its chief executive, Tomas Lindqvist, told reporters the deal was expensive but fair. “Nobody wanted "
    "a long dispute, and the port cannot afford another one,” he said.\n\n"
    "Farmers who export grain through the port had warned of spoiled harvests, and the regional chamber of "
    "commerce said smaller firms had begun laying off staff as containers piled up at inland depots.\n\n"
    "Union members approved the deal by a large majority in a ballot held at the union hall on Wednesday "
    "evening, according to officials who counted the votes late into the night.\n\n"
    "The first ships were unloaded within hours of the vote, and the authority expects the backlog to clear "
    "within ten days if the weather holds and the cranes keep running around the clock.\n"
)
NEAR_COPY = BASE + "\nThe port will publish its new shift rota on Monday.\n"

GOOD = {
    "name with spaces.txt": (
        "Rail line reopens after landslide\n\n"
        "Trains ran again between Alderton and Brightwater on Monday, three weeks after a landslide buried the "
        "track under thousands of tonnes of mud.\n\n"
        "Engineers worked in shifts to shore up the cutting, said Priya Raman, the regional rail manager. "
        "“It was the hardest repair we have done in twenty years,” she said.\n"
    ),
    "Ünïcødé article.txt": (
        "Zürich café owners protest rent rises\n\n"
        "Café owners in Zürich closed their doors for an hour on Friday to protest against rent increases of up "
        "to forty per cent in the old town.\n\n"
        "“We cannot pay this and stay open,” said Jürg Bäcker, who runs a bakery café near the lake.\n"
    ),
    ".hidden.txt": (
        "Library extends opening hours\n\n"
        "The central library in Norwick will stay open until ten at night from next month, the city council "
        "announced on Tuesday.\n\n"
        "Council leader Hannah Osei said students had asked for longer hours during exams for years.\n"
    ),
    "a;b $(x) &.txt": (
        "Ferry service cut for winter\n\n"
        "The island ferry will sail twice a day instead of four times from November, the operator said, "
        "blaming fuel costs and falling passenger numbers.\n\n"
        "Residents of Skarholm said the cut would make it hard to reach the hospital on the mainland.\n"
    ),
    "utf-16 with bom.txt": (
        "Bridge inspection finds cracks\n\n"
        "Inspectors found cracks in two supports of the Weller Street bridge, which will close to lorries from "
        "Monday while repairs are planned.\n\n"
        "The city engineer, Daniel Moreau, said the bridge was safe for cars and pedestrians.\n"
    ),
    "html.txt": (
        "Hackers deface council website\n\n"
        "The attackers posted <script>alert(1)</script> into the comment box of the council website, "
        "investigators said on Wednesday.\n\n"
        "A second message, <img src=x onerror=alert(1)>, was found on the planning page, and "
        "<a href=\"javascript:alert(2)\">a link</a> pointed readers to a fake login form.\n"
    ),
    "markdown.txt": (
        "Election results published in full\n\n"
        "# Results by district\n\n"
        "The returning officer published the count, saying [the official list](javascript:alert(1)) was final.\n\n"
        "| Candidate | Votes |\n|---|---|\n| Ana Silva | 4,210 |\n| Ben Cole | 3,987 |\n\n"
        "---\ntitle: injected\n---\n\n"
        "Turnout rose to sixty-one per cent, the highest since the district was created in 1974.\n"
    ),
    "markdown.md": (
        "---\ntitle: Council approves new budget\ndate: 2023-03-02\n---\n"
        "# Budget vote\n\n"
        "The council approved the budget by [a narrow margin](javascript:alert(1)) after a debate that lasted "
        "six hours, the mayor's office said.\n\n"
        "<script>alert('md')</script>\n\n"
        "| Item | Cost |\n|---|---|\n| Roads | 4m |\n\n"
        "Spending on roads rises by a fifth ![chart](javascript:alert(3)) while parks lose funding.\n\n"
        "---\ntitle: injected\n---\n\n"
        "Opposition councillors said the cuts to parks would hurt poorer neighbourhoods most.\n"
    ),
    "[x](javascript:alert(1)) {{ config.site_name }} | a.txt": (
        "Dam project delayed again\n\n"
        "Work on the Rennick dam has been delayed for a third time because of a shortage of steel, the water "
        "board said on Thursday.\n\n"
        "Engineers now expect the dam to be finished in the spring of next year.\n"
    ),
    "template.txt": (
        "Web page showed raw template code\n\n"
        "Visitors to the museum website on Sunday saw the words {{ config.site_name }} where the title should "
        "have been, the museum said.\n\n"
        "Another page showed {% include \"x\" %} and {# a comment #} in place of its menu, a fault the "
        "museum blamed on a software update.\n"
    ),
}

#: Kept with a one-line warning: name -> (bytes, words the message must hold).
WARNED: dict[str, tuple[bytes, tuple[str, ...]]] = {}
#: Skipped with a one-line reason: name -> (bytes, words the message must hold).
SKIPPED: dict[str, tuple[bytes, tuple[str, ...]]] = {}


def _article(title: str, body: str) -> str:
    return f"{title}\n\n{body}\n"


WARNED["windows-1252.txt"] = (
    _article("Prices rise again", "Shop owners said \u201cprices rose\u201d \u2013 again \u2013 this month, blaming energy costs.").encode("cp1252"),
    ("not valid UTF-8", "cp1252"),
)
WARNED["latin-1.txt"] = (
    _article("Fête in the square", "The mayor opened the fête in the square, where stalls sold crêpes and Glühwein to crowds.").encode("latin-1"),
    ("not valid UTF-8",),
)
WARNED["nul-bytes.txt"] = (
    _article("Power cut hits suburbs", "A power cut left\x00 thousands of homes in the northern suburbs without light\x00 for six hours.").encode(),
    ("removed 2 NUL byte(s)",),
)
WARNED["huge.txt"] = (
    "".join(f"Witness number {i} told the inquiry that the budget report had been changed.\n" for i in range(4_000)).encode(),
    ("truncated to the first", "characters (file is"),
)
WARNED["one-line.txt"] = (
    " ".join(f"Delegate {i} told the assembly that the harvest in district {i} had failed." for i in range(14_000)).encode(),
    ("truncated to the first", "split 1 very long line(s) into paragraphs"),
)
WARNED["long-words.txt"] = (
    _article("Leaked file surfaces", f"The leaked file contained {'Q' * 5_000} and nothing else that officials could read."
             ).encode(),
    ("dropped 1 over-long word(s)",),
)
WARNED["edited copy of article.txt"] = (NEAR_COPY.encode(), ("near duplicate of article.txt",))

SKIPPED["empty.txt"] = (b"", ("skipped: empty file",))
SKIPPED["<img src=x onerror=alert(1)>.txt"] = (b" \n", ("skipped: no text",))
SKIPPED["whitespace.txt"] = (b"  \n\t\n   \r\n", ("skipped: no text",))
SKIPPED["photo.txt"] = (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, ("skipped: binary file (PNG image)",))
SKIPPED["zeros.txt"] = (b"\x00" * 4_096, ("skipped: binary file", "NUL bytes"))
SKIPPED["copy of article.txt"] = (BASE.encode(), ("skipped: duplicate of article.txt",))

#: Seeds that build without any message.
CLEAN = {"article.txt": BASE.encode(), **{name: text.encode() for name, text in GOOD.items()}}
CLEAN["utf-16 with bom.txt"] = GOOD["utf-16 with bom.txt"].encode("utf-16")  # Python writes the BOM


def _write(folder: Path, files: dict[str, bytes]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (folder / name).write_bytes(data)


# --- the builds --------------------------------------------------------------------------------


@dataclass
class Build:
    out: Path
    code: int
    stderr: list[str]
    strict_code: int
    strict_stderr: list[str]
    clean: Path

    @property
    def site(self) -> Path:
        return self.out / "site"


def _run(seeds: Path, out: Path, *extra: str) -> tuple[int, list[str]]:
    """Run the real command; stderr is captured here because a module fixture cannot use capsys."""
    buffer = io.StringIO()
    with contextlib.redirect_stderr(buffer):
        code = main(
            [
                "build", "--seeds", str(seeds), "--content", str(out / "content"), "--site", str(out / "site"),
                "--config", str(ROOT / "mkdocs.yml"), "--cache", str(out.parent / "cache"), "--quiet", *extra,
            ]
        )
    return code, buffer.getvalue().splitlines()


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    root = tmp_path_factory.mktemp("hostile")
    seeds = root / "seeds"
    _write(seeds, {**CLEAN, **{n: d for n, (d, _) in WARNED.items()}, **{n: d for n, (d, _) in SKIPPED.items()}})
    clean_seeds = root / "clean-seeds"
    _write(clean_seeds, {"article.txt": BASE.encode(), "rail.txt": GOOD["name with spaces.txt"].encode()})
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(limits, "MAX_CHARS", SMALL_MAX_CHARS)
        code, stderr = _run(seeds, root / "normal")
        strict_code, strict_stderr = _run(seeds, root / "strict", "--strict")
        clean_code, _ = _run(clean_seeds, root / "clean")
    assert clean_code == 0
    return Build(root / "normal", code, stderr, strict_code, strict_stderr, root / "clean" / "site")


def _dossier(build: Build) -> dict:
    return json.loads((build.site / "dossier.json").read_text(encoding="utf-8"))


def _page(build: Build, source: str) -> Path:
    article = next(a for a in _dossier(build)["articles"] if a["source"] == source)
    return build.site / article["page"]


class _Page(HTMLParser):
    """Visible text, tags with their attributes, and scripts of one HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.scripts: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        self.tags.append((tag, values))
        if tag in ("script", "style"):
            self._in = tag
            if tag == "script":
                self.scripts.append("src=" + values["src"] if "src" in values else "")

    def handle_endtag(self, tag: str) -> None:
        if tag == self._in:
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "script" and self.scripts and not self.scripts[-1].startswith("src="):
            self.scripts[-1] += data
        elif self._in is None:
            self.text.append(data)


def parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def visible(path: Path) -> str:
    return " ".join(" ".join(parse(path).text).split())


def _script_signature(script: str) -> str:
    """A script with the page's depth taken out (Material writes "../" paths and a base per page)."""
    script = re.sub(r"(?:\.\./)+", "", script)
    script = re.sub(r'"base": "[./]*"', '"base": ""', script)
    script = re.sub(r'new URL\("[./]*"', 'new URL(""', script)
    return hashlib.sha256(script.encode()).hexdigest()


def _scripts(site: Path) -> dict[str, set[str]]:
    return {str(p.relative_to(site)): {_script_signature(s) for s in parse(p).scripts} for p in sorted(site.rglob("*.html"))}


# --- exit codes and messages --------------------------------------------------------------------


def test_build_succeeds_despite_bad_seeds(build: Build) -> None:
    assert build.code == 0, build.stderr


def test_each_problem_seed_gets_exactly_one_line_naming_it_and_the_reason(build: Build) -> None:
    for name, (_, words) in {**WARNED, **SKIPPED}.items():
        lines = [line for line in build.stderr if line.startswith(f"{name}: ")]
        assert len(lines) == 1, (name, build.stderr)
        assert all(word in lines[0] for word in words), lines[0]


def test_clean_seeds_get_no_message_and_nothing_else_is_said(build: Build) -> None:
    named = [line for line in build.stderr if any(line.startswith(f"{name}: ") for name in {**WARNED, **SKIPPED})]
    assert [line for line in build.stderr if line not in named] == []  # no mkdocs warnings, no tracebacks


def test_good_and_warned_seeds_are_built_and_skipped_ones_are_not(build: Build) -> None:
    articles = _dossier(build)["articles"]
    assert sorted(a["source"] for a in articles) == sorted([*CLEAN, *WARNED])
    for article in articles:
        assert (build.site / article["page"]).is_file()
        assert article["body"], article["source"]


def test_report_page_lists_every_problem_seed(build: Build) -> None:
    text = visible(build.site / "report.html")
    for name, (_, words) in {**WARNED, **SKIPPED}.items():
        assert name in text, name
        assert all(word in text for word in words), name
    assert f"Problems: {len(WARNED) + len(SKIPPED)}" in text


def test_strict_build_fails_with_exit_2(build: Build) -> None:
    assert build.strict_code == 2
    assert build.strict_stderr[-1] == f"dossier: --strict: {len(WARNED) + len(SKIPPED)} warnings, failing"


# --- nothing in the seeds becomes markup or code ------------------------------------------------


def test_no_page_carries_a_script_other_than_the_themes(build: Build) -> None:
    allowed = set().union(*_scripts(build.clean).values())
    extra = {page: found - allowed for page, found in _scripts(build.site).items() if found - allowed}
    assert extra == {}
    assert "alert(" not in "".join(s for p in build.site.rglob("*.html") for s in parse(p).scripts)


def test_no_event_handler_attributes_or_javascript_links(build: Build) -> None:
    for path in sorted(build.site.rglob("*.html")):
        for tag, attrs in parse(path).tags:
            assert not [k for k in attrs if k.startswith("on")], (path, tag, attrs)
            for key in ("href", "src", "action", "formaction"):
                assert not attrs.get(key, "").strip().lower().startswith("javascript:"), (path, tag, attrs)
        raw = path.read_text(encoding="utf-8")
        assert not re.search(r"<a\s[^>]*href\s*=\s*[\"']?\s*javascript:", raw, re.IGNORECASE), path


def test_seed_tables_and_headings_are_not_rendered_as_markup(build: Build) -> None:
    clean_article = next((build.clean / "articles").glob("article*.html")).read_text(encoding="utf-8")
    ours = clean_article.count("<table")  # tables our article template makes itself
    for source in ("markdown.txt", "markdown.md", "html.txt", "template.txt"):
        html = _page(build, source).read_text(encoding="utf-8")
        assert html.count("<table") == ours, source
    text = visible(_page(build, "markdown.txt"))
    assert "| Ana Silva | 4,210 |" in text and "title: injected" in text
    assert "[the official list](javascript:alert(1))" in text


def test_hostile_html_text_is_shown_as_text(build: Build) -> None:
    text = visible(_page(build, "html.txt"))
    assert "<script>alert(1)</script>" in text
    assert "<img src=x onerror=alert(1)>" in text
    assert '<a href="javascript:alert(2)">a link</a>' in text


def test_markdown_seed_keeps_its_text_and_drops_its_markup(build: Build) -> None:
    article = next(a for a in _dossier(build)["articles"] if a["source"] == "markdown.md")
    assert article["title"] == "Council approves new budget" and article["date"] == "2023-03-02"
    body = " ".join(article["body"])
    assert "by a narrow margin after a debate" in body and "Roads | 4m" in body
    assert "alert" not in body and "javascript" not in body


def test_template_syntax_is_not_evaluated(build: Build) -> None:
    text = visible(_page(build, "template.txt"))
    assert "saw the words {{ config.site_name }} where the title" in text
    assert "showed {% include \"x\" %} and {# a comment #} in place" in text


def test_odd_file_names_get_safe_ids_and_pages(build: Build) -> None:
    by_source = {a["source"]: a for a in _dossier(build)["articles"]}
    for name in ("name with spaces.txt", "Ünïcødé article.txt", ".hidden.txt", "a;b $(x) &.txt",
                 "[x](javascript:alert(1)) {{ config.site_name }} | a.txt"):
        article = by_source[name]
        assert re.fullmatch(r"[a-z0-9_-]+", article["id"]), article["id"]
        assert name in visible(build.site / article["page"])


def test_encodings_are_decoded(build: Build) -> None:
    by_source = {a["source"]: " ".join(a["body"]) for a in _dossier(build)["articles"]}
    assert "“prices rose” – again –" in by_source["windows-1252.txt"]
    assert "crêpes and Glühwein" in by_source["latin-1.txt"]
    assert "Weller Street bridge" in by_source["utf-16 with bom.txt"]
    assert "left thousands of homes" in by_source["nul-bytes.txt"]


def test_huge_seeds_are_cut_to_the_limit(build: Build) -> None:
    by_source = {a["source"]: a["body"] for a in _dossier(build)["articles"]}
    for name in ("huge.txt", "one-line.txt"):
        assert sum(len(p) for p in by_source[name]) <= SMALL_MAX_CHARS
        assert len(by_source[name]) > 10  # many paragraphs, not one block
    assert max(len(p) for p in by_source["one-line.txt"]) <= 2 * limits.PARAGRAPH_TARGET_CHARS


def test_site_links_resolve_and_stay_on_this_host(build: Build) -> None:
    assert broken_links(build.site) == []
    assert external_references(build.site) == []


# --- a real 50 MB file ---------------------------------------------------------------------------


def test_a_real_50_megabyte_seed_is_read_in_bounded_memory(tmp_path: Path) -> None:
    """Only a prefix is kept, though every byte is hashed (exact duplicates stay exact)."""
    block = "".join(f"Paragraph {i} says the committee heard evidence about the budget.\n" for i in range(100)).encode()
    digest = hashlib.sha256()
    with open(tmp_path / "huge.txt", "wb") as handle:
        for _ in range((50 << 20) // len(block) + 1):
            handle.write(block)
            digest.update(block)
    size = (tmp_path / "huge.txt").stat().st_size
    assert size >= 50 << 20
    tracemalloc.start()
    try:
        (article,), problems = read_seeds(tmp_path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 12 * limits.MAX_CHARS * limits.BYTES_PER_CHAR  # about 10 MB, never the 50 MB file
    assert len(problems) == 1
    assert re.fullmatch(rf"truncated to the first [\d,]+ characters \(file is {size:,} bytes\)", problems[0].message)
    assert article.content_hash == digest.hexdigest()
    assert sum(len(p.text) for p in article.paragraphs) <= limits.MAX_CHARS
