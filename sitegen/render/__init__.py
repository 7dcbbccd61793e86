"""Rendering: the Jinja2 theme, links between pages, and each output's writer."""

from pathlib import Path

THEMES = Path(__file__).resolve().parent.parent.parent / "themes"
DEFAULT_THEME = THEMES / "default"
