"""The user's corrections to the entity lists, read from ``corrections.yml``.

Ingest reads and checks the file (a malformed one stops the build before any
analysis); the link stage applies what it holds (:mod:`generator.link.entity_corrections`,
:mod:`generator.link.speakers`).

No automatic linker is always right, and an analyst must be able to fix its
output once and have the fix survive every rebuild. The file lives in the
seeds folder and is applied on every build, after automatic linking, in this
order: ``merge``, ``rename``, ``type``, ``drop``. Every section is optional::

    # corrections.yml
    merge:                      # the first name is kept, the others fold into it
      - [Vladimir Putin, V. Putin]
      - [Mohammed Bin Salman, MBS, Mohammed bin Salman]
    rename:                     # current name -> name to show
      Recep Tayyip Erdogan: Recep Tayyip Erdoğan
    type:                       # name -> person | organisation | place
      Kremlin: organisation
    drop:                       # entities that should not be listed at all
      - Zombie
      - Entrepreneur
    speakers:                   # who said a quote: an entity, or nobody (~)
      - article: 003_ee23259b59b93aa8.txt   # the seed's file name, or the article's id
        quote: "We will not allow"          # the quote's first words
        speaker: Vladimir Putin


A name may be an entity's name, any of its aliases, or its id (the last part
of its page address, "vladimir-putin"); case, accents and a leading "the" do
not matter. A ``speakers`` entry finds its quote by the article (seed file
name or id) and the quote's first words (case, spacing and quotation marks do
not matter), so it survives rebuilds; it is applied after the entity
corrections. An entry that names no entity, article or quote is reported as a warning with the
file and line; a file that cannot be read as this format stops the build with
``CorrectionsError("corrections.yml line N: reason")``.
"""

from __future__ import annotations

import os
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from generator import safeyaml
from generator.model import CorrectionAction, Correction, Corrections, EntityType, Problem, SpeakerCorrection

from . import limits
from .decode import read_raw
from .files import refusal

ACTIONS: tuple[CorrectionAction, ...] = ("merge", "rename", "type", "drop")
SPEAKERS = "speakers"
SECTIONS = (*ACTIONS, SPEAKERS)
#: Values of ``speaker`` that mean "nobody said it" (besides an empty value).
NOBODY = ("nobody", "none", "no one")
TYPE_NAMES: dict[str, EntityType] = {
    "person": "person",
    "people": "person",
    "organisation": "organisation",
    "organization": "organisation",
    "org": "organisation",
    "place": "place",
    "location": "place",
}


class CorrectionsError(ValueError):
    """The corrections file is not valid YAML or not in the documented format."""


def _line(node: Node) -> int:
    return node.start_mark.line + 1


def _scalar(node: Node, source: str, what: str) -> str:
    if not isinstance(node, ScalarNode) or not str(node.value).strip():
        raise CorrectionsError(f"{source} line {_line(node)}: {what} must be a name (text)")
    return str(node.value).strip()


def _pairs(node: Node, source: str, section: str) -> list[tuple[Node, Node]]:
    """Accept ``{a: b, ...}`` or a list of one-pair mappings ``[{a: b}, ...]``."""
    if isinstance(node, MappingNode):
        return list(node.value)
    if isinstance(node, SequenceNode):
        pairs: list[tuple[Node, Node]] = []
        for item in node.value:
            if not isinstance(item, MappingNode):
                raise CorrectionsError(
                    f"{source} line {_line(item)}: each '{section}' entry must be 'name: value'"
                )
            pairs.extend(item.value)
        return pairs
    if isinstance(node, ScalarNode) and node.value in ("", "~", "null"):
        return []
    raise CorrectionsError(f"{source} line {_line(node)}: '{section}' must map names to values")


def _names_list(node: Node, source: str, section: str) -> list[ScalarNode]:
    if isinstance(node, ScalarNode) and node.value in ("", "~", "null"):
        return []
    if not isinstance(node, SequenceNode):
        raise CorrectionsError(f"{source} line {_line(node)}: '{section}' must be a list")
    return node.value


def parse_corrections(text: str, source: str = "corrections.yml") -> tuple[Corrections, list[Problem]]:
    """Read the YAML text; raise CorrectionsError on anything not in the format."""
    try:
        root = safeyaml.compose(text)  # no aliases, bounded depth and size: never a traceback
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        where = f" line {mark.line + 1}" if mark is not None else ""
        reason = getattr(exc, "problem", None) or str(exc)
        raise CorrectionsError(f"{source}{where}: not valid YAML ({reason})") from exc
    corrections = Corrections(source=source)
    problems: list[Problem] = []
    if root is None or (isinstance(root, ScalarNode) and root.value in ("", "~", "null")):
        return corrections, problems
    if not isinstance(root, MappingNode):
        raise CorrectionsError(
            f"{source} line {_line(root)}: expected sections {', '.join(SECTIONS)} at the top level"
        )
    sections = _fields(root, source, "section", SECTIONS)

    for action in ACTIONS:  # the documented order of application
        node = sections.get(action)
        if node is None:
            continue
        if action == "merge":
            for item in _names_list(node, source, action):
                if not isinstance(item, SequenceNode):
                    raise CorrectionsError(
                        f"{source} line {_line(item)}: each merge entry must be a list of names, "
                        "the one to keep first"
                    )
                names = tuple(_scalar(n, source, "a merge entry") for n in item.value)
                if len(names) < 2:
                    raise CorrectionsError(
                        f"{source} line {_line(item)}: a merge entry needs at least two names"
                    )
                corrections.entries.append(Correction("merge", names, _line(item)))
        elif action == "drop":
            for item in _names_list(node, source, action):
                name = _scalar(item, source, "a drop entry")
                corrections.entries.append(Correction("drop", (name,), _line(item)))
        else:
            seen: dict[str, int] = {}
            for key_node, value_node in _pairs(node, source, action):
                name = _scalar(key_node, source, f"a {action} entry")
                value = _scalar(value_node, source, f"the new {action}")
                if action == "type":
                    value_key = value.lower()
                    if value_key not in TYPE_NAMES:
                        raise CorrectionsError(
                            f"{source} line {_line(value_node)}: unknown type '{value}' "
                            "(expected person, organisation or place)"
                        )
                    value = TYPE_NAMES[value_key]
                line = _line(key_node)
                if name in seen:
                    problems.append(
                        Problem(
                            source,
                            f"line {line}: '{name}' is given a {action} twice "
                            f"(also line {seen[name]}); the later one wins",
                        )
                    )
                seen[name] = line
                corrections.entries.append(Correction(action, (name,), line, value))  # type: ignore[arg-type]
    if SPEAKERS in sections:
        corrections.speakers = _speakers(sections[SPEAKERS], source)
    return corrections, problems


def _fields(node: MappingNode, source: str, what: str, allowed: tuple[str, ...]) -> dict[str, Node]:
    """The mapping's values by lower-case key; an unknown or repeated key stops the build with its line."""
    found: dict[str, Node] = {}
    for key_node, value_node in node.value:
        key = _scalar(key_node, source, f"a {what} name").lower()
        if key not in allowed:
            raise CorrectionsError(
                f"{source} line {_line(key_node)}: unknown {what} '{key}' (expected one of: {', '.join(allowed)})"
            )
        if key in found:
            raise CorrectionsError(f"{source} line {_line(key_node)}: {what} '{key}' appears twice")
        found[key] = value_node
    return found


def _speakers(node: Node, source: str) -> list[SpeakerCorrection]:
    """The ``speakers`` section: a list of ``{article, quote, speaker}`` mappings."""
    entries: list[SpeakerCorrection] = []
    for item in _names_list(node, source, SPEAKERS):
        if not isinstance(item, MappingNode):
            raise CorrectionsError(
                f"{source} line {_line(item)}: each speakers entry must have article, quote and speaker"
            )
        fields = _fields(item, source, "speakers field", ("article", "quote", "speaker"))
        for needed in ("article", "quote", "speaker"):
            if needed not in fields:
                raise CorrectionsError(f"{source} line {_line(item)}: a speakers entry needs '{needed}'")
        speaker_node = fields["speaker"]
        speaker: str | None = None
        if not (isinstance(speaker_node, ScalarNode) and speaker_node.tag.endswith(":null")):
            speaker = _scalar(speaker_node, source, "the speaker")
            if speaker.lower() in NOBODY:
                speaker = None
        entries.append(
            SpeakerCorrection(
                article=_scalar(fields["article"], source, "the article"),
                quote=_scalar(fields["quote"], source, "the quote"),
                speaker=speaker,
                line=_line(item),
            )
        )
    return entries


def load_corrections(path: Path) -> tuple[Corrections, list[Problem]]:
    """Read ``path``; a missing file means no corrections and no problem."""
    path = Path(path)
    if not os.path.lexists(path):
        return Corrections(source=path.name), []
    # The file is in the seeds folder and obeys the seeds' rules: a regular file that resolves
    # inside it (a link to a secret must not be parsed and quoted in an error line).
    why = refusal(path, path.parent.resolve())
    if why is not None:
        raise CorrectionsError(f"{path.name}: {why.removeprefix('skipped: ')}; not read")
    try:
        raw = read_raw(path)
        if raw.truncated:
            raise CorrectionsError(f"{path.name}: larger than {limits.max_bytes():,} bytes; not read")
        text = raw.data.decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CorrectionsError(f"{path.name} line 1: cannot read the file ({exc})") from exc
    return parse_corrections(text, source=path.name)
