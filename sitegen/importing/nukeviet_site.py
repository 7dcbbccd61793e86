"""What a NukeViet site says once, for every module reader: its configuration
(`<prefix>_config`), its modules (`<prefix>_<lang>_modules` and their function
names), who may read what (`<prefix>_users_groups`), and how it wrote its
addresses; and the helpers every reader uses on NukeViet's values.

NukeViet keeps times as Unix seconds: they are shown in Vietnam's time
(Asia/Ho_Chi_Minh), whatever the old server's zone. It keeps the text an
editor typed HTML-escaped (nv_htmlspecialchars: '&#x002F;' for '/', '&amp;'):
`text()` gives the characters back, tags dropped.

Addresses: a page of a module is `index.php?language=<lang>&nv=<module>&op=<op>`;
with rewriting on, `/<module>/<op>` (the language first unless
`rewrite_optional`; the module's name left out for the one `rewrite_op_mod`
names), ending with `rewrite_endurl` ('/') unless the op ends with
`rewrite_exturl` ('.html'). `Site.addresses` gives every form a browser may
still hold, as nginx compares them (serving/moved.py).
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime

from ..content.dates import LOCAL_TZ
from ..messages.console import say
from .nukeviet_db import Database

UPLOADS = "uploads"  # NV_UPLOADS_DIR: where a module's files are, under the site's root
PUBLIC_GROUPS = {"5", "6"}  # NukeViet's guests (5) and everyone (6); nv_user_in_groups()
REWRITABLE = re.compile(r"[A-Za-z0-9\-/]+")  # an op nv_url_rewrite_callback() rewrites (else kept as a query)


@dataclass
class Module:
    """One module of the site: `nv=<name>` in its addresses, its tables `<prefix>_<lang>_<data>_...`,
    its files under uploads/<upload>/."""

    name: str
    file: str  # what it is: news, laws, organs, page ...
    data: str
    upload: str
    title: str  # as the old site's menu named it
    active: bool
    config: dict = field(default_factory=dict)
    funcs: dict = field(default_factory=dict)  # function name -> its alias in addresses

    def func(self, name: str) -> str:
        return self.funcs.get(name) or name


class Site:
    def __init__(self, db: Database, prefix: str, lang: str, now: datetime | None = None):
        db.check_site(prefix, lang)
        self.db, self.prefix, self.lang = db, prefix, lang
        self.now = now or datetime.now(LOCAL_TZ)
        self.config = self._config()
        self.modules = self._modules()
        self.groups = {str(row.get("group_id")): text(row.get("title")) for row in self._table("users_groups")}
        kept = self.config.get(("sys", "global"), {})  # a setting left empty means no ending: not the default
        self.rewrite = {name: str(kept.get(name, default) or "") for name, default in
                        (("rewrite_endurl", "/"), ("rewrite_exturl", ".html"), ("rewrite_op_mod", ""))}
        self.numbers: dict[str, str] = {}  # documents' numbers taken so far (as slugs) -> the row that took it
        self.base_urls = self.bases()

    # The site ----------------------------------------------------------------------

    def _table(self, name: str, order: str = "") -> list[dict]:
        table = f"{self.prefix}_{name}"
        return self.db.rows(table, order) if self.db.has(table) else []

    def _config(self) -> dict[tuple[str, str], dict[str, str]]:
        found: dict[tuple[str, str], dict[str, str]] = {}
        for row in self._table("config"):
            found.setdefault((row.get("lang") or "", row.get("module") or ""), {})[row.get("config_name")] = \
                row.get("config_value")
        return found

    def setting(self, name: str, lang: str, module: str) -> str:
        return str(self.config.get((lang, module), {}).get(name) or "")

    def _modules(self) -> list[Module]:
        funcs: dict[str, dict[str, str]] = {}
        for row in self._table(f"{self.lang}_modfuncs"):
            funcs.setdefault(row.get("in_module") or "", {})[row.get("func_name") or ""] = row.get("alias") or ""
        modules = []
        for row in self.db.rows(f"{self.prefix}_{self.lang}_modules", "weight"):
            name = row.get("title") or ""
            modules.append(Module(name, row.get("module_file") or "", row.get("module_data") or "",
                                  row.get("module_upload") or name, text(row.get("custom_title")) or name,
                                  str(row.get("act")) == "1", self.config.get((self.lang, name), {}),
                                  funcs.get(name, {})))
        return modules

    def bases(self) -> tuple[str, ...]:
        """The old site's own addresses (my_domains, site_domain), with either scheme: pictures
        there are the site's own, brought in from --uploads."""
        names = self.setting("my_domains", "sys", "global").split(",") + [self.setting("site_domain", self.lang,
                                                                                       "global")]
        found = []
        for name in (n.strip().strip("/") for n in names):
            if name and "/" not in name.split("://")[-1]:
                rest = name.split("://")[-1]
                found += [f"https://{rest}/", f"http://{rest}/"]
        return tuple(dict.fromkeys(found))

    # A module's data ---------------------------------------------------------------

    def table(self, module: Module, suffix: str) -> str:
        return f"{self.prefix}_{self.lang}_{module.data}_{suffix}"

    def rows(self, module: Module, suffix: str, order: str = "", required: bool = True) -> list[dict]:
        """The rows of one of the module's tables; a required one missing is a SourceError."""
        table = self.table(module, suffix)
        if not self.db.has(table):
            if required:
                self.db.require(table, module.name, module.file)
            return []
        return self.db.rows(table, order)

    def upload(self, module: Module, path: str) -> str:
        """A file a module names (relative to uploads/<module>/, or an address) as the old site served it."""
        path = html.unescape(str(path or "").strip())
        if not path or re.match(r"(?i)https?://|/", path):
            return path
        return f"/{UPLOADS}/{module.upload}/{path}"

    def elsewhere(self, address: str) -> bool:
        """An address of another site: neither a path nor under the old site's own addresses."""
        return bool(re.match(r"(?i)https?://", address)) and not address.startswith(self.base_urls)

    def attachments(self, addresses: list[str]) -> str:
        """Files as links under 'Tệp đính kèm:' (in the data's language), for the end of a body."""
        if not addresses:
            return ""
        links = "".join(f'<li><a href="{html.escape(a)}">{html.escape(a.rstrip("/").rsplit("/", 1)[-1])}</a></li>'
                        for a in addresses)
        return f"<p>{html.escape(self.word('import-nv-attachments'))}</p><ul>{links}</ul>"

    def private(self, groups: object) -> str:
        """'' when anyone could read it (NukeViet's groups 5, guests, or 6, everyone); else
        the groups who could, by name."""
        named = [g.strip() for g in str(groups or "").split(",") if g.strip()]
        if PUBLIC_GROUPS & set(named):
            return ""
        return ", ".join(self.groups.get(g) or g for g in named) or "-"

    def addresses(self, module: Module, op: str, ending: bool = False) -> tuple[str, ...]:
        """Where the old site answered for a page of the module (see the module's docstring);
        ending: the op is an article's, which NukeViet ends with rewrite_exturl."""
        full = op + self.rewrite["rewrite_exturl"] if ending else op
        query = f"/index.php?language={self.lang}&nv={module.name}&op="
        urls = [query + full] + ([query + op] if ending else [])
        if not REWRITABLE.fullmatch(op):
            return tuple(dict.fromkeys(urls))
        end = "" if ending else self.rewrite["rewrite_endurl"]
        tails = [f"{module.name}/{full}{end}"]
        if module.name == self.rewrite["rewrite_op_mod"]:
            tails.append(f"{full}{end}")
        for tail in tails:
            urls += [f"/{tail}", f"/{self.lang}/{tail}"]
        return tuple(dict.fromkeys(urls))

    def word(self, code: str, **values: object) -> str:
        """A message of the catalogue in the data's language, for a text written into a file."""
        return say(code, "en" if self.lang == "en" else "vi", **values)

    def past(self, stamp: object) -> bool:
        return 0 < number(stamp) <= self.now.timestamp()


# NukeViet's values ----------------------------------------------------------------


def number(value: object) -> int:
    try:
        return int(value or 0)
    except (TypeError, ValueError):
        return 0


def text(value: object) -> str:
    """An escaped text as its characters, on one line: tags dropped, entities decoded."""
    raw = re.sub(r"<[^>]*>", " ", str(value or ""))
    return " ".join(html.unescape(raw).split())


def local_time(stamp: object, before_1970: bool = False) -> str | None:
    """Unix seconds as 'YYYY-MM-DD HH:MM' in Vietnam's time; None for none (0). A time before
    1970 is negative: a birthday may be, a time something happened on the site may not."""
    seconds = number(stamp)
    if seconds == 0 or (seconds < 0 and not before_1970):
        return None
    return datetime.fromtimestamp(seconds, LOCAL_TZ).strftime("%Y-%m-%d %H:%M")


def local_day(stamp: object) -> str | None:
    """A document's date: 'YYYY-MM-DD' when NukeViet kept midnight (a date chosen in a calendar),
    else with its time."""
    moment = local_time(stamp)
    return moment[:10] if moment and moment.endswith(" 00:00") else moment


def shown_day(stamp: object, before_1970: bool = False) -> str:
    """'DD/MM/YYYY', for a note or a fact of a biography."""
    moment = local_time(stamp, before_1970)
    return f"{moment[8:10]}/{moment[5:7]}/{moment[:4]}" if moment else ""


def nukeviet_alias(name: str) -> str:
    """A name as NukeViet's change_alias() writes it in an address: 'Lê Văn T' -> 'Le-Van-T'."""
    folded = unicodedata.normalize("NFD", html.unescape(name).replace("đ", "d").replace("Đ", "D"))
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return "-".join(re.sub(r"[^a-zA-Z0-9]", " ", folded).split())


def paragraphs(value: object) -> str:
    """A NukeViet plain text (hometext, introtext: escaped, lines as <br />) as HTML paragraphs."""
    lines = [text(line) for line in re.split(r"<br\s*/?>|\n", str(value or ""))]
    return "".join(f"<p>{html.escape(line, quote=False)}</p>" for line in lines if line)
