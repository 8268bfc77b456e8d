"""The two settings of mkdocs.yml the pages need before MkDocs runs: ``site_url`` and ``site_name``.

A feed needs absolute links, so it is written only when the public address
(``site_url``) is known. The render stage runs before MkDocs (and with
``--no-site`` without it), so the file is read here with YAML alone, without
loading MkDocs' theme and plugins. Tags MkDocs understands (``!ENV``,
``!!python/name:``) are tolerated: ``!ENV`` is resolved as MkDocs resolves it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import yaml


@dataclass(frozen=True)
class SiteSettings:
    site_url: str | None
    site_name: str


class _Loader(yaml.SafeLoader):
    """Safe YAML that reads MkDocs' ``!ENV`` tag and ignores every other unknown tag."""


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> object:
    names = [loader.construct_scalar(node)] if isinstance(node, yaml.ScalarNode) else loader.construct_sequence(node)  # type: ignore[arg-type]
    *variables, default = names if len(names) > 1 else [*names, None]
    for name in variables:
        if isinstance(name, str) and name in os.environ:
            return os.environ[name]
    return default


def _unknown(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None


_Loader.add_constructor("!ENV", _env)
_Loader.add_multi_constructor("", _unknown)


def read_site_settings(config_file: Path) -> SiteSettings:
    """``site_url`` (None when unset, empty or unreadable) and ``site_name`` from ``config_file``."""
    try:
        data = yaml.load(Path(config_file).read_text(encoding="utf-8"), Loader=_Loader)  # noqa: S506 - safe subclass
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        data = None
    data = data if isinstance(data, dict) else {}
    url = data.get("site_url")
    name = data.get("site_name")
    return SiteSettings(
        site_url=url.strip() if isinstance(url, str) and url.strip() else None,
        site_name=name if isinstance(name, str) and name else "Briefing dossier",
    )
