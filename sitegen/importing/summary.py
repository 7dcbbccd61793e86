"""The summary at the end of an import, in Vietnamese: what came in, what was
left out and why, what needs an editor's look; a Markdown file the editor
works through (in the site's _nhap/ folder, which the build skips)."""

from __future__ import annotations

import difflib
from datetime import datetime
from pathlib import Path

from ..content.dates import LOCAL_TZ
from ..content.kinds import DEFAULT
from ..messages.console import say
from ..vietnamese import slugify
from .model import Batch
from .write import LEDGER_FOLDER, Outcome, _write_atomically, ledger_stem

SHOWN = 500  # lines per part of the summary (the rest counted)


def summary_text(batch: Batch, outcome: Outcome, site: str, now: datetime | None = None) -> str:
    now = now or datetime.now(LOCAL_TZ)
    lines = [f"# {say('import-summary-title', source=batch.source, site=site)}", "",
             say("import-summary-when", when=f"{now:%H:%M %d/%m/%Y}"), ""]
    added = [f"- {_kind_label(kind)}: {count}" for kind, count in sorted(outcome.added.items())]
    parts = [
        ("import-summary-added", added),
        ("import-summary-updated", [f"- `{p}`" for p in outcome.updated]),
        ("import-summary-kept", [f"- `{p}`" for p in outcome.kept]),
        ("import-summary-removed", [f"- `{p}`" for p in outcome.removed]),
        ("import-summary-left-out", [f"- {item.title or item.key} ({item.key}): {_worded(item.code, item.values)}"
                                     for item in batch.left_out]),
        ("import-summary-missing", [f"- `{path}`: {source}" for path, source in outcome.missing]),
        ("import-summary-refused", [f"- `{path}`: {source}" for path, source in outcome.refused]),
        ("import-summary-already", [f"- `{path}`: {value}" for path, value in outcome.already]),
        ("import-summary-elsewhere", [f"- `{path}`: {source}" for path, source in outcome.elsewhere]),
        ("import-summary-new-categories", [f"- {_category(name, count, outcome.site_categories)}"
                                           for name, count in outcome.new_categories.items()]),
        ("import-summary-look", [f"- `{path}`: {_worded(code, values)}" for path, code, values in outcome.notes]),
    ]
    for code, items in parts:
        lines += [f"## {say(code)}", ""]
        lines += items[:SHOWN] or [say("import-summary-nothing")]
        if len(items) > SHOWN:
            lines.append(f"- … (+{len(items) - SHOWN})")
        lines.append("")
    return "\n".join(lines + [say("import-summary-next"), ""])


def write_summary(site_folder: Path, batch: Batch, outcome: Outcome) -> Path:
    path = Path(site_folder) / LEDGER_FOLDER / f"bao-cao-{ledger_stem(batch)}.md"
    _write_atomically(path, summary_text(batch, outcome, Path(site_folder).name).encode("utf-8"))
    return path


def _category(name: str, count: int, known: tuple[str, ...]) -> str:
    """'Kinh tế & Xã hội: 3 bài (có phải "Kinh tế - Xã hội"?)': the site's closest category, if one is close."""
    folded = {slugify(k): k for k in known}
    like = difflib.get_close_matches(slugify(name), folded, n=1, cutoff=0.75)
    if like:
        return say("import-summary-category-like", name=name, count=count, like=folded[like[0]])
    return say("import-summary-category", name=name, count=count)


def _kind_label(name: str) -> str:
    kind = DEFAULT.get(name)
    return kind.label if kind is not None else name


def _worded(code: str, values: dict) -> str:
    try:
        return say(code, **{k: v for k, v in values.items() if k not in ("code", "lang")})
    except (KeyError, IndexError):
        return code
