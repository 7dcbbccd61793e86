"""The message catalogue: every message sitegen shows, in Vietnamese and English.

editors.py  what the build, `check` and the preview tell editors about their files
report.py   what the webmaster's report says of each site

Messages are templates with named placeholders, filled from a Problem's (or a
report problem's) parameters when shown, in the language asked for.
"""
