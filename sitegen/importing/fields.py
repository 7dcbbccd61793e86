"""What every reader does to a value before it becomes front matter: cut to what
the kind's declaration allows (noted, so an editor looks), and a title made for
an item the old site left untitled. Used by wordpress.py and the NukeViet
readers; `source` names the reader's own note codes ('wp': import-wp-too-long)."""

from __future__ import annotations

import re

UNTITLED_WORDS = 12  # a title made from a long first sentence: its first words


def first_words(text: str) -> str:
    """A title for an untitled item: its first sentence when short, else its first words."""
    sentence = re.split(r"(?<=[.!?…])\s", text, maxsplit=1)[0]
    if len(sentence) <= 120:
        return sentence.rstrip(".")
    return " ".join(text.split()[:UNTITLED_WORDS]) + " …"


def fit(kind, key: str, text: str, notes: list, source: str) -> str:
    """A text cut to what the kind's field allows (noted when it had to be)."""
    limit = getattr(kind.field(key).type, "max_length", None) if kind.field(key) else None
    if limit and len(text) > limit:
        notes.append((f"import-{source}-too-long", {"key": key, "length": len(text), "limit": limit}))
        return text[:limit - 1].rstrip() + "…"
    return text


def fit_list(kind, key: str, values: list[str], notes: list, source: str) -> list[str]:
    """A list cut to as many items as the kind's field allows, each of them to its length."""
    declared = kind.field(key).type
    most, longest = getattr(declared, "max_items", None), getattr(getattr(declared, "item", None), "max_length", None)
    if longest:
        values = [v if len(v) <= longest else v[:longest - 1].rstrip() + "…" for v in values]
    if most and len(values) > most:
        notes.append((f"import-{source}-too-many", {"key": key, "count": len(values), "kept": most}))
        values = values[:most]
    return values
