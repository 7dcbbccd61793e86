"""A NukeViet news module (module_file `news`) as news articles.

Its tables: `_rows` (one an article: title, alias, categories, author, source,
times, status, lead picture, hometext), `_detail` (the body, bodyhtml, its
source address and attached files), `_cat` (categories, with who may read
them), `_tags_id` (an article's tags, as typed), `_sources` (where an article
was taken from).

What becomes what:

* the title, the main category first then the others (listcatid), the author
  (the `author` the editor typed), the hometext as the summary, the tags;
* the lead picture (homeimgfile, under uploads/<module>/ or an address) as
  `image`, its homeimgalt (else the title, which NukeViet used for it) as
  `image_caption`;
* `publtime` is the date; status 1 is published, 2 scheduled: NukeViet
  publishes it at its publtime, as the build does, so a future date keeps it
  back and a past one is published;
* an article whose expiry (exptime) has passed was deleted by NukeViet when
  set so (archive 0: left out) or archived (imported with `draft: true`,
  noted); status 3 (archived) the same;
* status 0 (suspended) and the stages of NukeViet's editorial workflow (4
  draft, 5, 7, 8, 10, 12, 13 waiting for review or publication) were never
  or no longer public: imported with `draft: true` and noted; 6 and 9 (refused
  by the reviewer) are left out; an article whose category is suspended
  (status 0) is a draft too, one whose category only members could read
  (groups_view) is left out;
* an article that only sent readers on to another site (external_link) gets
  a link there as its body, noted;
* the body is bodyhtml, then the attached files as links and the source
  ("Nguồn: ...", the data's language), which the writer brings in or keeps.

The old addresses: `op=<category alias>/<alias>-<id>` with and without
`.html`, and its rewritten forms (nukeviet_site.Site.addresses).
"""

from __future__ import annotations

import html
from collections import defaultdict

from ..content.kinds import DEFAULT
from .fields import first_words, fit, fit_list
from .model import Batch, Item, LeftOut, Upload
from .nukeviet_site import Module, Site, local_time, number, paragraphs, shown_day, text

REFUSED = (6, 9)  # 'Từ chối duyệt bài', 'Từ chối đăng bài'
PUBLISHED = (1, 2)  # published; scheduled (NukeViet publishes it at publtime)


class News:
    def __init__(self, site: Site, module: Module):
        self.site, self.module = site, module
        self.kind = DEFAULT.get("news")
        self.categories = {row["catid"]: row for row in site.rows(module, "cat")}
        self.sources = {row["sourceid"]: row for row in site.rows(module, "sources", required=False)}
        self.tags: dict[int, list[str]] = defaultdict(list)
        for row in site.rows(module, "tags_id", "id,keyword", required=False):
            tag = text(row.get("keyword"))
            if tag and tag not in self.tags[row["id"]]:
                self.tags[row["id"]].append(tag)
        self.details = {row["id"]: row for row in site.rows(module, "detail")}

    def read(self, batch: Batch) -> None:
        for row in self.site.rows(self.module, "rows", "id"):
            self.add(row, self.details.get(row["id"], {}), batch)

    def add(self, row: dict, detail: dict, batch: Batch) -> None:
        key = f"{self.module.data}-{row['id']}@{number(row.get('addtime'))}"
        title, notes = text(row.get("title")), []
        category = self.categories.get(row.get("catid"), {})
        state = self._state(row, category)
        if state[0] == "leave":
            batch.left_out.append(LeftOut(key, title or row.get("alias") or key, state[1], state[2]))
            return
        body, own = self._body(row, detail, notes), str(detail.get("bodyhtml") or "")  # own: the article's text
        if not title:
            title = first_words(text(own) or text(row.get("hometext")))
            if not title:
                batch.left_out.append(LeftOut(key, row.get("alias") or key, "import-nv-no-title"))
                return
            notes.append(("import-nv-made-title", {"title": title}))
        fields = {"title": fit(self.kind, "title", title, notes, "nv")}
        date = local_time(row.get("publtime")) or local_time(row.get("addtime"))
        if date:
            fields["date"] = date
        fields.update(self._fields(row, notes))
        if state[0] == "draft":
            fields["draft"] = True
            notes.append((state[1], state[2]))
        if not text(own) and "<img" not in own and not number(row.get("external_link")):
            notes.append(("import-empty-body", {}))
        batch.items.append(Item("news", key, fields, body_html=body, name=row.get("alias") or title,
                                old_urls=self._old_urls(row, category), uploads=self._picture(row, fields, notes),
                                notes=notes))

    def _state(self, row: dict, category: dict) -> tuple[str, str | None, dict]:
        """('leave', code, values), ('draft', code, values) or ('publish', None, {})."""
        status, expiry = number(row.get("status")), row.get("exptime")
        private = self.site.private(category.get("groups_view")) if category else ""
        if private:
            return "leave", "import-nv-private", {"groups": private}
        if (status in PUBLISHED and self.site.past(expiry)) or status == 3:
            if status != 3 and not number(row.get("archive")):
                return "leave", "import-nv-expired", {"expired": shown_day(expiry)}
            return "draft", "import-nv-expired-kept", {"expired": shown_day(expiry) or "?"}
        if status in REFUSED:
            return "leave", "import-nv-rejected", {"status": status}
        if status == 0 or (status in PUBLISHED and category and number(category.get("status")) == 0):
            return "draft", "import-nv-suspended", {}
        if status not in PUBLISHED:
            return "draft", "import-nv-unpublished", {"status": status}
        return "publish", None, {}

    def _fields(self, row: dict, notes: list) -> dict:
        """The categories, author, summary and tags, as the kind takes them."""
        fields: dict = {}
        chosen = [row.get("catid")] + [number(c) for c in str(row.get("listcatid") or "").split(",")]
        names = [text(self.categories[c].get("title")) for c in dict.fromkeys(chosen) if c in self.categories]
        names = fit_list(self.kind, "categories", [n for n in dict.fromkeys(names) if n], notes, "nv")
        if len(names) == 1:
            fields["category"] = fit(self.kind, "category", names[0], notes, "nv")
        elif names:
            fields["categories"] = names
        author = text(row.get("author"))
        if author:
            fields["author"] = fit(self.kind, "author", author, notes, "nv")
        summary = text(row.get("hometext"))
        if summary:
            fields["summary"] = fit(self.kind, "summary", summary, notes, "nv")
        tags = fit_list(self.kind, "tags", self.tags.get(row["id"], []), notes, "nv")
        if tags:
            fields["tags"] = tags
        return fields

    def _picture(self, row: dict, fields: dict, notes: list) -> list[Upload]:
        """The lead picture (homeimgthumb 1, 2: a file of the module; 3: an address: another site's is noted)."""
        picture = self.site.upload(self.module, row.get("homeimgfile"))
        if not picture or number(row.get("homeimgthumb")) == 0:
            return []
        if self.site.elsewhere(picture):
            notes.append(("import-nv-remote-picture", {"url": picture}))
            return []
        fields["image_caption"] = fit(self.kind, "image_caption", text(row.get("homeimgalt")) or fields["title"],
                                      [], "nv")
        return [Upload(picture, field="image")]

    def _body(self, row: dict, detail: dict, notes: list) -> str:
        """bodyhtml (or, for an article that sent readers on, a link there), its files and its source."""
        body = str(detail.get("bodyhtml") or "")
        source_address = html.unescape(str(detail.get("sourcetext") or "").strip())
        if number(row.get("external_link")) and source_address.startswith(("http://", "https://")):
            notes.append(("import-nv-external-link", {"url": source_address}))
            link = html.escape(source_address)
            body = paragraphs(row.get("hometext")) + f'<p><a href="{link}">{link}</a></p>'
        files = [self.site.upload(self.module, f) for f in str(detail.get("files") or "").split(",") if f.strip()]
        return body + self.site.attachments(files) + self._source(row, source_address)

    def _source(self, row: dict, address: str) -> str:
        """'Nguồn: <name>' as NukeViet showed it, linked to the original when its address is known."""
        name = text(self.sources.get(row.get("sourceid"), {}).get("title"))
        linked = address.startswith(("http://", "https://"))
        if not name and not linked:
            name = text(address)
        if not name and not linked:
            return ""
        shown = html.escape(name or address.split("://", 1)[1].split("/", 1)[0])
        if linked:
            shown = f'<a href="{html.escape(address)}">{shown}</a>'
        return "<p>" + html.escape(self.site.word("import-nv-source", source="\0")).replace("\0", shown) + "</p>"

    def _old_urls(self, row: dict, category: dict) -> tuple[str, ...]:
        alias = str(row.get("alias") or "").strip()
        if not alias or not category:
            return ()
        return self.site.addresses(self.module, f"{category.get('alias')}/{alias}-{row['id']}", ending=True)
