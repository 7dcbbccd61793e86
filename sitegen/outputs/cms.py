"""What a site's admin page offers its editors: the CMS configuration, from the kinds.

Every site has an admin page (quan-tri/) where its editors write in the
browser: Decap CMS, run from the site's own origin, saving the same Markdown
files an editor would write by hand into the site's folder of a Git
repository. Its configuration (quan-tri/config.yml) is made here from the
registry of kinds, so it cannot drift from what the build accepts: a
collection per kind, a form field per declared field, each with the widget
its type calls for (WIDGETS: the one table from field types to widgets), the
help text `check` uses as the field's hint, required fields marked as the
declarations say (Decap writes "không bắt buộc" beside the others), choices
from the closed vocabularies. What the form knows of the site itself comes
from the plan (SiteForm): the terms of a taxonomy to choose among (the news
categories: its site.yaml's and those in use, so a typo makes no new one),
whether it has a parent (a field only a sub-site means something by, such as
sending an article up, is pre-filled there and hidden on the root), its
emblem for the login page. Each list is newest first by the kind's first
date, and each saved file leads to its page (preview_path, page_addresses).
Nothing here names a kind.

A site's configuration names only its own folder: every path in it is made
here from the site's folder name (sites/<folder>/), which the portal accepts
for an admin page only when it is a slug (no '/', no '..').
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field as _field
from pathlib import PurePosixPath
from typing import Any, Callable

from ..content import paths
from ..content.addresses import origin
from ..content.vocabulary import SERVICE
from ..content.dates import parse_when
from ..content.kind import MARKDOWN, Field, Kind, Registry
from ..content.records import CmsTarget
from ..vietnamese import collation_key
from ..content.nested import Mapping, MappingList
from ..content.types import (
    EMAIL, PROCEDURE_CODE, SLUG, SAFE_SCHEMES, AssetPath, Boolean, Choice, DateTime, Email, FieldType, Integer,
    ProcedureCode, Reference, Slug, Text, TextList, Url,
)

REPOSITORY_FOLDER = "sites"  # where the site folders are in every content repository
LOCAL_API = "/__sitegen/cms/{folder}"  # the preview's local back end for one site (serve --edit)
SERVICE_PATH = "/__sitegen/service/"  # + a site's folder: the publishing service (serving/identity.py)
# Decap has no time-zone setting: its picker shows and writes the browser's wall-clock
# time. Written without an offset, what the editor typed is what the build reads, as
# Asia/Ho_Chi_Minh, whatever the zone of the editor's computer.
DATE_TIME = "YYYY-MM-DD HH:mm"
DATE = "YYYY-MM-DD"
MARKDOWN_BUTTONS = ("bold", "italic", "link", "heading-two", "heading-three", "quote", "bulleted-list",
                    "numbered-list")


@dataclass(frozen=True)
class SiteForm:
    """What a site's form knows of the site beyond its folder (outputs/plan.py tells it)."""

    sub_site: bool = False  # it has a parent: fields only a sub-site's file means something by are shown
    terms: dict[str, tuple[str, ...]] = _field(default_factory=dict)  # taxonomy -> the terms offered
    logo: str = ""  # the login page's picture, relative to the admin page


class Form:
    """What a field's widget may need: the site's folder in the repository, the kinds and the site."""

    def __init__(self, folder: str, kinds: Registry, site: SiteForm | None = None):
        self.base = f"{REPOSITORY_FOLDER}/{folder}"
        self.kinds = kinds
        self.site = site or SiteForm()

    def media(self, folder: str) -> dict:
        """Uploads go into the site's images/ or files/, and are written as 'images/x.jpg'."""
        return {"media_folder": f"/{self.base}/{folder}", "public_folder": folder}


# The widgets -------------------------------------------------------------------

def _text(kind: Text, example: Any, form: Form) -> dict:
    return {"widget": "text" if kind.multiline else "string"}


def _reference(kind: Reference, example: Any, form: Form) -> dict:
    """A choice among the same site's records of another kind, written as the template says."""
    if form.kinds.get(kind.kind) is None:
        return {"widget": "string"}
    template = re.sub(r"{(\w+)}", r"{{\1}}", kind.template)
    return {"widget": "relation", "collection": kind.kind, "search_fields": list(kind.names),
            "value_field": template, "display_fields": [template]}


def _datetime(kind: DateTime, example: Any, form: Form) -> dict:
    """A date and time picker; a date alone when the field's example has no time."""
    try:
        date_only = parse_when(str(example)).all_day
    except ValueError:
        date_only = False
    if date_only:
        return {"widget": "datetime", "format": DATE, "time_format": False, "picker_utc": False}
    return {"widget": "datetime", "format": DATE_TIME, "picker_utc": False}


def _choice(kind: Choice, example: Any, form: Form) -> dict:
    """The closed list's Vietnamese labels; written as editors write them by hand
    ('commune', 'Quyết định'), so a hand-written file shows its choice too."""
    words = kind.vocabulary
    return {"widget": "select", "options": [{"label": word.vi, "value": words.spelled(word.key)} for word in words]}


def _text_list(kind: TextList, example: Any, form: Form) -> dict:
    """One box per item: items may hold commas (participants, legal bases)."""
    return {"widget": "list", "field": {"label": "Mục", "name": "item", "widget": "string"}}


def _labelled(config: dict, name: str, help_text: str) -> dict:
    """A form field's label, and its hint when it says more than the label."""
    config["label"] = name
    if config.get("widget") == "list":
        config["label_singular"] = name[:1].lower() + name[1:]  # "Thêm từ khóa"
    if help_text and help_text.lower() != name.lower():
        config["hint"] = help_text[:1].upper() + help_text[1:]
    return config


def _asset(kind: AssetPath, example: Any, form: Form) -> dict:
    widget = "image" if kind.folder + "/" == paths.PICTURES else "file"
    return {"widget": widget, "choose_url": False, **form.media(kind.folder)}


def _pattern(regex: str, vi: str) -> Callable[[FieldType, Any, Form], dict]:
    return lambda kind, example, form: {"widget": "string", "pattern": [f"^(?:{regex})$", vi.format(
        example=kind.example)]}


def _url(kind: Url, example: Any, form: Form) -> dict:
    schemes = "|".join(f"{s}:" + ("//" if s.startswith("http") else "") for s in SAFE_SCHEMES)
    start = f"(?:{schemes}|/)" if kind.site_paths else f"(?:{schemes})"
    return {"widget": "string", "pattern": [f"^{start}\\S+$", f"Địa chỉ bắt đầu bằng https://, ví dụ {kind.example}"]}


def _mapping(kind: Mapping, example: Any, form: Form, required: bool = True) -> dict:
    return {"widget": "object", "collapsed": not required, "fields": _sub_fields(kind, form, required)}


def _mapping_list(kind: MappingList, example: Any, form: Form) -> dict:
    fields = _sub_fields(kind.item, form, True)
    return {"widget": "list", "fields": fields, "summary": "{{fields.%s}}" % fields[0]["name"]}


# Field type -> widget: the one place that says how each type is edited. A type
# without an entry here (nor a parent type with one) stops the build of the config.
WIDGETS: dict[type, Callable[[Any, Any, Form], dict]] = {
    Text: _text,
    Reference: _reference,
    Integer: lambda kind, example, form: {"widget": "number", "value_type": "int"},
    Boolean: lambda kind, example, form: {"widget": "boolean"},
    DateTime: _datetime,
    Choice: _choice,
    TextList: _text_list,
    AssetPath: _asset,
    Url: _url,
    Email: _pattern(EMAIL.pattern, "Thư điện tử chưa đúng dạng, ví dụ {example}"),
    Slug: _pattern(SLUG.pattern, "Chỉ chữ thường không dấu, chữ số và dấu '-', ví dụ {example}"),
    ProcedureCode: _pattern(PROCEDURE_CODE.pattern, "Mã thủ tục gồm chữ số dạng {example}"),
    Mapping: _mapping,
    MappingList: _mapping_list,
}


def widget(kind: FieldType, example: Any, form: Form) -> dict:
    for cls in type(kind).__mro__:
        if cls in WIDGETS:
            return WIDGETS[cls](kind, example, form)
    raise LookupError(f"no admin-page widget for the field type {type(kind).__name__}: add it to WIDGETS")


# Fields and collections -----------------------------------------------------------

def label(field: Field) -> str:
    """The field's name on the form: its label, else the first words of its help."""
    if field.label:
        return field.label
    words = re.sub(r"^true:\s*", "", field.help)
    words = re.split(r":|;|\s\(", words, maxsplit=1)[0].strip()
    return words[:1].upper() + words[1:]


def hint(field: Field) -> str:
    """The help `check` and the scaffolds give; a switch needs no 'true:', and a
    list of choices no list of the words files use for them ('a | b')."""
    if isinstance(field.type, Boolean):
        return re.sub(r"^true:\s*", "", field.help)
    if isinstance(field.type, Choice):
        return re.sub(r":[^:;]*\|[^;]*", "", field.help).strip()
    return field.help


def field_config(field: Field, form: Form, required: bool | None = None, offered: tuple[str, ...] = ()) -> dict:
    """A field's form field; offered: the site's terms to choose among (a taxonomy's, see _offered)."""
    required = field.required if required is None else required
    config = {"label": label(field), "name": field.name}
    if field.sub_sites_only and not form.site.sub_site:  # nothing on the root: a file's value is kept as it is
        return {**config, "widget": "hidden", "required": False}
    if isinstance(field.type, Mapping):
        config.update(_mapping(field.type, field.example_value(), form, required))
    elif offered:
        config.update({"widget": "select", "options": list(offered)})
        if isinstance(field.type, TextList):
            config.update({"multiple": True, "max": field.type.max_items})
    else:
        config.update(widget(field.type, field.example_value(), form))
    config["required"] = required
    _labelled(config, label(field), hint(field))
    # Written into new files: what the build would assume, or what the kind would rather see there
    # (a commune's article sent up to its parent); a file without the key still means the default.
    default = field.default if field.prefill is None else field.prefill
    if default not in (None, (), "", False) and not isinstance(field.type, (TextList, MappingList, Mapping)):
        config["default"] = default
    return config


def _sub_fields(mapping: Mapping, form: Form, required: bool) -> list[dict]:
    """A nested mapping's keys. Inside an optional mapping every key is optional:
    Decap refuses to save an empty optional object whose keys are required."""
    fields = []
    for name, kind in mapping.fields.items():
        config = {"name": name}
        config.update(_mapping(kind, kind.example, form, False) if isinstance(kind, Mapping)
                      else widget(kind, kind.example, form))
        config["required"] = required and name in mapping.required
        _labelled(config, mapping.labels.get(name) or name.replace("_", " ").capitalize(), "")
        fields.append(config)
    return fields


def editable(kind: Kind) -> bool:
    """Kinds whose files live in a folder of the site (site.yaml is the webmaster's)."""
    return bool(kind.folder) and kind.make is not None


def collection(kind: Kind, form: Form) -> dict:
    name = kind.label[:1].upper() + kind.label[1:]
    markdown = any(e in MARKDOWN for e in kind.extensions)
    identifier = next((f.name for f in kind.fields if f.required and type(f.type) is Text), "title")
    dated = kind.scaffold is not None and kind.scaffold.dated
    date = next((f.name for f in kind.fields if isinstance(f.type, DateTime)), None) if dated else None
    offered = _offered(kind, form)
    fields = []
    for field in kind.fields:
        if field.name == date:  # names the file: always there, now unless the editor changes it
            fields.append({**field_config(field, form, required=True), "default": "{{now}}"})
        else:
            fields.append(field_config(field, form, offered=offered.get(field.name, ())))
    if kind.has_body:
        fields.append(_body(kind))
    return {
        "name": kind.name, "label": name, "label_singular": name,
        "folder": f"{form.base}/{kind.folder}",
        "extension": "md" if markdown else kind.extensions[0].lstrip("."),
        "format": "frontmatter" if markdown else "yaml",
        "create": True, "delete": True,
        # Decap's {{year}}-{{month}}-{{day}} are in UTC: the date is formatted from the field instead.
        "slug": "{{fields.%s | date('YYYY-MM-DD')}}-{{slug}}" % date if date else "{{slug}}",
        "identifier_field": identifier,
        **_listing(kind, form, identifier),
        **form.media(paths.PICTURES.rstrip("/")),
        "fields": fields,
    }


def _body(kind: Kind) -> dict:
    return {"label": "Nội dung", "name": "body", "widget": "markdown", "required": kind.body_required,
            "hint": kind.body_help[:1].upper() + kind.body_help[1:],
            "buttons": list(MARKDOWN_BUTTONS), "editor_components": ["image"],
            "modes": ["rich_text", "raw"],
            # the preview shows the body through DOMPurify: no editor's HTML runs on the admin page
            "sanitize_preview": True}


def _listing(kind: Kind, form: Form, identifier: str) -> dict:
    """How the list of a kind's files reads: newest first by its first date, each line that date
    and its title (sitegen-cms.js shows the date as 20/11/2026 09:30), filters for its switches
    (drafts, pinned ...), and after saving a link to the item's page (ADMIN_VIEW finds it)."""
    when = next((f for f in kind.fields if isinstance(f.type, DateTime)), None)
    listing: dict[str, Any] = {"sortable_fields": [identifier]}
    if when is not None:
        listing["sortable_fields"] = [{"field": when.name, "default_sort": "desc"}, identifier]
        listing["summary"] = "{{%s}} — {{%s}}" % (when.name, identifier)
    switches = [{"label": label(f), "field": f.name, "pattern": True} for f in kind.fields
                if isinstance(f.type, Boolean) and (form.site.sub_site or not f.sub_sites_only)]
    if switches:
        listing["view_filters"] = switches
    if kind.publishing is not None and kind.publishing.item is not None:
        listing["preview_path"] = f"{paths.ADMIN_VIEW}#{kind.name}/{{{{filename}}}}"
    return listing


def _offered(kind: Kind, form: Form) -> dict[str, tuple[str, ...]]:
    """The fields where the form offers the site's terms of a taxonomy (its categories):
    those its site.yaml lists and those its records use, known when the site was built.
    A site without any keeps a box to write in."""
    found = {}
    for taxonomy in kind.publishing.taxonomies if kind.publishing else ():
        terms = form.site.terms.get(taxonomy.name, ())
        if terms:
            found.update({name: terms for name in taxonomy.chosen_in})
    return found


def site_form(site: Any, kinds: Registry, logo: str = "") -> SiteForm:
    """What a site's form knows of the site (a portal.model.Site): whether it has a parent, and the
    terms of each taxonomy the form offers, its site.yaml's first, then every spelling its records use."""
    terms = {}
    for kind in kinds:
        for taxonomy in kind.publishing.taxonomies if kind.publishing else ():
            if not taxonomy.chosen_in:
                continue
            listed = list(taxonomy.listed(site.config) if taxonomy.listed else ())
            used = {name for record in site.own(kind.name) for name in taxonomy.terms(record)} - set(listed)
            terms[taxonomy.name] = tuple(listed + sorted(used, key=collation_key))
    return SiteForm(sub_site=site.parent is not None, terms=terms, logo=logo)


def page_addresses(site: Any, kinds: Registry) -> dict[str, str]:
    """Each of the site's own files that makes a page ('news/2026-11-20-hop-dan') and that page's
    path in the site: how ADMIN_VIEW finds the page of the file the editor has just saved."""
    found: dict[str, str] = {}
    for kind in kinds:
        if kind.publishing is None or kind.publishing.item is None:
            continue
        for record in site.own(kind.name):
            found.setdefault(f"{kind.name}/{PurePosixPath(record.source).stem}", kind.item_path(record))
    return found


def backend(target: CmsTarget) -> dict:
    """Decap's back end: the portal's publishing service or the forge the root names,
    else the preview's local one."""
    if not target.backend:
        return {"name": "proxy", "proxy_url": LOCAL_API.format(folder=target.folder), "branch": "main"}
    if target.backend == SERVICE:
        return {"name": "proxy", "proxy_url": SERVICE_PATH + target.folder, "branch": "main"}
    config = {"name": target.backend, "repo": target.repo, "branch": target.branch}
    if target.backend == "gitlab":
        config["auth_type"] = "pkce"
    if target.base_url:
        config["base_url"] = target.base_url
    if target.api_root:
        config["api_root"] = target.api_root
    config["app_id"] = target.app_id
    return config


def service_url(target: CmsTarget) -> str:
    """Where the admin page asks the publishing service what is live ('' without the service)."""
    return SERVICE_PATH + target.folder if target.backend == SERVICE else ""


def site_config(target: CmsTarget, site_url: str, kinds: Registry, site: SiteForm | None = None) -> dict:
    """The whole config.yml of one site's admin page. The top bar's link to the site says the
    site's name, not its address (sitegen-cms.js); after saving, "Xem trên trang" opens the
    page made from the file (each collection's preview_path)."""
    form = Form(target.folder, kinds, site)
    workflow = {"publish_mode": "editorial_workflow"} if target.backend == SERVICE and target.review else {}
    logo = {"logo_url": form.site.logo} if form.site.logo else {}  # instead of Decap's own on the login page
    return {
        "locale": "vi",
        "backend": backend(target),
        **workflow,
        "site_url": site_url,
        "display_url": site_url,
        **logo,
        "show_preview_links": True,
        "media_folder": f"{form.base}/{paths.PICTURES.rstrip('/')}",
        "public_folder": paths.PICTURES.rstrip("/"),
        # File names from titles: "Đăng ký khai sinh" -> dang-ky-khai-sinh.md, as the build's slugs.
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": [collection(kind, form) for kind in kinds if editable(kind)],
    }


def with_local_backend(config: dict, site_url: str) -> dict:
    """A site's configuration as `serve --edit` serves it: saving through the
    preview's local back end instead of the forge, its link to the site the preview's."""
    match = re.fullmatch(rf"{REPOSITORY_FOLDER}/([a-z0-9-]+)/{paths.PICTURES.rstrip('/')}",
                         str(config.get("media_folder", "")))
    if match is None:
        raise ValueError("not a configuration sitegen wrote")
    simple = {key: value for key, value in config.items() if key != "publish_mode"}
    return {**simple, "backend": backend(CmsTarget(match.group(1))), "site_url": site_url, "display_url": site_url}


def admin_policy(target: CmsTarget) -> str:
    """The content security policy of a site's admin page: the CMS from this origin,
    talking to this origin and the forge only. Decap compiles its configuration's
    schema with new Function ('unsafe-eval') and styles itself inline (SECURITY.md).
    The page carries it (a <meta>); the web server adds it, with frame-ancestors,
    as a header (serving/nginx.py)."""
    forge = "".join(f" {origin}" for origin in forge_origins(target))
    return ("default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
            f"img-src 'self' blob: data:{forge}; connect-src 'self' blob:{forge}; font-src 'self'; "
            "object-src 'none'; base-uri 'self'; form-action 'none'")


def forge_origins(target: CmsTarget) -> tuple[str, ...]:
    """The forge's origins the admin page talks to (its content security policy allows them)."""
    found = []
    for url in (target.base_url, target.api_root):
        named = origin(url or "")  # a plain host only: the policy must not take a ';' or a quote
        if named and named not in found:
            found.append(named)
    return tuple(found)
