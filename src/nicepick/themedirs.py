"""Where theme files are: a site's own templates/ and static/ first, then the built-in theme.

Kept apart from theme.py so that checking whether a build is needed at all does not import
Jinja.
"""

from __future__ import annotations

from pathlib import Path

from nicepick.config import SiteConfig

_PACKAGE = Path(__file__).resolve().parent


def builtin_dir(name: str) -> Path:
    """The default theme's `templates` or `static` folder.

    An installed wheel carries it inside the package (nicepick/theme/); a source checkout uses
    the repository's own top-level folders, which are the same files.
    """
    packaged = _PACKAGE / "theme" / name
    if packaged.is_dir():
        return packaged
    return _PACKAGE.parent.parent / name


def template_dirs(config: SiteConfig) -> list[Path]:
    """Where templates are looked up, in order; the site's own folder is skipped if absent."""
    dirs = []
    site_templates = config.source / "templates"
    builtin = builtin_dir("templates")
    if site_templates.is_dir() and site_templates.resolve() != builtin.resolve():
        dirs.append(site_templates)
    dirs.append(builtin)
    return dirs
