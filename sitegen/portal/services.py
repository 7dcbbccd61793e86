"""Each site's public-service addresses: its own `services:`, else its parent's.

The root's site.yaml names the province's public-service portal, tracking and
feedback pages once; every sub-site takes them, key by key, unless its own
site.yaml names one (content/national.py has the national defaults).
"""

from __future__ import annotations

from dataclasses import replace

from ..content.national import Services


def with_services(sites: list) -> list:
    """The sites (parents before their sub-sites) with the addresses they show."""
    found: dict[str, Services] = {}
    done = []
    for site in sites:
        parent = found.get(site.parent.slug, Services()) if site.parent else Services()
        found[site.slug] = site.config.services.under(parent)
        done.append(replace(site, services=found[site.slug]))
    return done
