"""Reading and validating the editors' content: site folders to records."""

from __future__ import annotations

from pathlib import Path

MAX_FILE_BYTES = 2 * 1024 * 1024  # a larger text file is refused, named in the message


def site_folders(sites_dir: Path) -> list[Path]:
    """Every folder of the portal tree that may be a site, in a stable order."""
    return sorted(p for p in sites_dir.iterdir()
                  if p.is_dir() and not p.name.startswith((".", "_")) and not p.is_symlink())
