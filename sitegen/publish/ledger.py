"""When each record that must be listed with it (a document) first appeared
on the portal: kept in the published output itself, so a build without its
cache, or on another machine with the published tree, keeps the dates.

  OUT/.sitegen-ledger.json   {site: {kind: {identity: first published, ISO 8601}}}

A record never seen before is dated with the build's clock; a record taken
away keeps its date, should it come back.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

NAME = ".sitegen-ledger.json"

Ledger = dict  # (site slug, kind name, identity) -> datetime


def read_ledger(out: Path) -> Ledger:
    """The published portal's ledger ({} when there is none or it cannot be read)."""
    try:
        data = json.loads((Path(out) / NAME).read_text(encoding="utf-8"))
        return {(site, kind, identity): datetime.fromisoformat(moment)
                for site, kinds in data.items() for kind, entries in kinds.items()
                for identity, moment in entries.items()}
    except (OSError, ValueError, AttributeError, TypeError):
        return {}


def updated(ledger: Ledger, portal) -> Ledger:
    """The ledger with every record the portal publishes now."""
    merged = dict(ledger)
    for site in portal.sites:
        for (kind, identity), moment in site.first_published.items():
            merged.setdefault((site.slug, kind, identity), moment)
    return merged


def ledger_bytes(ledger: Ledger) -> bytes:
    data: dict = {}
    for (site, kind, identity), moment in sorted(ledger.items()):
        data.setdefault(site, {}).setdefault(kind, {})[identity] = moment.isoformat()
    return (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")
