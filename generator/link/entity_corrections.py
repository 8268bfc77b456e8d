"""Link phase 6, corrections: the user's ``corrections.yml`` applied to the clusters.

Merge, rename, retype and drop as the user asked; an entry that names nothing
in the dossier becomes a warning with the file and line. Reading and checking
the file is :mod:`generator.ingest.corrections`' job; this module only applies it.
"""

from __future__ import annotations

from generator.lexicon.gazetteer import fold
from generator.link.naming import Cluster
from generator.model import Correction, Corrections, Problem


def apply_corrections(clusters: list[Cluster], corrections: Corrections, problems: list[Problem]) -> list[Cluster]:
    """Merge, rename, retype and drop as the user asked; warn about names that match nothing."""
    alive = list(clusters)

    def find(name: str) -> list[Cluster]:
        key = fold(name)
        exact = [c for c in alive if c.id == name.strip().lower() or fold(c.name) == key]
        if exact:
            return exact
        return [c for c in alive if key in c.keys or any(fold(s) == key for s in c.surfaces)]

    def missing(entry: Correction, name: str, why: str = "names no entity") -> None:
        problems.append(
            Problem(corrections.source, f"line {entry.line}: {entry.action}: '{name}' {why}", "warning")
        )

    for entry in corrections.entries:
        if entry.action == "merge":
            targets = find(entry.names[0])
            if len(targets) != 1:
                missing(entry, entry.names[0], "names no entity" if not targets else "names several entities; use its id")
                continue
            target = targets[0]
            for other_name in entry.names[1:]:
                others = [c for c in find(other_name) if c is not target]
                if not others:
                    if target not in find(other_name):
                        missing(entry, other_name)
                    continue
                for other in others:
                    target.refs = sorted(target.refs + other.refs, key=lambda r: r.order)
                    target.keys |= other.keys
                    target.surfaces.update(other.surfaces)
                    alive.remove(other)
        else:
            found = find(entry.names[0])
            if not found:
                missing(entry, entry.names[0])
                continue
            for c in found:
                if entry.action == "rename" and entry.value:
                    c.surfaces[c.name] = max(c.surfaces[c.name], 1)  # the old name stays an alias
                    c.name = entry.value
                elif entry.action == "type" and entry.value:
                    c.type = entry.value  # type: ignore[assignment]
                elif entry.action == "drop":
                    alive.remove(c)
    return alive
