"""site stage: MkDocs builds the static site from content/."""

from .mkdocs_build import SiteBuildError, SiteResult, build_site

__all__ = ["SiteBuildError", "SiteResult", "build_site"]
