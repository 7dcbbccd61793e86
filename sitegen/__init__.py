"""sitegen: builds a local-government portal and its commune sub-sites.

The pipeline, one package a stage:
  content/  read and validate the editors' files into records; the kinds of
            content, one declaration each (content/kinds/)
  portal/   the tree of sites: inheritance down, aggregation up
  outputs/  plan what each site publishes (pages, feeds, calendars, sitemap)
  render/   Jinja2 theme, links, the per-site render loop, and the writers
  publish/  the staging folder, the atomic swap, the cache and the decisions
            of an incremental build
  commands/ build, check, new, serve, report: one module each
  editing/  the admin pages' local back end, which `serve --edit` mounts
"""

__version__ = "0.1.0"
