"""The theme: its templates, static files and wording, and the Jinja2 setup.

Every site renders with the theme's templates. A site with its own
templates/ folder gets an environment of its own in Jinja's immutable
sandbox, whose loader looks in that folder first: a sub-site's template can
change the look of its own pages but cannot reach Python objects, files
outside its folder, or other sites.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from jinja2 import ChoiceLoader, Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined, select_autoescape
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup, escape

from .. import vietnamese
from ..content import paths
from ..content.vocabulary import VOCABULARIES
from ..outputs.feeds import feed_title
from . import DEFAULT_THEME



@dataclass(frozen=True)
class Theme:
    folder: Path
    wording: dict[str, str]
    # Each static file (relative to static/) by the name it is published under in
    # every site's assets/: named by its content ('style.3f2a1b9c04.css'), so a
    # browser may keep it for a year and a new version is a new name.
    assets: dict[str, str]
    admin_files: tuple[str, ...] = ()  # relative to admin/: the CMS of every site's admin page
    # The wording of the pages in English (wording.yaml's `en:`), Vietnamese where it has no key.
    english: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls, folder: Path = DEFAULT_THEME) -> "Theme":
        wording = yaml.load((folder / "wording.yaml").read_text(encoding="utf-8"),
                            Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        english = wording.pop(paths.ENGLISH, None) or {}
        static = folder / "static"
        assets = {p.relative_to(static).as_posix(): _content_named(p.relative_to(static).as_posix(), p.read_bytes())
                  for p in sorted(static.rglob("*")) if p.is_file()}
        admin = folder / "admin"  # its scripts, style sheet and licence notices; not the pin record
        admin_files = tuple(sorted(p.name for p in admin.glob("*") if p.suffix in (".js", ".css", ".txt")))
        vietnamese = {k: str(v) for k, v in wording.items()}
        return cls(folder, vietnamese, assets, admin_files, {**vietnamese, **{k: str(v) for k, v in english.items()}})

    def words(self, lang: str) -> dict[str, str]:
        """The wording of pages in a language."""
        return self.english if lang == paths.ENGLISH and self.english else self.wording

    @property
    def static_files(self) -> tuple[str, ...]:
        """The published names of the static files (what every site's assets/ holds)."""
        return tuple(sorted(self.assets.values()))

    def template_fingerprints(self) -> dict[str, str]:
        """Each template's fingerprint, covering the templates it extends,
        includes or imports and the wording: what its pages depend on."""
        folder = self.folder / "templates"
        sources = {p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8")
                   for p in sorted(folder.rglob("*.html"))}
        uses = {name: set(_REFERENCE.findall(text)) for name, text in sources.items()}
        wording = repr(sorted(self.wording.items())) + repr(sorted(self.assets.items()))  # pages name both
        wording += repr(sorted(self.english.items()))
        result = {}
        for name in sources:
            closure, todo = set(), [name]
            while todo:
                current = todo.pop()
                if current in closure or current not in sources:
                    continue
                closure.add(current)
                todo.extend(uses[current])
            digest = hashlib.sha256(wording.encode())
            for used in sorted(closure):
                digest.update(used.encode() + b"\0" + sources[used].encode())
            result[name] = digest.hexdigest()[:20]
        return result

    def static_path(self, published: str) -> Path:
        """The theme's file published under this name."""
        source = next(name for name, shown in self.assets.items() if shown == published)
        return self.folder / "static" / source

    def admin_path(self, name: str) -> Path:
        return self.folder / "admin" / name

    def environment(self, site_templates: Path | None = None, compiled: Path | None = None,
                    section_paths: dict[str, str] = paths.SECTIONS) -> Environment:
        """The theme's environment, or a sandboxed one that looks in a site's
        templates first. compiled: where compiled templates are kept between builds;
        section_paths: what templates link to by name (link(paths.news))."""
        theme_loader = FileSystemLoader(str(self.folder / "templates"))
        cache = FileSystemBytecodeCache(str(compiled)) if compiled else None
        if compiled:
            compiled.mkdir(parents=True, exist_ok=True)
        if site_templates is None:
            env = Environment(loader=theme_loader, bytecode_cache=cache, **_OPTIONS)
        else:
            loader = ChoiceLoader([FileSystemLoader(str(site_templates), followlinks=False), theme_loader])
            env = ImmutableSandboxedEnvironment(loader=loader, bytecode_cache=cache, **_OPTIONS)
        env.filters.update(FILTERS)
        wording = self.wording
        assets = self.assets
        env.globals.update(
            t=wording,
            paths=section_paths,
            asset=lambda name: paths.ASSETS + assets[name],  # link(asset('style.css'))
            feed_title=lambda spec, site: feed_title(spec, site, wording),
        )
        return env


def _content_named(relative: str, data: bytes) -> str:
    """'style.css' as 'style.<10 hex of its content>.css'."""
    digest = hashlib.sha256(data).hexdigest()[:10]
    folder, _, name = relative.rpartition("/")
    stem, dot, extension = name.rpartition(".")
    named = f"{stem}.{digest}.{extension}" if dot and stem else f"{name}.{digest}"
    return f"{folder}/{named}" if folder else named


# {% extends "x" %}, {% include 'x' %}, {% import "x" as m %}, {% from "x" import y %}
_REFERENCE = re.compile(r"""{%-?\s*(?:extends|include|import|from)\s+["']([^"']+)["']""")

_OPTIONS = dict(
    autoescape=select_autoescape(default=True, default_for_string=True),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    auto_reload=False,
)

def email_breaks(address: str) -> Markup:
    """An e-mail address a narrow line may break only after its '@' or a dot
    (<wbr>), never in the middle of a name: 'manhnt@|phutho.|gov.|vn'."""
    return Markup(re.sub(r"([@.])", r"\1<wbr>", str(escape(address))))


FILTERS = {
    "vn_datetime": vietnamese.format_datetime,
    "vn_date": vietnamese.format_date,
    "vn_day": vietnamese.format_day,
    "vn_time": vietnamese.format_time,
    "weekday": vietnamese.weekday,
    "number": vietnamese.format_number,
    "iso": lambda moment: moment.isoformat(),
    "iso_date": lambda moment: moment.date().isoformat(),
    "filesize": vietnamese.format_size,
    "email_breaks": email_breaks,  # {{ person.email | email_breaks }}: the text of a mailto: link
    "label": lambda key, vocabulary: VOCABULARIES[vocabulary].label(key),  # {{ p.level | label('levels') }}
}
