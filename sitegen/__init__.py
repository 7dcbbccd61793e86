"""sitegen: builds a local-government portal and its commune sub-sites.

The pipeline, one package a stage:
  content/  read and validate the editors' files into records
  portal/   the tree of sites: inheritance down, aggregation up
  outputs/  plan what each site publishes (pages, feeds, calendar, sitemap)
  render/   Jinja2 theme, links, and the writers for each output kind
  publish/  the staging folder and the atomic swap
  commands/ build, check, new, serve, report: one module each
"""

__version__ = "0.1.0"
