"""Seeds written as an attacker would, and one build of them through the ``dossier`` command.

Every payload, if any output channel let it run, would set ``window.__pwned``
or open an alert; the title channels (a title line, front matter, a title
made from the body, a corrections.yml rename) each carry one. Shared by the
output checks (test_trust_output.py) and the browser (test_browser_hostile.py).
"""

from __future__ import annotations

import contextlib
import io
from dataclasses import dataclass
from pathlib import Path

from generator.cli import main

ROOT = Path(__file__).resolve().parent.parent

#: Script that would run if it reached a page as markup, in the forms a parser may meet.
PAYLOADS = (
    "</title><script>window.__pwned=1</script>",
    "\"><img src=x onerror=\"window.__pwned=2\">",
    "' onmouseover='window.__pwned=3' x='",
    "<svg/onload=alert(4)>",
    "&#60;script&#62;window.__pwned=5&#60;/script&#62;",
    "&lt;img src=x onerror=window.__pwned=6&gt;",
    "</textarea></noscript></style><script>alert(7)</script>",
    "{: onclick=\"window.__pwned=8\" }",
    "javascript:window.__pwned=9",
)
P = " ".join(PAYLOADS)

BODY = (
    "Germany will send tanks to Ukraine, Chancellor Olaf Scholz said on Monday in Berlin after talks with allies.\n\n"
    "\u201cWe will stand with Ukraine for as long as it takes,\u201d Scholz said at a news conference in Berlin.\n\n"
    "The decision follows weeks of pressure from Poland and the Baltic states, officials in Warsaw said.\n"
)

SEEDS: dict[str, str] = {
    # a title line, a date and a URL line: the header the reader recognises
    "title-line.txt": f"Germany will send {PAYLOADS[0]} tanks to Ukraine {PAYLOADS[1]}\n20220404\nhttps://news.example.org/tanks\n\n{BODY}",
    # front matter: title and publisher given by the author
    "front-matter.md": (
        "---\n"
        f"title: '{P.replace(chr(39), chr(39) * 2)}'\n"
        f"publisher: '{PAYLOADS[3]} {PAYLOADS[2].replace(chr(39), chr(39) * 2)}'\n"
        "date: 2022-05-01\n---\n"
        "Farmers in Kestrel Bay protested on Tuesday against new water rules, said Maria Okafor of the farmers union.\n\n"
        "\u201cWe cannot water our fields,\u201d Okafor said at the protest in Kestrel Bay.\n"
    ),
    # no header: the title is made from the body, whose first sentence carries the payloads
    "no-title.txt": (
        f"The minister Anna Berg said {P} the budget would rise sharply this year in Stockholm.\n\n"
        f"\u201cThis budget is a promise {PAYLOADS[0]},\u201d Anna Berg said in Stockholm on Wednesday.\n\n"
        "The opposition leader Karl Svensson said the plan was reckless and would raise debt.\n"
    ),
    # a speaker and quotes carrying payloads
    "quotes.txt": (
        "Harbour strike ends\n\n"
        f"\u201cWe held the line {PAYLOADS[1]} and we won,\u201d said Maria Okafor, who chairs the union in Kestrel Bay.\n\n"
        "The harbour authority in Kestrel Bay said the strike had cost shipping lines millions.\n"
    ),
}
SEEDS["name <script>window.__pwned=10<\u2044script>.txt"] = (
    "Rail line reopens after landslide\n\n"
    "Trains ran again between Alderton and Brightwater on Monday, three weeks after a landslide buried the track.\n\n"
    "\u201cIt was the hardest repair we have done in twenty years,\u201d said Priya Raman, the regional rail manager.\n"
)

#: A rename that puts the payloads into an entity's name: its page title, nav, search, SVG labels.
CORRECTIONS = (
    "rename:\n"
    f"  \"Olaf Scholz\": '{P.replace(chr(39), chr(39) * 2)}'\n"
    f"  \"Berlin\": '{PAYLOADS[0]} Berlin'\n"
)


@dataclass
class HostileBuild:
    root: Path
    code: int
    stderr: list[str]

    @property
    def site(self) -> Path:
        return self.root / "site"


def write_seeds(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in SEEDS.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "corrections.yml").write_text(CORRECTIONS, encoding="utf-8")


def build_hostile(root: Path) -> HostileBuild:
    """``dossier build`` over the hostile seeds into ``root``/site (exit code and stderr kept)."""
    write_seeds(root / "seeds")
    buffer = io.StringIO()
    with contextlib.redirect_stderr(buffer):
        code = main(["build", "--seeds", str(root / "seeds"), "--content", str(root / "content"),
                     "--site", str(root / "site"), "--cache", str(root / "cache"),
                     "--config", str(ROOT / "mkdocs.yml"), "--quiet", "--processes", "1"])
    return HostileBuild(root, code, buffer.getvalue().splitlines())


def run_dossier(tmp: Path, seeds: Path, *extra: str) -> tuple[int, list[str]]:
    """``dossier build`` of ``seeds`` into ``tmp``/content, site and cache (one process); exit code, stderr lines."""
    buffer = io.StringIO()
    with contextlib.redirect_stderr(buffer):
        code = main(["build", "--seeds", str(seeds), "--content", str(tmp / "content"), "--site", str(tmp / "site"),
                     "--cache", str(tmp / "cache"), "--config", str(ROOT / "mkdocs.yml"), "--quiet", "--processes", "1",
                     *extra])
    return code, buffer.getvalue().splitlines()
