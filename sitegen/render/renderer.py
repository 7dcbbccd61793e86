"""Turning planned outputs into bytes: pages through Jinja2, data files
through their own writers (feedgen, icalendar, the sitemap)."""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, TemplateError

from ..content.kind import Registry
from ..content.kinds import DEFAULT
from ..outputs.plan import Chrome, Output, OutputKind
from ..problems import Problem, Severity, problem
from . import structured
from .links import Linker
from .theme import Theme
from .writers.pictures import Encoder


class Renderer:
    """Renders the outputs of any site; keeps one Jinja environment per template set."""

    def __init__(self, theme: Theme, site_templates: dict[str, Path] | None = None,
                 compiled: Path | None = None, kinds: Registry = DEFAULT):
        """site_templates: the templates/ folder of each site that has one;
        compiled: a folder to keep compiled templates in between builds."""
        self.theme = theme
        self.site_templates = site_templates or {}
        self.compiled = compiled
        self.kinds = kinds
        self._theme_env = theme.environment(compiled=compiled, section_paths=kinds.template_paths())
        self._site_envs: dict[str, Environment] = {}
        self._broken: set[tuple[str, str]] = set()
        self.problems: list[Problem] = []
        self.pictures = Encoder()

    def render(self, output: Output) -> bytes:
        site: Chrome = output.context["site"]
        if output.kind is OutputKind.PAGE:
            return self._page(output, site)
        if output.kind is OutputKind.ADMIN:  # the theme's alone: a site's own templates do not reach it
            return self._theme_env.get_template(output.template).render(output.context).encode("utf-8")
        if output.kind is OutputKind.CMS_CONFIG:
            from .writers.admin import render_cms_config

            return render_cms_config(output.data)
        linker = Linker(site.ref, "", mode="absolute", kinds=self.kinds)
        wording = self.theme.wording
        # Imported when first needed: a small rebuild often writes no feed or calendar.
        if output.kind is OutputKind.FEED:
            from .writers.feeds import render_feed

            return render_feed(output.data, output.context["entries"], site, linker, wording)
        if output.kind is OutputKind.CALENDAR:
            from .writers.calendar import render_calendar

            return render_calendar(site, output.context["events"], linker, wording,
                                   output.context.get("title_key", "schedule"))
        if output.kind is OutputKind.SITEMAP:
            from .writers.sitemap import render_sitemap

            return render_sitemap(site, output.data, linker, output.context.get("alternates", {}))
        if output.kind is OutputKind.ROBOTS:
            from .writers.sitemap import render_robots

            return render_robots(site, linker, output.data or ())
        if output.kind is OutputKind.JSON:
            import json

            return json.dumps(output.context["data"], ensure_ascii=False, sort_keys=True,
                              separators=(",", ":")).encode("utf-8")
        if output.kind is OutputKind.CSV:
            from .writers.csv import render_csv

            return render_csv(*output.context["data"])
        raise ValueError(f"no writer for {output.kind!r}")

    def _page(self, output: Output, site: Chrome) -> bytes:
        meta = output.context["meta"]
        linker = Linker(site.ref, meta.path, mode="rooted" if meta.not_found else "relative",
                        pictures=site.pictures, kinds=self.kinds)
        context = dict(output.context, link=linker)
        wording = self.theme.words(site.lang)
        if wording is not self.theme.wording:  # a page in English: the theme's English words
            context["t"] = wording
        context["json_ld"] = structured.for_page(context, linker, wording)
        env = self._environment(site)
        if env is not self._theme_env and (site.slug, output.template) not in self._broken:
            try:
                return env.get_template(output.template).render(context).encode("utf-8")
            except TemplateError as error:
                self._report_template(site, output.template, error)
        return self._theme_env.get_template(output.template).render(context).encode("utf-8")

    def _environment(self, site: Chrome) -> Environment:
        folder = self.site_templates.get(site.slug)
        if folder is None:
            return self._theme_env
        if site.slug not in self._site_envs:
            self._site_envs[site.slug] = self.theme.environment(
                folder, self.compiled / site.slug if self.compiled else None, self.kinds.template_paths())
        return self._site_envs[site.slug]

    def _report_template(self, site: Chrome, name: str, error: TemplateError) -> None:
        self._broken.add((site.slug, name))
        line = getattr(error, "lineno", None)
        detail = getattr(error, "message", None) or str(error)
        shown = f"{self.site_templates[site.slug]}/{name}"
        self.problems.append(problem(shown, line, "bad-template", Severity.ERROR, name=name, detail=detail))
